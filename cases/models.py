from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intake.models import Client, Intake


class Case(models.Model):
    """A matter the clinic has taken on for a client."""

    class Status(models.TextChoices):
        AWAITING_ASSIGNMENT = "awaiting", _("Awaiting assignment")
        OFFERED = "offered", _("Offered")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="cases")
    intake = models.OneToOneField(
        Intake, on_delete=models.PROTECT, related_name="case", null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.AWAITING_ASSIGNMENT
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return _("Case #%(pk)s") % {"pk": self.pk}
