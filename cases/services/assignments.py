"""Who holds a case: the only place that grants and revokes object permissions on it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from cases.models import Assignment, Case
from cases.services._base import CaseStateError, S, _lock, _move, _save
from cases.services.network import attorney_stats_recount
from clinic.models import User
from clinic.permissions import has_role
from clinic.roles import Role

# Lead and co-counsel may change the case; a mentor may read it and record notes and time.
ROLE_PERMISSIONS = {
    Assignment.Role.LEAD: ("cases.view_case", "cases.change_case"),
    Assignment.Role.CO_COUNSEL: ("cases.view_case", "cases.change_case"),
    Assignment.Role.MENTOR: ("cases.view_case",),
}


@transaction.atomic
def assignment_create(*, case: Case, attorney: User, role: str, acting_user: User) -> Assignment:
    """The only place that puts an attorney on a case and grants them access to it."""
    case = _lock(case)
    if case.status != S.ACTIVE:
        raise CaseStateError(
            _("This case cannot take an attorney while it is %(s)s.")
            % {"s": case.get_status_display().lower()}
        )
    if not has_role(attorney, Role.ATTORNEY):
        raise ValidationError({"attorney": _("%(user)s is not an attorney.") % {"user": attorney}})
    assignment = Assignment(case=case, attorney=attorney, role=role)
    _save(assignment, acting_user)
    for perm in ROLE_PERMISSIONS[role]:
        assign_perm(perm, attorney, case)
    attorney_stats_recount(attorney_ids=[attorney.pk])
    return assignment


@transaction.atomic
def assignment_end(*, assignment: Assignment, acting_user: User) -> Assignment:
    """Ends an attorney's work on a case and takes their access away with it."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.ended_at is not None:
        raise CaseStateError(_("This assignment has already ended."))
    assignment.ended_at = timezone.now()
    _save(assignment, acting_user, ["ended_at"])
    case = _lock(assignment.case)
    for perm in ("cases.view_case", "cases.change_case"):
        remove_perm(perm, assignment.attorney, case)
    if case.status == S.ACTIVE and not case.assignments.filter(ended_at__isnull=True).exists():
        _move(case, S.AWAITING_ASSIGNMENT)
        _save(case, acting_user, ["status"])
    attorney_stats_recount(attorney_ids=[assignment.attorney_id])
    return assignment
