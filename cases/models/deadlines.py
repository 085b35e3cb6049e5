"""Deadline rules (data, with versions), the events that trigger them, and the deadlines on cases."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models.cases import Case
from cases.models.hearings import Hearing
from clinic.models.choices import ChoiceLabels


class Trigger(models.TextChoices):
    """What starts a deadline's clock. Hearings trigger by being scheduled; the rest are events
    recorded on the case with the date they happened (or were served)."""

    IJ_DECISION = "ij_decision", _("Immigration judge's decision (final order)")
    BIA_DECISION = "bia_decision", _("BIA decision (final order)")
    BIA_BRIEFING = "bia_briefing", _("BIA briefing schedule issued")
    MASTER_HEARING = "master_hearing", _("Master calendar hearing (non-detained)")
    INDIVIDUAL_HEARING = "individual_hearing", _("Individual hearing (non-detained)")
    FILING_RECEIVED = "filing_received", _("Filing received by the court")
    USCIS_DECISION_MAILED = "uscis_mailed", _("USCIS decision served by mail")
    VOLUNTARY_DEPARTURE = "voluntary_departure", _("Voluntary departure granted")
    ARRIVAL = "arrival", _("Last arrival in the United States")


# Hearings trigger their own rules when they are scheduled or moved, never as recorded events.
HEARING_TRIGGERS = {
    Hearing.Kind.MASTER: Trigger.MASTER_HEARING,
    Hearing.Kind.MERITS: Trigger.INDIVIDUAL_HEARING,
}
EVENT_TRIGGERS = [choice for choice in Trigger if choice not in HEARING_TRIGGERS.values()]


class DeadlineRule(models.Model):
    """A kind of deadline: what triggers it. How it is counted lives in its versions."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    trigger = models.CharField(_("trigger event"), max_length=24, choices=Trigger.choices)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=120)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive rules create no new deadlines from events.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


def validate_reminder_days(value) -> None:
    if not isinstance(value, list) or not all(isinstance(d, int) and 0 < d <= 366 for d in value):
        raise ValidationError(
            _("Reminder days are whole numbers of days before the due date, from 1 to 366.")
        )


class DeadlineRuleVersion(models.Model):
    """How a rule counts from a given date on. A deadline uses the version in force on its trigger
    date and keeps a reference to it, so that a later change never silently moves it."""

    class Unit(models.TextChoices):
        DAYS = "days", _("days")
        MONTHS = "months", _("months")
        YEARS = "years", _("years")

    class Counting(models.TextChoices):
        CALENDAR = "calendar", _("Calendar days")
        BUSINESS = "business", _("Business days")

    class Roll(models.TextChoices):
        NEXT = "next", _("Move to the next business day")
        PREVIOUS = "previous", _("Move to the previous business day")
        NONE = "none", _("Stay on that day")

    rule = models.ForeignKey(DeadlineRule, on_delete=models.CASCADE, related_name="versions")
    effective_from = models.DateField(_("applies to triggers from"))
    amount = models.IntegerField(_("offset"), help_text=_("Negative counts back from the trigger."))
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices, default=Unit.DAYS)
    counting = models.CharField(
        _("counting"), max_length=10, choices=Counting.choices, default=Counting.CALENDAR
    )
    roll = models.CharField(
        _("when it falls on a weekend or holiday"), max_length=10, choices=Roll.choices, default=Roll.NEXT
    )
    citation = models.CharField(_("citation"), max_length=300)
    is_jurisdictional = models.BooleanField(
        _("jurisdictional"), default=False, help_text=_("A jurisdictional deadline can never be extended.")
    )
    reminder_days = models.JSONField(
        _("reminders (days before)"), default=list, blank=True, validators=[validate_reminder_days]
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deadline rule version")
        verbose_name_plural = _("deadline rule versions")
        ordering = ["rule", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "effective_from"], name="rule_version_one_per_date"),
            models.CheckConstraint(condition=~models.Q(amount=0), name="rule_version_nonzero_offset"),
            models.CheckConstraint(
                condition=models.Q(counting="calendar") | models.Q(unit="days"),
                name="rule_version_business_days_only",
            ),
        ]

    def __str__(self) -> str:
        return _("%(rule)s from %(date)s") % {"rule": self.rule.code, "date": self.effective_from.isoformat()}

    @property
    def offset_label(self) -> str:
        sign = "+" if self.amount > 0 else "−"
        unit = _("business days") if self.counting == self.Counting.BUSINESS else self.get_unit_display()
        return f"{sign}{abs(self.amount)} {unit}"


class CaseEvent(models.Model):
    """Something that happened in a case and starts deadlines: a decision, a grant, an arrival."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=24, choices=[(t.value, t.label) for t in EVENT_TRIGGERS])
    occurred_on = models.DateField(
        _("date"), help_text=_("For decisions: the date of the order or of service.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["-occurred_on", "-recorded_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on:%Y-%m-%d}"


class Deadline(ChoiceLabels, models.Model):
    """A date by which something must be filed or done on a case."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        MISSED = "missed", _("Missed")
        WAIVED = "waived", _("Waived")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    rule = models.ForeignKey(
        DeadlineRule, on_delete=models.PROTECT, related_name="deadlines", null=True, blank=True
    )
    rule_version = models.ForeignKey(
        DeadlineRuleVersion, on_delete=models.PROTECT, related_name="deadlines", null=True, blank=True
    )
    title = models.CharField(_("what is due"), max_length=200)
    trigger_date = models.DateField(_("trigger date"), null=True, blank=True)
    due_date = models.DateField(_("due date"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="deadlines",
        null=True,
        blank=True,
        verbose_name=_("owner"),
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    status_reason = models.CharField(_("reason"), max_length=300, blank=True)
    # Waived by the system because its hearing stopped calling for it (moved to a detained docket,
    # changed kind): it opens again if the hearing calls for it again. A person's waiver never does.
    waived_automatically = models.BooleanField(default=False, editable=False)
    hearing = models.ForeignKey(
        Hearing, on_delete=models.SET_NULL, related_name="deadlines", null=True, blank=True
    )
    event = models.ForeignKey(
        CaseEvent, on_delete=models.SET_NULL, related_name="deadlines", null=True, blank=True
    )
    # What created it ("hearing:12", "event:5"): the same source never creates the same rule twice.
    source_key = models.CharField(max_length=40, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["owner", "status", "due_date"]),
            models.Index(fields=["case", "status", "due_date"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "source_key"],
                condition=~models.Q(source_key=""),
                name="deadline_one_per_rule_and_source",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="waived") | ~models.Q(status_reason=""),
                name="deadline_waived_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.due_date:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN
