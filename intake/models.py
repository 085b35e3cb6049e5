from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Client(models.Model):
    """A person the clinic helps. Identifiers that could expose them are encrypted (clinic/crypto.py)."""

    given_names = models.CharField(_("given names"), max_length=150)
    family_names = models.CharField(_("family names"), max_length=150)
    preferred_language = models.CharField(_("preferred language"), max_length=16, default="es")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_names}".strip()


class Intake(models.Model):
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

    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="intakes", null=True, blank=True
    )
    volunteer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="intakes")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    is_urgent = models.BooleanField(_("urgent"), default=False)
    is_detained = models.BooleanField(_("detained"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        indexes = [models.Index(fields=["status", "-is_urgent", "created_at"])]

    def __str__(self) -> str:
        return _("Intake #%(pk)s") % {"pk": self.pk}
