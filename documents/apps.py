from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from clinic.registry import register_demo, register_panel, register_periodic
        from documents import demo, panels

        register_panel("case", "documents", panels.case_panel, order=50)
        register_panel("client", "documents", panels.client_panel, order=50)
        register_panel("intake", "documents", panels.intake_panel, order=50)
        register_demo("documents", demo.seed, order=40)
        # The integrity audit: every body decrypted; a failure alerts coordinators in the access log.
        register_periodic("documents-verify", task="documents.verify", schedule=timedelta(days=7))
