import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clinic import crypto


class AppendOnlyError(Exception):
    pass


class AccessEvent(models.Model):
    """One read or export of sensitive data. Append-only and MAC-chained (clinic/access_log.py).

    Each row carries an HMAC-SHA256, under a key kept outside the database, over its own fields and
    the MAC of the row before it. Whoever can write to the database but lacks the key can neither
    edit a row nor recompute the chain after one; `manage.py verify_access_log` names the first bad row.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        EXPORT = "export", _("exported")
        DOWNLOAD = "download", _("downloaded")
        SEARCH = "search", _("searched")
        ROLE_CHANGE = "role", _("changed roles")
        DEVICE_RESET = "2fa-reset", _("reset two-factor device")

    history_exempt_reason = "append-only and MAC-chained: it is its own history"

    seq = models.PositiveBigIntegerField(unique=True, editable=False)
    at = models.DateTimeField(editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", editable=False
    )
    action = models.CharField(max_length=16, choices=Action.choices, editable=False)
    object_type = models.CharField(max_length=100, editable=False)
    object_id = models.CharField(max_length=64, editable=False)
    ip_address = models.GenericIPAddressField(null=True, blank=True, editable=False)
    detail = models.CharField(max_length=200, blank=True, editable=False)
    prev_mac = models.CharField(max_length=64, editable=False)
    mac = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("access event")
        verbose_name_plural = _("access events")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Access events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Access events cannot be deleted.")

    def payload(self) -> bytes:
        """The bytes the MAC covers: every field, and the MAC of the row before."""
        return json.dumps(
            [
                self.seq,
                self.at.isoformat(),
                self.actor_id,
                self.action,
                self.object_type,
                self.object_id,
                self.ip_address,
                self.detail,
                self.prev_mac,
            ],
            separators=(",", ":"),
        ).encode()

    def compute_mac(self) -> str:
        return crypto.audit_mac(b"access-event:" + self.payload())
