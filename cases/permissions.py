"""Who may do what to a case, answered in one place.

Attorneys reach a case through the guardian permission rows that assignment services grant and
revoke; coordinators reach every case. Every page fetches its case through `get_case_for_user`
with the action it performs, and missing and forbidden both answer 404.
"""

from enum import StrEnum
from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404

from cases.models import Assignment, Case, Offer
from clinic.models import User
from clinic.permissions import is_attorney, is_coordinator


class CaseAction(StrEnum):
    VIEW = "view"  # read the case, record notes and time (every assigned role, mentors included)
    CHANGE = "change"  # hearings, parties, closing (lead and co-counsel)
    MANAGE = "manage"  # matching, offers, assignments, funding, reopening (coordinators)


_CODENAMES = {CaseAction.VIEW: "view_case", CaseAction.CHANGE: "change_case"}


def cases_visible_to(user: User, *, action: CaseAction = CaseAction.VIEW) -> QuerySet[Case]:
    """The cases `user` may act on, filtered in the database (the direct-FK permission table joins)."""
    if is_coordinator(user):
        return Case.objects.all()
    if action == CaseAction.MANAGE or not is_attorney(user):
        return Case.objects.none()
    return Case.objects.filter(
        user_permissions__user=user, user_permissions__permission__codename=_CODENAMES[action]
    )


def can_act_on_case(user: User, case: Case, action: CaseAction) -> bool:
    return cases_visible_to(user, action=action).filter(pk=case.pk).exists()


def can_view_case(user: User, case: Case) -> bool:
    return can_act_on_case(user, case, CaseAction.VIEW)


def can_change_case(user: User, case: Case) -> bool:
    return can_act_on_case(user, case, CaseAction.CHANGE)


def can_manage_case(user: User, case: Case) -> bool:
    return is_coordinator(user)


def get_case_for_user(user: User, public_id: UUID | str, *, action: CaseAction = CaseAction.VIEW) -> Case:
    case = (
        cases_visible_to(user, action=action)
        .select_related("client", "grant", "intake")
        .filter(public_id=public_id)
        .first()
    )
    if case is None:
        raise Http404  # not 403: a case's existence is confidential
    return case


def get_offer_for_attorney(user: User, pk: int) -> Offer:
    """An attorney answers only offers made to them."""
    offer = Offer.objects.select_related("case", "case__client").filter(pk=pk, attorney=user).first()
    if offer is None:
        raise Http404
    return offer


def get_assignment_for_user(user: User, case: Case, pk: int) -> Assignment:
    assignment = case.assignments.select_related("attorney").filter(pk=pk).first()
    if assignment is None:
        raise Http404
    return assignment
