"""Thin views: fetch through cases.permissions, call a service or a selector, render."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases import matching, selectors, services
from cases.forms import (
    AssignmentForm,
    AttorneyProfileForm,
    CaseForm,
    CloseForm,
    DeclineForm,
    FunderForm,
    GrantForm,
    HearingForm,
    NoteForm,
    OfferForm,
    TimeEntryForm,
)
from cases.models import Assignment, Case
from cases.permissions import (
    can_change_case,
    can_manage_case,
    get_assignment_for_user,
    get_case_for_user,
    get_offer_for_attorney,
)
from cases.services import CaseStateError
from clinic.access_log import record_access
from clinic.models import AccessEvent, AttorneyProfile, Funder, Grant, User
from clinic.permissions import is_coordinator, role_required
from clinic.roles import Role
from intake.forms import PartyFormSet
from intake.models import Intake
from intake.services import IntakeStateError, Party

CASE_ROLES = (Role.ATTORNEY, Role.COORDINATOR)


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


def _manage(request, pk: int) -> Case:
    """A coordinator's page about one case: attorneys who cannot see it get 404, those who can get 403."""
    case = get_case_for_user(request.user, pk)
    if not can_manage_case(request.user, case):
        raise PermissionDenied
    return case


@role_required(Role.ATTORNEY)
def caseload(request):
    offers = list(selectors.open_offers_for_attorney(user=request.user))
    cases = list(selectors.cases_for_attorney(user=request.user))
    now = timezone.now()
    soon = now + timezone.timedelta(days=14)
    for case in cases:
        case.role_label = Assignment.Role(case.assignment_role).label
        case.is_urgent = case.is_detained or (
            case.next_hearing_at is not None and case.next_hearing_at <= soon
        )
    return render(request, "cases/caseload.html", {"offers": offers, "cases": cases})


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
    return redirect("cases:case_detail", pk=offer.case_id)


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
def case_detail(request, pk: int):
    case = get_case_for_user(request.user, pk)
    record_access(request, case.client, action=AccessEvent.Action.VIEW, detail=f"case {case.pk}")
    context = selectors.case_detail(case=case)
    total_hours = sum((entry.hours for entry in context["time_entries"]), start=0)
    context.update(
        case=case,
        tab="details",
        total_hours=total_hours,
        acceptance_started=(
            case.accepted_at - case.intake_to_acceptance
            if case.accepted_at and case.intake_to_acceptance is not None
            else None
        ),
        may_change=is_coordinator(request.user) or can_change_case(request.user, case),
        may_manage=can_manage_case(request.user, case),
        note_form=NoteForm(),
        time_form=TimeEntryForm(initial={"worked_on": timezone.localdate(), "grant": case.grant_id}),
        hearing_form=HearingForm(),
        close_form=CloseForm(),
        assignment_form=AssignmentForm() if can_manage_case(request.user, case) else None,
    )
    return render(request, "cases/case_detail.html", context)


@role_required(*CASE_ROLES)
def case_history(request, pk: int):
    case = get_case_for_user(request.user, pk)
    record_access(request, case.client, action=AccessEvent.Action.VIEW, detail=f"case {case.pk} history")
    return render(
        request,
        "cases/case_history.html",
        {"case": case, "tab": "history", "rows": selectors.case_history(case=case)},
    )


