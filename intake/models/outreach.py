"""Outreach: "know your rights" workshops, community forums and presentations, where intakes happen."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class OutreachEvent(models.Model):
    class Kind(models.TextChoices):
        # LSC's "other services" codes: 101 community legal education presentations, 111 workshops
        # and clinics (pro se and know-your-rights sessions with individual help).
        KNOW_YOUR_RIGHTS = "kyr", _("Know your rights workshop")
        FORUM = "forum", _("Community forum")
        PRESENTATION = "presentation", _("Community presentation")
        CLINIC = "clinic", _("Legal clinic")

    LSC_CODES = {"kyr": "111", "forum": "101", "presentation": "101", "clinic": "111"}

    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices, default=Kind.KNOW_YOUR_RIGHTS)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, help_text=_("A church, a school, a library…"))
    community_area = models.CharField(
        _("community area or ZIP code"),
        max_length=100,
        blank=True,
        help_text=_("For example: Little Village, 60623."),
    )
    language = models.CharField(_("language"), max_length=16, default="es")
    partner = models.CharField(_("partner organisation"), max_length=200, blank=True)
    attendees = models.PositiveIntegerField(
        _("attendees"), default=0, validators=[MaxValueValidator(100_000)]
    )
    materials = models.PositiveIntegerField(
        _("materials handed out"), default=0, validators=[MaxValueValidator(1_000_000)],
        help_text=_("Know-your-rights cards, flyers and the like."),
    )  # fmt: skip
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("outreach event")
        verbose_name_plural = _("outreach events")
        ordering = ["-held_on", "title"]
        indexes = [models.Index(fields=["held_on"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%Y-%m-%d})"

    @property
    def lsc_code(self) -> str:
        return self.LSC_CODES[self.kind]
