from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = _("Clinic")

    def ready(self) -> None:
        from clinic import demo
        from clinic.registry import register_demo, register_landing, register_nav
        from clinic.roles import Role

        register_nav("coordinator_home", _("Overview"), roles={Role.COORDINATOR}, order=10)
        register_nav("access_log", _("Access log"), roles={Role.COORDINATOR}, order=900)
        register_nav("accounts", _("Accounts"), roles={Role.ADMINISTRATOR}, order=910)
        register_landing(Role.COORDINATOR, "coordinator_home")
        register_landing(Role.ADMINISTRATOR, "accounts")
        register_demo("clinic", demo.seed, order=0)  # the users every other part needs
