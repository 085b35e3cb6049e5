"""The attorney's caseload and offers; matching, offers and assignments for coordinators."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.backends.utils import csrf_input
from django.template.defaultfilters import yesno
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases import matching, selectors, services
from cases.forms import (
    AssignmentForm,
    DeclineForm,
    OfferForm,
)
from cases.models import Case
from cases.permissions import (
    CaseAction,
    get_assignment_for_user,
    get_case_for_user,
    get_offer_for_attorney,
)
from cases.services import CaseStateError
from cases.views._common import CASE_ROLES, _error_text
from cases.views.tables import caseload_table
from clinic.links import pk_url_maker, public_reference
from clinic.models import User
from clinic.models.choices import choice_labels
from clinic.permissions import role_required
from clinic.roles import Role
from clinic.tables import html, short_datetime_maker
from clinic.templatetags.clinic_tags import language_names

CASELOAD_PAGE = 50


@role_required(Role.ATTORNEY)
def caseload(request):
    now = timezone.now()
    offers = offer_cards(selectors.open_offers_for_attorney(user=request.user), now=now)
    try:
        number = max(1, int(request.GET.get("page") or 1))
    except ValueError:
        number = 1
    page = selectors.caseload_page(user=request.user, page=number, per_page=CASELOAD_PAGE)
    context = {
        "offers": offers,
        # Made once for every offer's two forms: {% csrf_token %} costs as much as the card's text.
        "csrf_input": csrf_input(request) if offers else "",
        "table": caseload_table(page.cases, now=now),
        "page": page,
    }
    return render(request, "cases/caseload.html", context)


@dataclass(frozen=True)
class OfferCard:
    """What one offer's card prints, made in Python and escaped (the template only places it)."""

    pk: int
    css: str  # the list item's classes
    title: SafeString  # a detained badge, the case type and the case's reference
    detained: str  # "yes" or "no"
    court: SafeString
    next_hearing: SafeString  # when, and in how long; or that none is scheduled
    languages: SafeString  # the client's languages: all an offer says of the client
    urgency: SafeString
    answer_within: SafeString
    accept_url: str
    decline_url: str


def offer_cards(offers: list, *, now: datetime) -> list[OfferCard]:
    """The cards of the attorney's open offers (rows from `selectors.open_offers_for_attorney`).

    An offer names the case, never the client: the client's name and details are shown once the
    attorney accepts. What is the same on every card (the words, the links' patterns, the date
    formatter) is made once.
    """
    if not offers:
        return []
    case_types = choice_labels(Case, "case_type")
    case_name = _("Case %(ref)s")
    when = short_datetime_maker()
    accept_url, decline_url = pk_url_maker("cases:offer_accept"), pk_url_maker("cases:offer_decline")
    yes, no = yesno(True), yesno(False)
    detained_badge = f'<strong class="badge badge--urgent">{html(_("Detained"))}</strong> '
    # blocktranslate's own text is not escaped, only the value put into it: so here too.
    hearing_in, answer_within = _("in %(when)s"), _("Answer within %(when)s")
    none_scheduled = html(_("None scheduled"))
    urgent, not_urgent = (
        f"<strong>{html(_('Urgent: detained or a hearing within 14 days'))}</strong>",
        html(_("Not urgent")),
    )
    cards = []
    for offer in offers:
        detained = offer.case__is_detained
        reference = case_name % {"ref": public_reference(offer.case__public_id)}
        title = html(case_types.get(offer.case__case_type, offer.case__case_type)) + " · " + html(reference)
        hearing_at = offer.next_hearing_at
        if hearing_at is None:
            next_hearing = none_scheduled
        else:
            next_hearing = f"{when(hearing_at)} ({hearing_in % {'when': html(timeuntil(hearing_at, now))}})"
        is_urgent = selectors.is_urgent(is_detained=detained, next_hearing_at=hearing_at, now=now)
        cards.append(
            OfferCard(
                pk=offer.pk,
                css="list__item list__item--urgent" if detained else "list__item",
                title=SafeString(detained_badge + title if detained else title),
                detained=yes if detained else no,
                court=SafeString(html(offer.case__court or "—")),
                next_hearing=SafeString(next_hearing),
                languages=SafeString(html(language_names(offer.case__client__languages) or "—")),
                urgency=SafeString(urgent if is_urgent else not_urgent),
                answer_within=SafeString(answer_within % {"when": html(timeuntil(offer.expires_at, now))}),
                accept_url=accept_url(offer.pk),
                decline_url=decline_url(offer.pk),
            )
        )
    return cards


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
