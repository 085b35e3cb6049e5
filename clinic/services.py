"""Writes the core owns: a user's roles.

Administrators assign the volunteer and attorney roles; the coordinator and administrator roles
take a coordinator's confirmation; nobody changes their own roles. Superusers are made only from
the command line (`createsuperuser`). Every change is a RoleChange row (with history) and an
access-log row.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.access_log import access_event_record
from clinic.models import AccessEvent, RoleChange, User
from clinic.permissions import is_administrator, is_coordinator, user_roles
from clinic.roles import Role

DIRECT_ROLES = frozenset({Role.VOLUNTEER, Role.ATTORNEY})
CONFIRMED_ROLES = frozenset({Role.COORDINATOR, Role.ADMINISTRATOR})


class RoleChangeError(Exception):
    pass


def _apply(change: RoleChange, *, acting_user: User, ip_address: str | None) -> None:
    group = Group.objects.get(name=change.role)
    user = change.user
    if change.grant:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    user._clinic_roles = None
    wants_staff = Role.ADMINISTRATOR.value in set(user.groups.values_list("name", flat=True))
    if user.is_staff != wants_staff and not user.is_superuser:
        user.is_staff = wants_staff  # the admin site is the administrator's tool, and only theirs
        user._history_user = acting_user
        user.save(update_fields=["is_staff"])
    change.status = RoleChange.Status.APPLIED
    change.decided_by = acting_user
    change.decided_at = timezone.now()
    change._history_user = acting_user
    change.save()
    access_event_record(
        actor=acting_user,
        obj=user,
        action=AccessEvent.Action.ROLE_CHANGE,
        ip_address=ip_address,
        detail=f"{'granted' if change.grant else 'withdrew'} {change.role}",
    )


@transaction.atomic
def user_roles_set(
    *, user: User, roles: set[Role], acting_user: User, ip_address: str | None = None
) -> list[RoleChange]:
    """Brings `user`'s roles to `roles`: volunteer and attorney at once, the others as pending requests."""
    if not (is_administrator(acting_user) or is_coordinator(acting_user)):
        raise RoleChangeError(_("Only an administrator or a coordinator can change roles."))
    if acting_user.pk == user.pk:
        raise RoleChangeError(_("Nobody changes their own roles: ask another administrator."))
    current = {Role(name) for name in user.groups.filter(name__in=Role.values).values_list("name", flat=True)}
    wanted = {Role(role) for role in roles}
    changes = []
    for role, grant in [(r, True) for r in sorted(wanted - current)] + [
        (r, False) for r in sorted(current - wanted)
    ]:
        change = RoleChange(
            user=user,
            role=role,
            grant=grant,
            status=RoleChange.Status.PENDING,
            requested_by=acting_user,
            requested_at=timezone.now(),
        )
        change._history_user = acting_user
        change.full_clean()
        change.save()
        if role in DIRECT_ROLES:
            _apply(change, acting_user=acting_user, ip_address=ip_address)
        changes.append(change)
    return changes


@transaction.atomic
def role_change_confirm(
    *, change: RoleChange, acting_user: User, ip_address: str | None = None
) -> RoleChange:
    """A coordinator, neither the person concerned nor the one who asked, confirms a pending change."""
    change = RoleChange.objects.select_for_update().select_related("user").get(pk=change.pk)
    _check_decider(change, acting_user)
    _apply(change, acting_user=acting_user, ip_address=ip_address)
    return change


@transaction.atomic
def role_change_refuse(*, change: RoleChange, acting_user: User) -> RoleChange:
    change = RoleChange.objects.select_for_update().get(pk=change.pk)
    _check_decider(change, acting_user)
    change.status = RoleChange.Status.REFUSED
    change.decided_by = acting_user
    change.decided_at = timezone.now()
    change._history_user = acting_user
    change.save()
    return change


def _check_decider(change: RoleChange, acting_user: User) -> None:
    if change.status != RoleChange.Status.PENDING:
        raise RoleChangeError(_("This change was already decided."))
    if Role.COORDINATOR.value not in user_roles(acting_user):
        raise RoleChangeError(_("Only a coordinator can confirm a role change."))
    if acting_user.pk in {change.user_id, change.requested_by_id}:
        raise RoleChangeError(_("Another coordinator must confirm this change."))
