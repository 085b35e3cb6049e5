from django.utils.translation import gettext_lazy as _

from clinic.permissions import has_role, user_roles
from clinic.roles import Role

# (url name, label, roles that see it). Apps add their entries here as they grow.
NAVIGATION = [
    ("intake:home", _("My intakes"), {Role.VOLUNTEER}),
    ("coordinator_home", _("Overview"), {Role.COORDINATOR}),
    ("intake:queue", _("Intake queue"), {Role.COORDINATOR}),
    ("intake:emergency", _("Report a detention"), {Role.VOLUNTEER, Role.COORDINATOR}),
    ("cases:caseload", _("My cases"), {Role.ATTORNEY}),
    ("cases:profile_edit", _("My profile"), {Role.ATTORNEY}),
    ("cases:case_list", _("Cases"), {Role.COORDINATOR}),
    ("cases:funding", _("Funders and grants"), {Role.COORDINATOR}),
    ("access_log", _("Access log"), {Role.COORDINATOR}),
    ("accounts", _("Accounts"), {Role.ADMINISTRATOR}),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "user_roles": frozenset()}
    items = [(name, label) for name, label, roles in NAVIGATION if has_role(user, *roles)]
    return {"nav_items": items, "user_roles": user_roles(user)}
