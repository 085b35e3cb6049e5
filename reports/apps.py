from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from clinic.registry import links_by_public_id, register_nav, register_record_links
        from clinic.roles import Role
        from reports.models import FundingReport

        register_nav("reports:report_list", _("Reports"), roles={Role.COORDINATOR}, order=80)
        register_record_links(
            "reports.fundingreport", links_by_public_id(FundingReport, "reports:report_detail")
        )
