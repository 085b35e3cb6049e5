"""The four roles. Each is a Django group, created by a data migration (clinic/migrations)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    VOLUNTEER = "intake volunteer", _("Intake volunteer")
    ATTORNEY = "attorney", _("Attorney")
    COORDINATOR = "coordinator", _("Coordinator")
    ADMINISTRATOR = "administrator", _("Administrator")
