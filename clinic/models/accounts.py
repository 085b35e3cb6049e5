from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
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
