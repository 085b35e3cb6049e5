from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from clinic.registry import register_nav
        from clinic.roles import Role

        register_nav("reports:report_list", _("Reports"), roles={Role.COORDINATOR}, order=80)
