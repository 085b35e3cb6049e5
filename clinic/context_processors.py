from clinic.permissions import has_role, user_roles
from clinic.registry import nav_entries


def navigation(request):
    """The main navigation: the entries that apps registered for the signed-in user's roles."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "user_roles": frozenset()}
    items = [(entry.url_name, entry.label) for entry in nav_entries() if has_role(user, *entry.roles)]
    return {"nav_items": items, "user_roles": user_roles(user)}
