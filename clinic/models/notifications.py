from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationSent(models.Model):
    """The exactly-once ledger: one row per (key, recipient), whatever the number of processes or
    retries that try to send it. clinic/notifications.py explains the states.

    The key names what is being announced and why, never who it is about, e.g.
    "deadline:42:threshold:7" or "response:17:recheck:3".
    """

    class Channel(models.TextChoices):
        EMAIL = "email", _("e-mail")

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        SKIPPED = "skipped", _("skipped (no address)")

    history_exempt_reason = "a ledger: one row per message, its state and times are its history"

    key = models.CharField(_("key"), max_length=200)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("recipient")
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, default=Channel.EMAIL)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(_("created at"))
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification sent")
        verbose_name_plural = _("notifications sent")
        constraints = [
            models.UniqueConstraint(fields=["key", "recipient"], name="notification_sent_once_per_recipient")
        ]
        indexes = [models.Index(fields=["state", "claimed_at"])]

    def __str__(self) -> str:
        return f"{self.key} -> {self.recipient_id} ({self.state})"
