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

from cases.models import CaseType, ClosingCode, Grant, Hearing, Outcome, ProblemCode
from cases.selectors import case_report_counts, deadline_report_counts
from clinic.aggregates import Period
from clinic.templatetags.clinic_tags import language_names
from intake.models import Intake, OutreachEvent
from intake.selectors import intake_clients, intake_report_counts, outreach_report_counts
from reports.suppression import Table, suppress
from response.models import Response
from response.selectors import response_figures


@dataclass
class ReportData:
    period: Period
    grant: Grant | None
    threshold: int
    hourly_rate: Decimal
    summary: list[tuple[str, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    lsc: Table | None = None
    queries: int = 0


def _table(key: str, title: str, heading: str, counts: dict, labels: dict, quarters: list[str]) -> Table:
    """Rows for every category that occurs (in the order of `labels`, then any others)."""
    seen = {category for category, _quarter in counts}
    order = [code for code in labels if code in seen] + sorted(seen - set(labels))
    rows = [
        (str(labels.get(code, code or _("Not recorded"))), [counts.get((code, q), 0) for q in quarters])
        for code in order
    ]
    return Table(key, title, heading, quarters, rows)


def _days(value: timedelta | None) -> str:
    if value is None:
        return "—"
    return _("%(days)s days") % {"days": round(value.total_seconds() / 86400, 1)}


def _hours(value) -> str:
    return "—" if value is None else _("%(hours)s hours") % {"hours": round(value, 1)}


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
    pro_bono_hours = Decimal(cases["pro_bono_hours"])
    granted, decided = cases["relief_granted"], cases["decided"]
    data.summary = [
        (_("Clients served (unduplicated)"), str(clients)),
        (_("Cases opened"), str(cases["opened"])),
        (_("Cases closed"), str(cases["closed"])),
        (
            _("Relief granted among decided cases"),
            f"{granted} / {decided} ({_share(granted, decided)})",
        ),
        (_("Released on bond or parole"), str(cases["released"])),
        (_("Hours recorded"), str(cases["hours"])),
        (_("Pro bono hours"), str(pro_bono_hours)),
        (
            _("Value of pro bono hours at $%(rate)s an hour") % {"rate": hourly_rate},
            f"${(pro_bono_hours * hourly_rate):,.2f}",
        ),
        (_("Median time from intake to an attorney's acceptance"), _days(cases["median_to_acceptance"])),
        (_("Attorneys active"), str(cases["attorneys_active"])),
        (_("Deadlines met"), str(deadlines["met"])),
        (_("Deadlines missed"), str(deadlines["missed"])),
        (_("Deadlines waived"), str(deadlines["waived"])),
        (_("Detentions the rapid-response team took on"), str(responses["total"])),
        (
            _("Median hours from the call to locating the person"),
            _hours(responses["median_hours_to_located"]),
        ),
        (_("Median hours from the call to representation"), _hours(responses["median_hours_to_represented"])),
        (_("Transfers between facilities per person"), str(responses["transfers_per_person"] or 0)),
        (_("Workshops and forums held"), str(outreach["events"])),
        (_("People who attended them"), str(outreach["attendees"])),
        (_("Know-your-rights materials handed out"), str(outreach["materials"])),
        (_("Intakes taken at them"), str(outreach["intakes_at_events"])),
    ]
    for code, label in (("101", _("LSC 101 community legal education presentations")),
                        ("111", _("LSC 111 workshops and clinics"))):  # fmt: skip
        figures = outreach["lsc_other_services"].get(code, {"events": 0, "attendees": 0})
        data.summary.append(
            (
                label,
                _("%(events)s held, %(people)s people")
                % {"events": figures["events"], "people": figures["attendees"]},
            )
        )
    languages = {code: language_names([code]) for code, _quarter in intakes["language"]}
    event_languages = {code: language_names([code]) for code, _quarter in outreach["by_language"]}
    tables = [
        _table("intakes_by_channel", _("Intakes by channel"), _("Channel"), intakes["channel"],
               dict(Intake.Channel.choices), quarters),
        _table("intakes_by_outcome", _("Intakes by outcome"), _("Outcome"), intakes["outcome"],
               dict(Intake.Status.choices), quarters),
        _table("hotline_emergencies", _("Hotline emergencies (detentions reported)"), _("Channel"),
               intakes["emergencies"], dict(Intake.Channel.choices), quarters),
        _table("cases_opened_by_type", _("Cases opened by case type"), _("Case type"),
               cases["opened_by_type"], dict(CaseType.choices), quarters),
        _table("cases_closed_by_type", _("Cases closed by case type"), _("Case type"),
               cases["closed_by_type"], dict(CaseType.choices), quarters),
        _table("cases_closed_by_problem_code", _("Cases closed by problem code"), _("Problem code"),
               cases["closed_by_problem"], dict(ProblemCode.choices), quarters),
        _table("cases_closed_by_closing_code", _("Cases closed by closing code"), _("Closing code"),
               cases["closed_by_closing"], dict(ClosingCode.choices), quarters),
        _table("outcomes", _("Outcomes of closed cases"), _("Outcome"), cases["outcome"],
               dict(Outcome.choices), quarters),
        _table("detained", _("Cases opened: detained or not"), _("Detained"), cases["detained"],
               {"True": _("Detained"), "False": _("Not detained")}, quarters),
        _table("hearings", _("Hearings attended"), _("Kind of hearing"), cases["hearings"],
               dict(Hearing.Kind.choices), quarters),
        _table("clients_by_language", _("Clients by preferred language"), _("Language"), intakes["language"],
               languages, quarters),
        _table("clients_by_income", _("Clients by income (% of the poverty guideline)"), _("Income band"),
               intakes["income_band"], dict(Intake.Band.choices), quarters),
        _table("clients_by_country", _("Clients by country of birth"), _("Country of birth"),
               intakes["country"], {}, quarters),
        _table("outreach_by_kind", _("Workshops and forums held"), _("Kind"), outreach["by_kind"],
               dict(OutreachEvent.Kind.choices), quarters),
        _table("outreach_by_language", _("Workshops and forums by language"), _("Language"),
               outreach["by_language"], event_languages, quarters),
    ]  # fmt: skip
    whole = _("Whole period")
    tables.append(
        _table(
            "rapid_response_outcomes",
            _("Rapid-response detentions by outcome"),
            _("Outcome"),
            {(status, whole): n for status, n in responses["by_outcome"].items() if n},
            dict(Response.Status.choices),
            [whole],
        )
    )
    data.tables = [suppress(table, threshold) for table in tables]
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
                "lsc_case_service_report",
                _("LSC Case Service Report: closed cases of eligible clients"),
                _("Problem code"),
                closing_codes,
                rows,
            ),
            threshold,
        )
    return data
