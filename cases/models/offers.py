"""Offers of a case to attorneys, the first acceptance wins."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models.cases import Case
from clinic.models.choices import ChoiceLabels


class Offer(ChoiceLabels, models.Model):
    """A coordinator's proposal that an attorney take a case. The first acceptance wins."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="offers")
    attorney = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="offers")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    offered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    offered_at = models.DateTimeField(_("offered at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    score = models.PositiveSmallIntegerField(_("match score"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        indexes = [models.Index(fields=["status", "expires_at"]), models.Index(fields=["attorney", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "attorney"],
                condition=models.Q(status="open"),
                name="offer_one_open_per_attorney",
            )
        ]

    def __str__(self) -> str:
        return _("Offer of %(case)s to %(attorney)s") % {"case": self.case_id, "attorney": self.attorney}
