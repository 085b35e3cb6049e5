"""The case, who holds it, and what is recorded on it."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from cases.models.codes import CaseType, ClosingCode, Outcome, ProblemCode
from cases.models.funding import Grant
from clinic.crypto import EncryptedTextField
from clinic.links import public_reference, public_url
from clinic.models.choices import ChoiceLabels
from intake.models import Client, Intake


def validate_tenths(value: Decimal) -> None:
    if value is not None and (value * 10) % 1 != 0:
        raise ValidationError(_("Record time in tenths of an hour (for example 0.3 or 1.5)."), code="tenths")


class Case(ChoiceLabels, models.Model):
    """A matter the clinic has taken on for a client."""

    class Status(models.TextChoices):
        AWAITING_ASSIGNMENT = "awaiting", _("Awaiting assignment")
        OFFERED = "offered", _("Offered")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    # URLs carry this opaque id, never the row id, so that they do not reveal the clinic's volume.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="cases")
    intake = models.OneToOneField(
        Intake, on_delete=models.PROTECT, related_name="case", null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.AWAITING_ASSIGNMENT
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    case_type = models.CharField(
        _("case type"), max_length=20, choices=CaseType.choices, default=CaseType.OTHER
    )
    problem_code = models.CharField(
        _("LSC problem code"), max_length=4, choices=ProblemCode.choices, default=ProblemCode.IMMIGRATION
    )
    is_detained = models.BooleanField(_("detained"), default=False)
    court = models.CharField(_("court"), max_length=200, blank=True)
    grant = models.ForeignKey(
        Grant,
        on_delete=models.PROTECT,
        related_name="cases",
        null=True,
        blank=True,
        verbose_name=_("charged to grant"),
    )
    # The client's name normalised (unidecode + casefold), so that conflict checks can find
    # the attorneys who represent someone named as an adverse party in another matter.
    client_name_key = models.CharField(max_length=300, blank=True, db_index=True, editable=False)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    intake_to_acceptance = models.DurationField(_("time from intake to acceptance"), null=True, blank=True)
    closing_code = models.CharField(_("closing code"), max_length=2, choices=ClosingCode.choices, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["status", "opened_at"]),
            models.Index(fields=["case_type"]),
            # The coordinator's list (detained first, then oldest), all and by status: the page is
            # read off the index instead of sorting every case.
            models.Index(fields=["-is_detained", "opened_at", "id"], name="case_list_order"),
            models.Index(fields=["status", "-is_detained", "opened_at", "id"], name="case_list_status_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="closed") | ~models.Q(closing_code=""),
                name="case_closed_has_closing_code",
            )
        ]

    def __str__(self) -> str:
        return _("Case %(ref)s") % {"ref": self.reference}

    def get_absolute_url(self) -> str:
        return public_url("cases:case_detail", self.public_id)

    @property
    def reference(self) -> str:
        """A short, non-sequential reference for people (pages, e-mails, calendar feeds): it
        names the case without revealing how many the clinic has."""
        return public_reference(self.public_id)


class CaseStatusCount(models.Model):
    """How many cases have each status, kept by the database itself.

    The coordinators' overview shows the open cases by status on every visit; counting them meant
    reading every open case (40,000 in a large clinic's history, 7 ms on PostgreSQL). Triggers on
    the cases table (migration 0006) keep these rows current on every insert, status change and
    delete, whatever writes them: services, bulk loads, the admin, a migration. `manage.py
    recount_case_statuses --check` compares them with a count.
    """

    history_exempt_reason = "a number derived from the cases, which keep their own history"

    status = models.CharField(max_length=20, primary_key=True)
    total = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("number of cases by status")
        verbose_name_plural = _("numbers of cases by status")

    def __str__(self) -> str:
        return f"{self.status}: {self.total}"


class CaseUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="user_permissions")

    history = HistoricalRecords()

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("case permission (user)")
        verbose_name_plural = _("case permissions (user)")


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="group_permissions")

    history = HistoricalRecords()

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("case permission (group)")
        verbose_name_plural = _("case permissions (group)")


class Assignment(ChoiceLabels, models.Model):
    """An attorney on a case. Ending it (ended_at) revokes their access to the case."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead attorney")
        CO_COUNSEL = "co_counsel", _("Co-counsel")
        MENTOR = "mentor", _("Mentor")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    attorney = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.LEAD)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        indexes = [models.Index(fields=["attorney", "ended_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "attorney"],
                condition=models.Q(ended_at__isnull=True),
                name="assignment_one_open_per_attorney",
            )
        ]

    def __str__(self) -> str:
        return f"{self.attorney} · {self.get_role_display()}"


class Note(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Privileged attorney work product: encrypted at rest like the intake narrative.
    body = EncryptedTextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return _("Note on %(case)s") % {"case": self.case}


class TimeEntry(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="time_entries")
    worked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    worked_on = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1")), validate_tenths],
    )
    # Can reveal strategy or what the client said: encrypted at rest like a note.
    description = EncryptedTextField(_("what was done"), max_length=300, validators=[MaxLengthValidator(300)])
    grant = models.ForeignKey(
        Grant,
        on_delete=models.PROTECT,
        related_name="time_entries",
        null=True,
        blank=True,
        verbose_name=_("grant"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("time entry")
        verbose_name_plural = _("time entries")
        ordering = ["-worked_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.hours} h · {self.description}"
