from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intake.models.clients import Client
from intake.models.intakes import Intake


class ClientMatch(models.Model):
    """A record typed at intake that may be a known client: only coordinators see it and decide.

    The volunteer keeps their own record (`typed_client`); confirming merges it into `known_client`
    with the fields the coordinator accepted, rejecting leaves two people.
    """

    class Key(models.TextChoices):
        A_NUMBER = "a_number", _("Same A-number")
        NAME_DOB = "name_dob", _("Same name and date of birth")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a coordinator")
        CONFIRMED = "confirmed", _("Confirmed: the same person")
        REJECTED = "rejected", _("Rejected: a different person")

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="client_matches")
    typed_client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    known_client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    key = models.CharField(_("matched on"), max_length=10, choices=Key.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    accepted_fields = models.JSONField(_("details accepted"), default=list, blank=True)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("possible returning client")
        verbose_name_plural = _("possible returning clients")
        ordering = ["pk"]

    def __str__(self) -> str:
        return _("Possible match #%(pk)s") % {"pk": self.pk}
