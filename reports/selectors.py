"""The funding report's figures, read from every app through its own selectors.

Each app counts in the database; this module names the categories in words, arranges the counts
as tables by quarter, and applies small-cell suppression before anything is shown or exported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from cases.models import TABLE_METRICS, CaseType, ClosingCode, Grant, Hearing, Outcome, ProblemCode
from cases.models import ReportMetric as M
from cases.selectors import case_report_counts, deadline_report_counts
from clinic.aggregates import Period
from clinic.templatetags.clinic_tags import language_names
from intake.models import AgeBand, CommunityArea, Gender, Intake, OutreachEvent
from intake.models.demographics import CHICAGO_WARDS
from intake.selectors import intake_clients, intake_report_counts, outreach_report_counts
from reports.suppression import Table, display, suppress
from response.models import Response
from response.selectors import response_figures


@dataclass(frozen=True)
class Measure:
    """One figure of the summary; `key` is what a grant's funder may ask for (ReportMetric)."""

    key: str
    label: str
    value: str


@dataclass(frozen=True)
class AskedFor:
    """A figure or table the grant's funder asks for, with its value: a table gives its total
    (suppressed like its cells), and `table_key` names it so that pages can point to it."""

    key: str
    label: str
    value: str
    table_key: str = ""


@dataclass
class ReportData:
    period: Period
    grant: Grant | None
    threshold: int
    hourly_rate: Decimal
    summary: list[Measure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    lsc: Table | None = None
    queries: int = 0

    @property
    def asked_keys(self) -> list[str]:
        return list(self.grant.metrics) if self.grant is not None else []

    def figures(self) -> dict[str, str]:
        """The summary as {label: value}."""
        return {measure.label: measure.value for measure in self.summary}

    def asked_for(self) -> list[AskedFor]:
        """What the grant's funder asks for, in the grant's order, each with its figure."""
        measures = {measure.key: measure for measure in self.summary}
        tables = {table.key: table for table in [*self.tables, *([self.lsc] if self.lsc else [])]}
        out = []
        for key in self.asked_keys:
            if key in measures:
                out.append(AskedFor(key, measures[key].label, measures[key].value))
            elif key in tables:
                table = tables[key]
                total = display(table, self.threshold)[-1][1][-1]
                out.append(
                    AskedFor(key, table.title, _("%(total)s in all (table below)") % {"total": total}, key)
                )
            elif key in M.values:  # a table this report has not got (the LSC report of non-LSC money)
                out.append(AskedFor(key, str(M(key).label), _("Not part of this grant's report")))
        return out

    def tables_in_order(self) -> list[Table]:
        """The tables, those the funder asks for first (in the grant's order)."""
        asked = [key for key in self.asked_keys if key in TABLE_METRICS]
        return sorted(
            self.tables, key=lambda table: asked.index(table.key) if table.key in asked else len(asked)
        )


def _table(key: str, heading: str, counts: dict, labels: dict, quarters: list[str]) -> Table:
    """Rows for every category that occurs (in the order of `labels`, then any others), titled as
    the metric a funder asks for."""
    seen = {category for category, _quarter in counts}
    unlabelled = sorted(seen - set(labels), key=lambda code: (code == "", code))  # "not recorded" last
    order = [code for code in labels if code in seen] + unlabelled
    title = str(M(key).label)
    rows = [
        (str(labels.get(code, code or _("Not recorded"))), [counts.get((code, q), 0) for q in quarters])
        for code in order
    ]
    return Table(str(key), title, heading, quarters, rows)


def _days(value: timedelta | None) -> str:
    if value is None:
        return "—"
    return _("%(days)s days") % {"days": round(value.total_seconds() / 86400, 1)}


def _hours(value) -> str:
    return "—" if value is None else _("%(hours)s hours") % {"hours": round(value, 1)}


def _tenths(value) -> Decimal:
    """A sum of hours as the database returns it (SQLite: a float) in tenths of an hour."""
    return Decimal(str(value or 0)).quantize(Decimal("0.1"))


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "—"


def funding_report_data(
    *, period: Period, grant: Grant | None, threshold: int, hourly_rate: Decimal
) -> ReportData:
    quarters = period.quarters()
    within = Q(case__grant=grant) if grant is not None else None
    intakes = intake_report_counts(period=period, within=within)
    cases = case_report_counts(period=period, grant=grant)
    clients = (
        intake_clients(period=period, within=within).union(cases["client_ids"]).count()
    )  # unduplicated: a client with an intake and a case counts once
    outreach = outreach_report_counts(period=period)
    deadlines = deadline_report_counts(period=period, grant=grant)
    responses = response_figures(start=period.start_at, end=period.end_at)
    data = ReportData(period=period, grant=grant, threshold=threshold, hourly_rate=hourly_rate)
    hours, pro_bono_hours = _tenths(cases["hours"]), _tenths(cases["pro_bono_hours"])
    granted, decided = cases["relief_granted"], cases["decided"]

    def measure(key: str, value, label: str | None = None) -> Measure:
        return Measure(str(key), label or str(M(key).label), str(value))

    data.summary = [
        measure(M.CLIENTS_SERVED, clients),
        measure(M.CASES_OPENED, cases["opened"]),
        measure(M.CASES_CLOSED, cases["closed"]),
        measure(M.RELIEF_GRANTED, f"{granted} / {decided} ({_share(granted, decided)})"),
        measure(M.RELEASED, cases["released"]),
        measure(M.HOURS, hours),
        measure(M.PRO_BONO_HOURS, pro_bono_hours),
        measure(
            M.PRO_BONO_VALUE,
            f"${(pro_bono_hours * hourly_rate):,.2f}",
            _("Value of pro bono hours at $%(rate)s an hour") % {"rate": hourly_rate},
        ),
        measure(M.MEDIAN_TO_ACCEPTANCE, _days(cases["median_to_acceptance"])),
        measure(M.ATTORNEYS_ACTIVE, cases["attorneys_active"]),
        measure(M.DEADLINES_MET, deadlines["met"]),
        measure(M.DEADLINES_MISSED, deadlines["missed"]),
        measure(M.DEADLINES_WAIVED, deadlines["waived"]),
        measure(M.DETENTIONS, responses["total"]),
        measure(M.HOURS_TO_LOCATED, _hours(responses["median_hours_to_located"])),
        measure(M.HOURS_TO_REPRESENTED, _hours(responses["median_hours_to_represented"])),
        measure(M.TRANSFERS, responses["transfers_per_person"] or 0),
        measure(M.OUTREACH_EVENTS, outreach["events"]),
        measure(M.OUTREACH_ATTENDEES, outreach["attendees"]),
        measure(M.OUTREACH_MATERIALS, outreach["materials"]),
        measure(M.INTAKES_AT_EVENTS, outreach["intakes_at_events"]),
    ]
    for key, code in ((M.LSC_101, "101"), (M.LSC_111, "111")):
        figures = outreach["lsc_other_services"].get(code, {"events": 0, "attendees": 0})
        data.summary.append(
            measure(
                key,
                _("%(events)s held, %(people)s people")
                % {"events": figures["events"], "people": figures["attendees"]},
            )
        )
    languages = {code: language_names([code]) for code, _quarter in intakes["language"]}
    event_languages = {code: language_names([code]) for code, _quarter in outreach["by_language"]}
    wards = {str(n): _("Ward %(n)s") % {"n": n} for n in range(1, CHICAGO_WARDS + 1)}
    channels, case_types = dict(Intake.Channel.choices), dict(CaseType.choices)
    detained = {"True": _("Detained"), "False": _("Not detained")}

    def table(key: str, heading: str, counts: dict, labels: dict) -> Table:
        return _table(key, heading, counts, labels, quarters)

    tables = [
        table(M.INTAKES_BY_CHANNEL, _("Channel"), intakes["channel"], channels),
        table(M.INTAKES_BY_OUTCOME, _("Outcome"), intakes["outcome"], dict(Intake.Status.choices)),
        table(M.HOTLINE_EMERGENCIES, _("Channel"), intakes["emergencies"], channels),
        table(M.CASES_OPENED_BY_TYPE, _("Case type"), cases["opened_by_type"], case_types),
        table(M.CASES_CLOSED_BY_TYPE, _("Case type"), cases["closed_by_type"], case_types),
        table(M.CASES_CLOSED_BY_PROBLEM_CODE, _("Problem code"), cases["closed_by_problem"],
              dict(ProblemCode.choices)),
        table(M.CASES_CLOSED_BY_CLOSING_CODE, _("Closing code"), cases["closed_by_closing"],
              dict(ClosingCode.choices)),
        table(M.OUTCOMES, _("Outcome"), cases["outcome"], dict(Outcome.choices)),
        table(M.DETAINED, _("Detained"), cases["detained"], detained),
        table(M.HEARINGS, _("Kind of hearing"), cases["hearings"], dict(Hearing.Kind.choices)),
        table(M.CLIENTS_BY_LANGUAGE, _("Language"), intakes["language"], languages),
        table(M.CLIENTS_BY_INCOME, _("Income band"), intakes["income_band"], dict(Intake.Band.choices)),
        table(M.CLIENTS_BY_COUNTRY, _("Country of birth"), intakes["country"], {}),
        table(M.CLIENTS_BY_AGE, _("Age group"), intakes["age_band"], dict(AgeBand.choices)),
        table(M.CLIENTS_BY_GENDER, _("Gender"), intakes["gender"], dict(Gender.choices)),
        table(M.CLIENTS_BY_ZIP, _("ZIP code"), intakes["zip_code"], {}),
        table(M.CLIENTS_BY_COMMUNITY_AREA, _("Community area"), intakes["community_area"],
              dict(CommunityArea.choices)),
        table(M.CLIENTS_BY_WARD, _("Ward"), intakes["ward"], wards),
        table(M.OUTREACH_BY_KIND, _("Kind"), outreach["by_kind"], dict(OutreachEvent.Kind.choices)),
        table(M.OUTREACH_BY_LANGUAGE, _("Language"), outreach["by_language"], event_languages),
    ]  # fmt: skip
    whole = _("Whole period")
    tables.append(
        _table(
            M.RAPID_RESPONSE_OUTCOMES,
            _("Outcome"),
            {(status, whole): n for status, n in responses["by_outcome"].items() if n},
            dict(Response.Status.choices),
            [whole],
        )
    )
    data.tables = [suppress(each, threshold) for each in tables]
    if grant is None or grant.is_lsc_funded:
        lsc = cases["lsc_csr"]
        closing_codes = list(ClosingCode.values)
        rows = [
            (str(label), [lsc.get((problem, closing), 0) for closing in closing_codes])
            for problem, label in ProblemCode.choices
            if any(lsc.get((problem, closing)) for closing in closing_codes)
        ]
        data.lsc = suppress(
            Table(
                str(M.LSC_CASE_SERVICE_REPORT),
                str(M.LSC_CASE_SERVICE_REPORT.label),
                _("Problem code"),
                closing_codes,
                rows,
            ),
            threshold,
        )
    return data
