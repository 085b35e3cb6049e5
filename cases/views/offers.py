"""The attorney's caseload and offers; matching, offers and assignments for coordinators."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases import matching, selectors, services
from cases.forms import (
    AssignmentForm,
    DeclineForm,
    OfferForm,
)
from cases.permissions import (
    CaseAction,
    get_assignment_for_user,
    get_case_for_user,
    get_offer_for_attorney,
)
from cases.services import CaseStateError
from cases.views._common import CASE_ROLES, _error_text
from cases.views.tables import caseload_table
from clinic.models import User
from clinic.permissions import role_required
from clinic.roles import Role

CASELOAD_PAGE = 50


@role_required(Role.ATTORNEY)
def caseload(request):
    offers = list(selectors.open_offers_for_attorney(user=request.user))
    try:
        number = max(1, int(request.GET.get("page") or 1))
    except ValueError:
        number = 1
    page = selectors.caseload_page(user=request.user, page=number, per_page=CASELOAD_PAGE)
    now = timezone.now()
    for offer in offers:
        offer.is_urgent = selectors.is_urgent(
            is_detained=offer.case.is_detained, next_hearing_at=offer.next_hearing_at, now=now
        )
    return render(
        request,
        "cases/caseload.html",
        {"offers": offers, "table": caseload_table(page.cases, now=now), "page": page},
    )


@require_POST
@role_required(Role.ATTORNEY)
def offer_accept(request, pk: int):
    offer = get_offer_for_attorney(request.user, pk)
    try:
        services.offer_accept(offer=offer, acting_user=request.user)
    except CaseStateError as exc:
        messages.error(request, str(exc))
        return redirect("cases:caseload")
    messages.success(request, _("You accepted the case. Thank you!"))
    return redirect("cases:case_detail", public_id=offer.case.public_id)


@require_POST
@role_required(Role.ATTORNEY)
def offer_decline(request, pk: int):
    offer = get_offer_for_attorney(request.user, pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say briefly why you decline, so the coordinator can match better."))
        return redirect("cases:caseload")
    try:
        services.offer_decline(offer=offer, reason=form.cleaned_data["reason"], acting_user=request.user)
    except (CaseStateError, ValidationError) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("You declined the offer."))
    return redirect("cases:caseload")


@role_required(*CASE_ROLES)
def case_match(request, public_id: UUID):
    """The ranked attorneys for a case; the coordinator ticks one or more and sends offers."""
    case = get_case_for_user(request.user, public_id, action=CaseAction.MANAGE)
    relaxed = request.GET.get("relax", "")
    relax = frozenset({relaxed}) if relaxed in matching.FILTERS else frozenset()
    matches = matching.rank_attorneys(case=case, relax=relax)
    form = OfferForm(request.POST or None, matches=matches)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["attorneys"]
        scores = {m.attorney_id: m.score for m in matches}
        attorneys = User.objects.filter(pk__in=chosen)
        try:
            offers = services.offer_create(
                case=case, attorneys=attorneys, acting_user=request.user, scores=scores
            )
        except (CaseStateError, ValidationError) as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("%(n)s offer(s) sent.") % {"n": len(offers)})
            return redirect("cases:case_detail", public_id=case.public_id)
    context = {
        "case": case,
        "matches": matches,
        "form": form,
        "relaxed": matching.FILTER_LABELS[relaxed] if relax else "",
        # Why nobody passes, and which one filter to lift, only when nobody does.
        "funnel": [] if matches else matching.filter_funnel(case=case),
    }
    return render(request, "cases/case_match.html", context)


@require_POST
@role_required(*CASE_ROLES)
def offer_withdraw(request, public_id: UUID, offer_pk: int):
    case = get_case_for_user(request.user, public_id, action=CaseAction.MANAGE)
    offer = get_object_or_404(case.offers, pk=offer_pk)
    try:
        services.offer_withdraw(offer=offer, acting_user=request.user)
    except CaseStateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Offer withdrawn."))
    return redirect("cases:case_detail", public_id=case.public_id)


@require_POST
@role_required(*CASE_ROLES)
def assignment_add(request, public_id: UUID):
    """Co-counsel and mentors join an active case directly; the lead comes through an offer."""
    case = get_case_for_user(request.user, public_id, action=CaseAction.MANAGE)
    form = AssignmentForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("cases:case_detail", public_id=case.public_id)
    try:
        services.assignment_create(case=case, acting_user=request.user, **form.cleaned_data)
    except (CaseStateError, ValidationError) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Attorney added; they can now see this case."))
    return redirect("cases:case_detail", public_id=case.public_id)


@require_POST
@role_required(*CASE_ROLES)
def assignment_end(request, public_id: UUID, assignment_pk: int):
    case = get_case_for_user(request.user, public_id, action=CaseAction.MANAGE)
    assignment = get_assignment_for_user(request.user, case, assignment_pk)
    try:
        services.assignment_end(assignment=assignment, acting_user=request.user)
    except CaseStateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Assignment ended; the attorney no longer has access to this case."))
    return redirect("cases:case_detail", public_id=case.public_id)
