from datetime import timedelta

from django.apps import AppConfig
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from cases import demo, panels, selectors
        from cases.views.response import response_panel
        from clinic.registry import (
            register_demo,
            register_landing,
            register_nav,
            register_overview_card,
            register_panel,
            register_periodic,
        )
        from clinic.roles import Role

        register_nav("cases:my_week", _("My week"), roles={Role.ATTORNEY}, order=45)
        register_nav("cases:caseload", _("My cases"), roles={Role.ATTORNEY}, order=50)
        register_nav("cases:profile_edit", _("My profile"), roles={Role.ATTORNEY}, order=60)
        register_nav("cases:case_list", _("Cases"), roles={Role.COORDINATOR}, order=50)
        register_nav("cases:deadline_overview", _("Deadlines"), roles={Role.COORDINATOR}, order=55)
        register_nav("cases:rule_list", _("Deadline rules"), roles={Role.COORDINATOR}, order=75)
        register_nav(
            "cases:feed_settings", _("Calendar feed"), roles={Role.ATTORNEY, Role.COORDINATOR}, order=80
        )
        register_nav("cases:funding", _("Funders and grants"), roles={Role.COORDINATOR}, order=70)
        register_landing(Role.ATTORNEY, "cases:my_week")
        register_overview_card(
            "cases",
            template="cases/_overview_card.html",
            context=lambda request: {"cases": selectors.case_counts()},
            order=20,
        )
        register_panel("intake", "cases-accept", panels.intake_accept_panel, order=10)
        register_panel("client", "cases-of-client", panels.client_cases_panel, order=10)
        register_overview_card(
            "deadlines",
            template="cases/_deadlines_card.html",
            context=lambda request: {"deadlines": selectors.deadline_counts(today=timezone.localdate())},
            order=15,
        )
        register_panel("response", "case", response_panel, order=10)
        register_demo("cases", demo.seed, order=20)
        # Offers expire by a periodic scan, not by countdowns held in the broker (which a restart or
        # a visibility timeout would lose or repeat).
        register_periodic("cases-offers-expire", task="cases.offers_expire", schedule=timedelta(minutes=5))
        # Reminders likewise: each beat scans the deadlines as they are; the core's ledger sends each
        # reminder once, however often the scan runs.
        register_periodic(
            "cases-deadline-reminders", task="cases.deadline_reminders", schedule=timedelta(minutes=15)
        )
