from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from clinic.roles import Role


class User(AbstractUser):
    """A person who signs in: volunteer, attorney, coordinator or administrator (roles are groups)."""

    is_on_call = models.BooleanField(
        _("on call"), default=False, help_text=_("Receives hotline emergency notifications at once.")
    )
    phone = models.CharField(_("work phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language for e-mails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Notifications to this person are written in this language."),
    )
    two_factor_epoch = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Bumped when the two-factor device is reset: older sessions stop counting.",
    )

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def role_labels(self) -> list[str]:
        """Translated names of the user's roles (from prefetched groups where available)."""
        return [Role(group.name).label for group in self.groups.all() if group.name in Role.values]


class RoleChange(models.Model):
    """One change to a user's roles: applied at once (volunteer, attorney), or pending a coordinator's
    confirmation (coordinator, administrator). Written only by clinic/services.py."""

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting a coordinator")
        APPLIED = "applied", _("applied")
        REFUSED = "refused", _("refused")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_changes")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    grant = models.BooleanField(
        pgettext_lazy("role change", "grant"), help_text=_("Granted when true, withdrawn when false.")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"))
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("role change")
        verbose_name_plural = _("role changes")

    def __str__(self) -> str:
        verb = "+" if self.grant else "-"
        return f"{self.user} {verb}{self.role} ({self.status})"
