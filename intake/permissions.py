"""Who may see and change an intake. Missing and forbidden both answer 404."""

from django.http import Http404

from clinic.models import User
from clinic.permissions import is_coordinator, is_volunteer
from intake.models import Client, Intake


def can_view_intake(user: User, intake: Intake) -> bool:
    """Coordinators see every intake; a volunteer sees their own, while it is still open."""
    if is_coordinator(user):
        return True
    return is_volunteer(user) and intake.volunteer_id == user.pk and intake.is_open


def can_edit_draft(user: User, intake: Intake) -> bool:
    return intake.status == Intake.Status.DRAFT and intake.volunteer_id == user.pk


def can_decide(user: User, intake: Intake) -> bool:
    return is_coordinator(user) and intake.status == Intake.Status.OPEN


def can_see_conflict_details(user: User) -> bool:
    """Only coordinators see who a possible conflict is with; volunteers see that one exists."""
    return is_coordinator(user)


def get_intake_for_user(user: User, public_id, *, write: bool = False) -> Intake:
    intake = Intake.objects.filter(public_id=public_id).first()
    if intake is None or not can_view_intake(user, intake):
        raise Http404
    if write and not can_edit_draft(user, intake):
        raise Http404
    return intake


def get_client_for_user(user: User, public_id) -> Client:
    """Only coordinators open a client's record; anyone else gets the same 404 as a missing one."""
    client = Client.objects.filter(public_id=public_id).first()
    if client is None or not is_coordinator(user):
        raise Http404
    return client
