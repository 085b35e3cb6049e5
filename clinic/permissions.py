"""Role predicates and the view guards every app uses.

Predicates are pure: they answer from the user's groups (cached on the user object for the
request). Object-level questions belong to each app's own permissions module.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from clinic.roles import Role


def user_roles(user) -> frozenset[str]:
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_clinic_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True)) & frozenset(Role.values)
        user._clinic_roles = cached
    return cached


def has_role(user, *roles: Role) -> bool:
    return bool(user_roles(user) & {str(role) for role in roles})


def is_volunteer(user) -> bool:
    return has_role(user, Role.VOLUNTEER)


def is_attorney(user) -> bool:
    return has_role(user, Role.ATTORNEY)


def is_coordinator(user) -> bool:
    return has_role(user, Role.COORDINATOR)


def is_administrator(user) -> bool:
    return has_role(user, Role.ADMINISTRATOR)


def primary_role(user) -> Role | None:
    """The role whose landing page the user sees first (the broadest one they hold)."""
    for role in (Role.COORDINATOR, Role.ATTORNEY, Role.VOLUNTEER, Role.ADMINISTRATOR):
        if has_role(user, role):
            return role
    return None


def role_required(*roles: Role) -> Callable:
    """Sign-in is required for everyone; a signed-in user without one of `roles` gets 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.clinic_roles = roles  # read by the URL-walking tests
        return wrapper

    return decorator


class RoleRequiredMixin:
    """Class-based views: set `roles = (Role.COORDINATOR, ...)`."""

    roles: tuple[Role, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not has_role(request.user, *self.roles):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
