from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = _("Intake")

    def ready(self) -> None:
        from clinic.registry import (
            links_by_public_id,
            register_demo,
            register_landing,
            register_nav,
            register_overview_card,
            register_record_links,
        )
        from clinic.roles import Role
        from intake import demo, selectors
        from intake.models import Client
        from intake.views.clients import list_read_links

        register_nav("intake:home", _("My intakes"), roles={Role.VOLUNTEER}, order=20)
        register_nav("intake:queue", _("Intake queue"), roles={Role.COORDINATOR}, order=30)
        register_nav(
            "intake:emergency", _("Report a detention"), roles={Role.VOLUNTEER, Role.COORDINATOR}, order=40
        )
        register_nav("intake:outreach_list", _("Workshops"), roles={Role.COORDINATOR}, order=45)
        register_nav("intake:client_search", _("Find a client"), roles={Role.COORDINATOR}, order=35)
        register_landing(Role.VOLUNTEER, "intake:home")
        register_overview_card(
            "intakes",
            template="intake/_overview_card.html",
            context=lambda request: {"intakes": selectors.intake_counts()},
            order=10,
        )
        register_demo("intake", demo.seed, order=10)
        register_record_links("intake.client", links_by_public_id(Client, "intake:client_detail"))
        register_record_links("intake.queue", list_read_links)
        register_record_links("intake.client_search", list_read_links)
