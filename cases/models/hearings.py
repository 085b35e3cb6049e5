"""Hearings before the immigration court or another tribunal, and the courts that hold them."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models.cases import Case
from clinic.models.choices import ChoiceLabels


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(tz)s is not a time zone name such as America/Chicago.") % {"tz": value})


class Court(models.Model):
    """Where hearings are held. The immigration courts serving the clinic's area are seeded; a
    coordinator adds others. Hearing times are entered and shown in the court's own time zone."""

    class Kind(models.TextChoices):
        IMMIGRATION_COURT = "eoir", _("Immigration court (EOIR)")
        BOARD = "bia", _("Board of Immigration Appeals")
        FEDERAL = "federal", _("Federal court")
        USCIS = "uscis", _("USCIS office")
        OTHER = "other", _("Other")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.IMMIGRATION_COURT)
    address = models.CharField(_("address"), max_length=300, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="America/Chicago", validators=[validate_time_zone]
    )
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("court")
        verbose_name_plural = _("courts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class Hearing(ChoiceLabels, models.Model):
    """A scheduled appearance. `starts_at` is an aware instant; pages show it in the court's zone."""

    class Kind(models.TextChoices):
        MASTER = "master", _("Master calendar")
        MERITS = "merits", _("Individual merits")
        BOND = "bond", _("Bond")
        FEAR_REVIEW = "fear_review", _("Credible/reasonable fear review")
        OTHER = "other", _("Other")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        VIDEO = "video", _("Video (WebEx)")
        TELEPHONE = "phone", _("Telephone")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="hearings")
    court = models.ForeignKey(
        Court,
        on_delete=models.PROTECT,
        related_name="hearings",
        null=True,
        blank=True,
        verbose_name=_("court"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.MASTER)
    starts_at = models.DateTimeField(_("date and time"))
    judge = models.CharField(_("judge"), max_length=120, blank=True)
    mode = models.CharField(_("appearance"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    result = models.CharField(_("result"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["case", "starts_at"]), models.Index(fields=["starts_at"])]

    def __str__(self) -> str:
        # In the clinic's zone: naming a hearing must not fetch its court (history lists many).
        return f"{self.get_kind_display()} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def time_zone(self) -> zoneinfo.ZoneInfo:
        return self.court.zone if self.court_id else timezone.get_default_timezone()

    @property
    def local_start(self):
        """The start in the court's own time zone: what the notice to appear says."""
        return self.starts_at.astimezone(self.time_zone)

    @property
    def local_date(self):
        return self.local_start.date()
