"""Who may see or change a case, answered in one place.

Attorneys reach a case through the guardian permission rows that assignment services grant and
revoke; coordinators reach every case. Missing and forbidden both answer 404.
"""

from django.db.models import QuerySet
from django.http import Http404

from cases.models import Assignment, Case, Offer
from clinic.models import User
from clinic.permissions import is_attorney, is_coordinator


def cases_visible_to(user: User, *, write: bool = False) -> QuerySet[Case]:
    """Filtered in the database: the direct-FK permission table joins to the case."""
    if is_coordinator(user):
        return Case.objects.all()
    if not is_attorney(user):
        return Case.objects.none()
    codename = "change_case" if write else "view_case"
    return Case.objects.filter(user_permissions__user=user, user_permissions__permission__codename=codename)


def can_view_case(user: User, case: Case) -> bool:
    return cases_visible_to(user).filter(pk=case.pk).exists()


def can_change_case(user: User, case: Case) -> bool:
    return cases_visible_to(user, write=True).filter(pk=case.pk).exists()


def can_manage_case(user: User, case: Case) -> bool:
    """Matching, offers, assignments, funding and reopening belong to coordinators."""
    return is_coordinator(user)


def get_case_for_user(user: User, pk: int, *, write: bool = False) -> Case:
    case = (
        cases_visible_to(user, write=write).select_related("client", "grant", "intake").filter(pk=pk).first()
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
