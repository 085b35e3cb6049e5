from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResponseConfig(AppConfig):
    name = "response"
    verbose_name = _("Rapid response")

    def ready(self) -> None:
        from clinic.registry import (
            links_by_public_id,
            register_demo,
            register_nav,
            register_overview_card,
            register_panel,
            register_periodic,
            register_record_links,
        )
        from clinic.roles import Role
        from response import demo, selectors
        from response.models import Response
        from response.views.panels import intake_panel

        register_nav("response:dashboard", _("Rapid response"), roles={Role.COORDINATOR}, order=25)
        register_nav(
            "response:mine", _("Detention responses"), roles={Role.VOLUNTEER, Role.ATTORNEY}, order=45
        )
        register_overview_card(
            "responses",
            template="response/_overview_card.html",
            context=lambda request: {"responses": selectors.response_counts()},
            order=5,
        )
        register_panel("intake", "response", intake_panel, order=10)
        register_demo("response", demo.seed, order=15)  # after intake's part, before cases'
        register_record_links("response.response", links_by_public_id(Response, "response:detail"))
        register_periodic(
            "response-recheck-reminders", task="response.recheck_reminders", schedule=timedelta(minutes=10)
        )
        register_periodic(
            "response-caller-details-purge", task="response.caller_details_purge", schedule=timedelta(hours=6)
        )
