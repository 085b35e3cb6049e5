"""Walk the whole URL configuration, so that URLs added later are covered too."""

import re

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from clinic.roles import Role

# Reachable without signing in: the sign-in pages, the language switch, password reset, and the
# partner intake endpoint (token-authenticated, write-only: tests/response/test_partner.py).
PUBLIC = {
    "login",
    "set_language",
    "admin:login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "cases:calendar_feed",  # calendar apps cannot sign in: its secret token is the key, a wrong one 404s
    "response:partner_report",
}
# Pages for any signed-in user, whatever their role.
ANY_ROLE = {"home", "logout", "two_factor_setup", "two_factor_verify", "two_factor_recovery_codes"}
ARG_VALUES = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
    "path": "x",
}


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if entry.namespace and namespace:
                ns = f"{namespace}:{entry.namespace}"
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name, entry.callback


def _concrete(route: str) -> str:
    """A real path for a route or regex, with placeholder arguments."""
    path = re.sub(r"<(?:(\w+):)?\w+>", lambda m: ARG_VALUES.get(m.group(1) or "str", "x"), route)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)
    path = path.replace("^", "").replace("$", "").replace("\\", "")
    return "/" + path


ALL_URLS = [
    (route, name, callback)
    for route, name, callback in _walk(get_resolver().url_patterns)
    if not route.startswith(settings.STATIC_URL)
]
PROTECTED = [(route, name) for route, name, _cb in ALL_URLS if name not in PUBLIC]
APP_VIEWS = [
    (route, name, callback)
    for route, name, callback in ALL_URLS
    if name not in PUBLIC | ANY_ROLE and not route.startswith("admin/")
]


def test_the_walk_finds_the_project_urls():
    names = {name for _route, name in PROTECTED}
    assert {"home", "intake:home", "cases:caseload", "admin:index"} <= names


@pytest.mark.parametrize(("route", "name"), PROTECTED, ids=[r for r, _n in PROTECTED])
def test_anonymous_visitors_are_sent_to_sign_in(client, db, route, name):
    for method in (client.get, client.post):
        response = method(_concrete(route))
        assert response.status_code == 302, f"{name} answered {response.status_code}"
        assert response["Location"].startswith((reverse("login"), reverse("admin:login"))), name


@pytest.mark.parametrize(("route", "name", "callback"), APP_VIEWS, ids=[r for r, _n, _c in APP_VIEWS])
def test_every_app_view_declares_the_roles_it_serves(route, name, callback):
    roles = getattr(callback, "clinic_roles", None) or getattr(
        getattr(callback, "view_class", None), "roles", None
    )
    assert roles, f"{name} ({route}) has no role guard: use clinic.permissions.role_required"


@pytest.mark.parametrize(("route", "name", "callback"), APP_VIEWS, ids=[r for r, _n, _c in APP_VIEWS])
def test_each_role_reaches_its_pages_and_is_refused_the_others(
    client, request, route, name, callback, volunteer, attorney, coordinator, administrator
):
    roles = getattr(callback, "clinic_roles", None) or getattr(callback.view_class, "roles", ())
    actors = {
        Role.VOLUNTEER: volunteer,
        Role.ATTORNEY: attorney,
        Role.COORDINATOR: coordinator,
        Role.ADMINISTRATOR: administrator,
    }
    path = _concrete(route)
    for role, user in actors.items():
        client.force_login(user)
        response = client.get(path)
        if response.status_code == 405:
            response = client.post(path)
        if role in roles:
            assert response.status_code != 403, f"{role} was refused {name}"
        else:
            assert response.status_code in (403, 404), f"{role} reached {name} ({response.status_code})"
