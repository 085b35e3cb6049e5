"""Funders and the grants that cases and time entries are charged to."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models.codes import CaseType


class ReportMetric(models.TextChoices):
    """What a funder may ask the funding report for: the keys of its summary measures and of its
    tables (reports.selectors names them the same; a test keeps the two in step)."""

    CLIENTS_SERVED = "clients_served", _("Clients served (unduplicated)")
    CASES_OPENED = "cases_opened", _("Cases opened")
    CASES_CLOSED = "cases_closed", _("Cases closed")
    RELIEF_GRANTED = "relief_granted", _("Relief granted among decided cases")
    RELEASED = "released", _("Released on bond or parole")
    HOURS = "hours", _("Hours recorded")
    PRO_BONO_HOURS = "pro_bono_hours", _("Pro bono hours")
    PRO_BONO_VALUE = "pro_bono_value", _("Value of pro bono hours")
    MEDIAN_TO_ACCEPTANCE = "median_to_acceptance", _("Median time from intake to an attorney's acceptance")
    ATTORNEYS_ACTIVE = "attorneys_active", _("Attorneys active")
    DEADLINES_MET = "deadlines_met", _("Deadlines met")
    DEADLINES_MISSED = "deadlines_missed", _("Deadlines missed")
    DEADLINES_WAIVED = "deadlines_waived", _("Deadlines waived")
    DETENTIONS = "detentions", _("Detentions the rapid-response team took on")
    HOURS_TO_LOCATED = "hours_to_located", _("Median hours from the call to locating the person")
    HOURS_TO_REPRESENTED = "hours_to_represented", _("Median hours from the call to representation")
    TRANSFERS = "transfers", _("Transfers between facilities per person")
    OUTREACH_EVENTS = "outreach_events", _("Workshops and forums held")
    OUTREACH_ATTENDEES = "outreach_attendees", _("People who attended workshops and forums")
    OUTREACH_MATERIALS = "outreach_materials", _("Know-your-rights materials handed out")
    INTAKES_AT_EVENTS = "intakes_at_events", _("Intakes taken at workshops and forums")
    LSC_101 = "lsc_101", _("LSC 101 community legal education presentations")
    LSC_111 = "lsc_111", _("LSC 111 workshops and clinics")
    # Tables by quarter (TABLE_METRICS).
    INTAKES_BY_CHANNEL = "intakes_by_channel", _("Intakes by channel")
    INTAKES_BY_OUTCOME = "intakes_by_outcome", _("Intakes by outcome")
    HOTLINE_EMERGENCIES = "hotline_emergencies", _("Hotline emergencies (detentions reported)")
    CASES_OPENED_BY_TYPE = "cases_opened_by_type", _("Cases opened by case type")
    CASES_CLOSED_BY_TYPE = "cases_closed_by_type", _("Cases closed by case type")
    CASES_CLOSED_BY_PROBLEM_CODE = "cases_closed_by_problem_code", _("Cases closed by problem code")
    CASES_CLOSED_BY_CLOSING_CODE = "cases_closed_by_closing_code", _("Cases closed by closing code")
    OUTCOMES = "outcomes", _("Outcomes of closed cases")
    DETAINED = "detained", _("Cases opened: detained or not")
    HEARINGS = "hearings", _("Hearings attended")
    CLIENTS_BY_LANGUAGE = "clients_by_language", _("Clients by preferred language")
    CLIENTS_BY_INCOME = "clients_by_income", _("Clients by income (% of the poverty guideline)")
    CLIENTS_BY_COUNTRY = "clients_by_country", _("Clients by country of birth")
    CLIENTS_BY_AGE = "clients_by_age", _("Clients by age group")
    CLIENTS_BY_GENDER = "clients_by_gender", _("Clients by gender")
    CLIENTS_BY_ZIP = "clients_by_zip", _("Clients by ZIP code")
    CLIENTS_BY_COMMUNITY_AREA = "clients_by_community_area", _("Clients by Chicago community area")
    CLIENTS_BY_WARD = "clients_by_ward", _("Clients by Chicago ward")
    OUTREACH_BY_KIND = "outreach_by_kind", _("Workshops and forums by kind")
    OUTREACH_BY_LANGUAGE = "outreach_by_language", _("Workshops and forums by language")
    RAPID_RESPONSE_OUTCOMES = "rapid_response_outcomes", _("Rapid-response detentions by outcome")
    LSC_CASE_SERVICE_REPORT = (
        "lsc_case_service_report",
        _("LSC Case Service Report: closed cases of eligible clients"),
    )


M = ReportMetric
#: The metrics that are tables by quarter; the others are single figures of the summary.
TABLE_METRICS = frozenset(
    {
        M.INTAKES_BY_CHANNEL, M.INTAKES_BY_OUTCOME, M.HOTLINE_EMERGENCIES, M.CASES_OPENED_BY_TYPE,
        M.CASES_CLOSED_BY_TYPE, M.CASES_CLOSED_BY_PROBLEM_CODE, M.CASES_CLOSED_BY_CLOSING_CODE, M.OUTCOMES,
        M.DETAINED, M.HEARINGS, M.CLIENTS_BY_LANGUAGE, M.CLIENTS_BY_INCOME, M.CLIENTS_BY_COUNTRY,
        M.CLIENTS_BY_AGE, M.CLIENTS_BY_GENDER, M.CLIENTS_BY_ZIP, M.CLIENTS_BY_COMMUNITY_AREA,
        M.CLIENTS_BY_WARD,
        M.OUTREACH_BY_KIND, M.OUTREACH_BY_LANGUAGE, M.RAPID_RESPONSE_OUTCOMES, M.LSC_CASE_SERVICE_REPORT,
    }
)  # fmt: skip


class ClientGroup(models.TextChoices):
    """People a grant is meant for, as funders describe them."""

    DETAINED = "detained", _("People in immigration detention")
    CHILDREN = "children", _("Children and unaccompanied minors")
    SURVIVORS = "survivors", _("Survivors of violence or trafficking")
    ASYLUM_SEEKERS = "asylum_seekers", _("People seeking asylum or other humanitarian protection")
    CHICAGO_RESIDENTS = "chicago", _("Chicago residents")
    LOW_INCOME = "low_income", _("Low-income households (at or under 200% of the poverty guideline)")


def _unknown_values(values, choices) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        return [str(values)]
    return sorted(set(values) - set(choices.values))


class Funder(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Grant(models.Model):
    """Money a case or a time entry is charged to. LSC money carries the alien-eligibility rules."""

    funder = models.ForeignKey(Funder, on_delete=models.PROTECT, related_name="grants")
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(_("code"), max_length=40, unique=True)
    is_lsc_funded = models.BooleanField(
        _("LSC-funded"),
        default=False,
        help_text=_("Only clients eligible under the LSC alien-eligibility rules may be served with it."),
    )
    restrictions = models.TextField(_("restrictions"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    amount = models.DecimalField(
        _("amount (USD)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    # Lists of choices' values. JSON lists rather than rows of their own: they are read with the
    # grant, never searched, and both SQLite and PostgreSQL store them alike.
    case_types = models.JSONField(
        _("case types it pays for"),
        default=list,
        blank=True,
        help_text=_("None chosen: every case type."),
    )
    client_groups = models.JSONField(_("people it is meant for"), default=list, blank=True)
    metrics = models.JSONField(_("what the funder asks the report for"), default=list, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["funder__name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="grant_amount_not_negative",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def clean(self) -> None:
        errors = {}
        for field, choices in (
            ("case_types", CaseType),
            ("client_groups", ClientGroup),
            ("metrics", ReportMetric),
        ):
            unknown = _unknown_values(getattr(self, field), choices)
            if unknown:
                errors[field] = _("Unknown choice: %(values)s.") % {"values": ", ".join(unknown)}
        if errors:
            raise ValidationError(errors)

    def covers(self, case_type: str) -> bool:
        """Whether the grant may pay for a case of this type (a grant that names none pays for any)."""
        return not self.case_types or case_type in self.case_types

    def get_case_types_display(self) -> list[str]:
        return [str(CaseType(value).label) for value in self.case_types if value in CaseType.values]

    def get_client_groups_display(self) -> list[str]:
        return [str(ClientGroup(value).label) for value in self.client_groups if value in ClientGroup.values]

    def get_metrics_display(self) -> list[str]:
        return [str(ReportMetric(value).label) for value in self.metrics if value in ReportMetric.values]
