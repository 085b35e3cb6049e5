from clinic.links import fixed_url
from clinic.permissions import has_role, user_roles
from clinic.registry import nav_entries


def navigation(request):
    """The main navigation: (link, label, is this page) for the entries that apps registered for
    the signed-in user's roles."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "user_roles": frozenset()}
    items = []
    for entry in nav_entries():
        if has_role(user, *entry.roles):
            href = fixed_url(entry.url_name)
            items.append((href, entry.label, href == request.path))
    return {"nav_items": items, "user_roles": user_roles(user)}
