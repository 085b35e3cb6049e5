import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clinic.crypto import EncryptedTextField
from clinic.links import public_reference, public_url
from clinic.models.choices import ChoiceLabels
from clinic.validators import EARLIEST_PROCEEDING, PlausibleDate, validate_plausible_future_date
from intake.models.clients import Client
from intake.models.demographics import CHICAGO_WARDS, AgeBand, CommunityArea, Gender, validate_zip_code
from intake.models.eligibility import PovertyGuideline


class Intake(ChoiceLabels, models.Model):
    """One screening of a client: who took it, through which channel, and what was decided."""

    class Channel(models.TextChoices):
        HOTLINE = "hotline", _("Hotline")
        WALK_IN = "walk_in", _("Walk-in")
        WORKSHOP = "workshop", _("Workshop")
        RAPID_RESPONSE = "rapid_response", _("Rapid response")
        REFERRAL = "referral", _("Referral")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        REFERRED = "referred", _("Referred out")
        DECLINED = "declined", _("Declined")

    class ConflictStatus(models.TextChoices):
        NOT_RUN = "not_run", _("Not run")
        CLEAR = "clear", _("No conflict found")
        REVIEW = "review", _("Possible conflict: a coordinator must review")
        CLEARED = "cleared", _("Possible conflicts cleared by a coordinator")

    class HelpNeeded(models.TextChoices):
        """The kind of help, in words a volunteer can choose from. The codes are cases' case types
        (a test keeps them so), which is how an accepted intake opens a case of the right type."""

        REMOVAL = "removal", _("Facing deportation or immigration court")
        BOND = "bond", _("Detained: release or bond")
        FEAR = "fear", _("A fear interview (credible or reasonable fear)")
        ASYLUM = "asylum", _("Afraid to go back (asylum)")
        U_VISA = "u_visa", _("Victim of a crime in the US (U visa)")
        T_VISA = "t_visa", _("Victim of trafficking (T visa)")
        VAWA = "vawa", _("Abused by a citizen or resident spouse or parent (VAWA)")
        SIJS = "sijs", _("A child without a parent's care (SIJS)")
        DACA = "daca", _("DACA")
        TPS = "tps", _("Temporary protected status (TPS)")
        NATURALISATION = "naturalisation", _("Becoming a citizen")
        OTHER = "other", _("Something else, or not sure")

    class Band(models.TextChoices):
        UNDER_125 = "le125", _("At or under 125%")
        UNDER_200 = "le200", _("Over 125%, at or under 200%")
        OVER_200 = "gt200", _("Over 200%")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="intakes", null=True, blank=True
    )
    # The client record made from what the volunteer typed. `client` starts as the same record and
    # moves to a known client only when a coordinator confirms a possible match; the volunteer's
    # pages show this one, so that linking never shows them someone else's record.
    submitted_client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="+", null=True, blank=True, editable=False
    )
    volunteer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="intakes")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    is_urgent = models.BooleanField(_("urgent"), default=False)
    is_emergency = models.BooleanField(_("hotline emergency"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    # Situation.
    is_detained = models.BooleanField(_("detained"), default=False)
    facility = models.CharField(_("detention facility or place"), max_length=200, blank=True)
    detained_on = models.DateField(
        _("date of detention"),
        null=True,
        blank=True,
        validators=[PlausibleDate(earliest=EARLIEST_PROCEEDING, years_ahead=0)],
    )
    nta_received = models.BooleanField(_("notice to appear received"), default=False)
    next_hearing_date = models.DateField(
        _("next hearing date"), null=True, blank=True, validators=[validate_plausible_future_date(years=5)]
    )
    court = models.CharField(_("court"), max_length=200, blank=True)
    outreach_event = models.ForeignKey(
        "intake.OutreachEvent",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="intakes",
        verbose_name=_("outreach event"),
    )
    help_needed = models.CharField(
        _("help needed"), max_length=20, choices=HelpNeeded.choices, default=HelpNeeded.OTHER
    )
    caller_name = EncryptedTextField(_("caller's name"), blank=True, default="")
    callback_phone = EncryptedTextField(_("callback number"), blank=True, default="")
    narrative = EncryptedTextField(_("narrative"), blank=True, default="")

    # Eligibility, computed by services.eligibility from the guideline table.
    household_size = models.PositiveSmallIntegerField(_("household size"), null=True, blank=True)
    annual_income = models.DecimalField(
        _("annual household income (USD)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    poverty_year = models.PositiveSmallIntegerField(_("guideline year"), null=True, blank=True)
    poverty_region = models.CharField(
        _("guideline region"),
        max_length=12,
        choices=PovertyGuideline.Region.choices,
        default=PovertyGuideline.Region.CONTIGUOUS,
    )
    poverty_percent = models.DecimalField(
        _("income as % of the poverty guideline"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    eligibility_band = models.CharField(_("eligibility band"), max_length=6, choices=Band.choices, blank=True)

    # Who the client was at this intake, for funders' counts: nothing here identifies them. The age
    # band is computed from the date of birth on the day of the intake (intake.services).
    age_band = models.CharField(
        _("age group"), max_length=8, choices=AgeBand.choices, default=AgeBand.UNKNOWN
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, default=Gender.NOT_ASKED)
    zip_code = models.CharField(_("ZIP code"), max_length=5, blank=True, validators=[validate_zip_code])
    community_area = models.CharField(
        _("Chicago community area"), max_length=7, choices=CommunityArea.choices, blank=True
    )
    ward = models.PositiveSmallIntegerField(
        _("Chicago ward"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(CHICAGO_WARDS)],
    )

    # Conflict of interest (details in ConflictCheck).
    conflict_status = models.CharField(
        _("conflict check"), max_length=8, choices=ConflictStatus.choices, default=ConflictStatus.NOT_RUN
    )

    # What the volunteer typed and has not yet submitted, step by step, encrypted like the rest.
    draft = EncryptedTextField(blank=True, default="", editable=False)

    # Decision.
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    decision_reason = models.TextField(_("reason"), max_length=2000, blank=True)

    history = HistoricalRecords(excluded_fields=["draft"])

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        indexes = [models.Index(fields=["status", "-is_urgent", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ward__isnull=True) | models.Q(ward__gte=1, ward__lte=CHICAGO_WARDS),
                name="intake_ward_in_chicago",
            )
        ]

    def __str__(self) -> str:
        return _("Intake %(ref)s") % {"ref": self.reference}

    def get_absolute_url(self) -> str:
        return public_url("intake:detail", self.public_id)

    @property
    def reference(self) -> str:
        """A short, non-sequential reference, as a case has: "Intake #99" told anyone who saw one
        how many intakes the clinic had taken."""
        return public_reference(self.public_id)

    def clean(self) -> None:
        if self.ward is not None and self.community_area == CommunityArea.OUTSIDE_CHICAGO:
            raise ValidationError(
                {"ward": _("Wards are parts of Chicago: leave the ward empty for a client outside Chicago.")}
            )

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.OPEN}
