"""Who may see and change a response. Missing and forbidden both answer 404.

- Coordinators see and act on every response.
- An attorney sees the responses linked to the cases they hold (the case opened from the response's
  emergency intake) and those they were named responding attorney on.
- A volunteer sees the responses they opened, while open, and only what they typed.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from clinic.models import User
from clinic.permissions import is_attorney, is_coordinator, is_volunteer
from response.models import Response


def _attorney_q(user: User) -> Q:
    # Read by name so that response imports nothing of cases (cases imports response): the rows are
    # the guardian grants that cases' assignment services create and revoke.
    held = Q(
        intake__case__user_permissions__user=user,
        intake__case__user_permissions__permission__codename="view_case",
    )
    return Q(attorney=user) | Q(pk__in=Response.objects.filter(held).values("pk"))


def responses_visible_to(user: User) -> QuerySet[Response]:
    if is_coordinator(user):
        return Response.objects.all()
    q = Q(pk__in=[])
    if is_attorney(user):
        q |= _attorney_q(user)
    if is_volunteer(user):
        q |= Q(opened_by=user, status__in=Response.OPEN_STATUSES)
    return Response.objects.filter(q)


def can_see_everything(user: User, response: Response) -> bool:
    """Coordinators and the attorneys on it see the whole response; a volunteer only what they typed."""
    if is_coordinator(user):
        return True
    return is_attorney(user) and Response.objects.filter(_attorney_q(user), pk=response.pk).exists()


def can_work_on(user: User, response: Response) -> bool:
    """Record checks, tick the checklist: the team on it."""
    return can_see_everything(user, response)


def can_manage(user: User) -> bool:
    """Status, who is on it, the windows, the person's link: coordinators."""
    return is_coordinator(user)


def get_response_for_user(user: User, public_id) -> Response:
    response = (
        responses_visible_to(user)
        .select_related("intake", "intake__client", "coordinator", "attorney", "partner")
        .filter(public_id=public_id)
        .first()
    )
    if response is None:
        raise Http404  # not 403: a detention's existence is confidential
    return response
