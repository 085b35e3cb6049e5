from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from clinic.registry import (
            links_by_public_id,
            register_demo,
            register_panel,
            register_periodic,
            register_record_links,
        )
        from documents import demo, panels
        from documents.models import DocumentVersion

        register_panel("case", "documents", panels.case_panel, order=50)
        register_panel("client", "documents", panels.client_panel, order=50)
        register_panel("intake", "documents", panels.intake_panel, order=50)
        register_demo("documents", demo.seed, order=40)
        # A version read (a download or a preview) opens on its document's page.
        register_record_links(
            "documents.documentversion",
            links_by_public_id(DocumentVersion, "documents:detail", public_id="document__public_id"),
        )
        # The integrity audit: every body decrypted; a failure alerts coordinators in the access log.
        register_periodic("documents-verify", task="documents.verify", schedule=timedelta(days=7))