@require_POST
@role_required(*CASE_ROLES)
def note_add(request, pk: int):
    case = get_case_for_user(request.user, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.note_create(case=case, body=form.cleaned_data["body"], acting_user=request.user)
        messages.success(request, _("Note added."))
    else:
        messages.error(request, _("A note cannot be empty."))
    return redirect("cases:case_detail", pk=case.pk)


@require_POST
@role_required(*CASE_ROLES)
def time_add(request, pk: int):
    case = get_case_for_user(request.user, pk)
    form = TimeEntryForm(request.POST)
    if form.is_valid():
        try:
            services.time_entry_create(
                case=case, worked_by=request.user, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("Time recorded."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("cases:case_detail", pk=case.pk)


@require_POST
@role_required(*CASE_ROLES)
def hearing_add(request, pk: int):
    case = get_case_for_user(request.user, pk, write=not is_coordinator(request.user))
    form = HearingForm(request.POST)
    if form.is_valid():
        services.hearing_create(case=case, acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("Hearing added."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("cases:case_detail", pk=case.pk)


@role_required(*CASE_ROLES)
def case_close(request, pk: int):
    case = get_case_for_user(request.user, pk, write=not is_coordinator(request.user))
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_close(case=case, acting_user=request.user, **form.cleaned_data)
        except (CaseStateError, ValidationError) as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("The case is closed."))
            return redirect("cases:case_detail", pk=case.pk)
    hours = case.time_entries.aggregate(total=Sum("hours"))["total"] or 0
    return render(request, "cases/case_close.html", {"case": case, "form": form, "total_hours": hours})


@require_POST
@role_required(*CASE_ROLES)
def case_reopen(request, pk: int):
    case = _manage(request, pk)
    try:
        services.case_reopen(case=case, acting_user=request.user)
    except CaseStateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The case is open again."))
    return redirect("cases:case_detail", pk=case.pk)


@role_required(*CASE_ROLES)
def case_edit(request, pk: int):
    case = _manage(request, pk)
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update(case=case, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Case details saved."))
            return redirect("cases:case_detail", pk=case.pk)
    return render(request, "cases/case_edit.html", {"case": case, "form": form})


@role_required(*CASE_ROLES)
def case_match(request, pk: int):
    """The ranked attorneys for a case; the coordinator ticks one or more and sends offers."""
    case = _manage(request, pk)
    matches = matching.rank_attorneys(case=case)
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
            return redirect("cases:case_detail", pk=case.pk)
    return render(request, "cases/case_match.html", {"case": case, "matches": matches, "form": form})


@require_POST
@role_required(*CASE_ROLES)
def offer_withdraw(request, pk: int, offer_pk: int):
    case = _manage(request, pk)
    offer = get_object_or_404(case.offers, pk=offer_pk)
    try:
        services.offer_withdraw(offer=offer, acting_user=request.user)
    except CaseStateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Offer withdrawn."))
    return redirect("cases:case_detail", pk=case.pk)


@require_POST
@role_required(*CASE_ROLES)
def assignment_add(request, pk: int):
    """Co-counsel and mentors join an active case directly; the lead comes through an offer."""
    case = _manage(request, pk)
    form = AssignmentForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("cases:case_detail", pk=case.pk)
    try:
        services.assignment_create(case=case, acting_user=request.user, **form.cleaned_data)
    except (CaseStateError, ValidationError) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Attorney added; they can now see this case."))
    return redirect("cases:case_detail", pk=case.pk)


@require_POST
@role_required(*CASE_ROLES)
def assignment_end(request, pk: int, assignment_pk: int):
    case = _manage(request, pk)
    assignment = get_assignment_for_user(request.user, case, assignment_pk)
    try:
        services.assignment_end(assignment=assignment, acting_user=request.user)
    except CaseStateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Assignment ended; the attorney no longer has access to this case."))
    return redirect("cases:case_detail", pk=case.pk)


@role_required(Role.COORDINATOR)
def case_list(request):
    status = request.GET.get("status") or ""
    if status not in Case.Status.values:
        status = ""
    page = Paginator(selectors.case_list(status=status or None), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/case_list.html",
        {"page": page, "cases": page.object_list, "status": status, "statuses": Case.Status.choices},
    )


@require_POST
@role_required(Role.COORDINATOR)
def intake_accept(request, public_id):
    intake = get_object_or_404(Intake, public_id=public_id)
    try:
        services.case_open(intake=intake, opened_by=request.user)
    except IntakeStateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Intake accepted: a case is open and awaits an attorney."))
    return redirect("intake:queue")  # the coordinator usually works through the queue


@role_required(Role.COORDINATOR)
def funding(request):
    funders = Funder.objects.prefetch_related(
        Prefetch("grants", queryset=Grant.objects.annotate(case_count=Count("cases")).order_by("name"))
    )
    return render(request, "cases/funding.html", {"funders": funders})


def _funding_form_page(request, *, form_class, instance, save, saved: str, title: str):
    """The funder and grant pages: one form, saved through its service, back to the funding list."""
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            save(acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, saved)
            return redirect("cases:funding")
    return render(request, "cases/funding_form.html", {"form": form, "title": title})


@role_required(Role.COORDINATOR)
def funder_edit(request, pk: int | None = None):
    funder = get_object_or_404(Funder, pk=pk) if pk else None
    return _funding_form_page(
        request,
        form_class=FunderForm,
        instance=funder,
        save=partial(services.funder_save, funder=funder),
        saved=_("Funder saved."),
        title=_("Edit funder") if funder else _("New funder"),
    )


@role_required(Role.COORDINATOR)
def grant_edit(request, pk: int | None = None):
    grant = get_object_or_404(Grant, pk=pk) if pk else None
    return _funding_form_page(
        request,
        form_class=GrantForm,
        instance=grant,
        save=partial(services.grant_save, grant=grant),
        saved=_("Grant saved."),
        title=_("Edit grant") if grant else _("New grant"),
    )


@role_required(Role.ATTORNEY)
def profile_edit(request):
    profile = AttorneyProfile.objects.filter(user=request.user).first()
    form = AttorneyProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.attorney_profile_save(user=request.user, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your profile is saved; coordinators match cases with it."))
            return redirect("cases:caseload")
    return render(request, "cases/profile_edit.html", {"form": form})


@role_required(*CASE_ROLES)
def case_parties(request, pk: int):
    """Coordinators and the attorneys who may change the case edit its adverse parties."""
    case = get_case_for_user(request.user, pk, write=True)
    initial = [
        {"name": p.name, "kind": p.kind, "never_contact": p.never_contact}
        for p in case.client.adverse_parties.order_by("name")
    ]
    formset = PartyFormSet(request.POST or None, initial=initial, prefix="parties")
    if request.method == "POST" and formset.is_valid():
        parties = [
            Party(name=f["name"], kind=f["kind"], never_contact=f["never_contact"])
            for f in formset.cleaned_data
            if f and f.get("name") and not f.get("DELETE")
        ]
        try:
            check = services.case_parties_set(case=case, parties=parties, acting_user=request.user)
        except (CaseStateError, ValidationError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            if check is not None and check.intake.conflict_status == Intake.ConflictStatus.REVIEW:
                messages.warning(request, _("Parties saved. Possible conflict: a coordinator must review."))
            else:
                messages.success(request, _("Parties saved; the conflict check found nothing new."))
            return redirect("cases:case_detail", pk=case.pk)
    return render(request, "cases/case_parties.html", {"case": case, "formset": formset})
