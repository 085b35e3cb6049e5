"""The case page and what is recorded on it; the coordinator's case list."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases import selectors, services
from cases.forms import (
    AssignmentForm,
    CaseEventForm,
    CaseForm,
    CloseForm,
    DeadlineForm,
    HearingForm,
    IntakeAcceptForm,
    NoteForm,
    TimeEntryForm,
)
from cases.models import Case
from cases.permissions import (
    CaseAction,
    can_change_case,
    can_manage_case,
    get_case_for_user,
)
from cases.services import CaseStateError
from cases.views._common import CASE_ROLES, _error_text
from cases.views.tables import case_list_table
from clinic.access_log import record_access
from clinic.models import AccessEvent
from clinic.permissions import role_required
from clinic.roles import Role
from clinic.templatetags.clinic_tags import language_names
from intake.forms import PartyFormSet
from intake.models import Intake
from intake.normalise import format_a_number
from intake.services import IntakeStateError, Party


@role_required(*CASE_ROLES)
def case_detail(request, public_id: UUID):
    case = get_case_for_user(request.user, public_id)
    return case_page(request, case)


def case_page(request, case, *, status: int = 200, **bound_forms):
    """The case page; a form that failed is passed back bound, so its errors show beside its fields."""
    record_access(request, case.client, action=AccessEvent.Action.VIEW, detail=f"case {case.reference}")
    context = selectors.case_detail(case=case)
    today = timezone.localdate()
    for deadline in context["deadlines"]:
        deadline.urgency = selectors.urgency(deadline.due_date, today) if deadline.is_open else None
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
        may_change=can_change_case(request.user, case),
        may_manage=can_manage_case(request.user, case),
        note_form=NoteForm(),
        time_form=TimeEntryForm(case=case),
        hearing_form=HearingForm(),
        event_form=CaseEventForm(),
        deadline_form=DeadlineForm(case=case),
        close_form=CloseForm(),
        assignment_form=AssignmentForm() if can_manage_case(request.user, case) else None,
    )
    context.update(bound_forms)
    return render(request, "cases/case_detail.html", context, status=status)


@role_required(*CASE_ROLES)
def case_history(request, public_id: UUID):
    case = get_case_for_user(request.user, public_id)
    record_access(
        request, case.client, action=AccessEvent.Action.VIEW, detail=f"case {case.reference} history"
    )
    return render(
        request,
        "cases/case_history.html",
        {"case": case, "tab": "history", "rows": selectors.case_history(case=case)},
    )


@require_POST
@role_required(*CASE_ROLES)
def note_add(request, public_id: UUID):
    case = get_case_for_user(request.user, public_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.note_create(case=case, body=form.cleaned_data["body"], acting_user=request.user)
        messages.success(request, _("Note added."))
    else:
        messages.error(request, _("A note cannot be empty."))
    return redirect("cases:case_detail", public_id=case.public_id)


@require_POST
@role_required(*CASE_ROLES)
def time_add(request, public_id: UUID):
    case = get_case_for_user(request.user, public_id)
    form = TimeEntryForm(request.POST, case=case)
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
    return redirect("cases:case_detail", public_id=case.public_id)


@role_required(*CASE_ROLES)
def case_close(request, public_id: UUID):
    case = get_case_for_user(request.user, public_id, action=CaseAction.CHANGE)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_close(case=case, acting_user=request.user, **form.cleaned_data)
        except (CaseStateError, ValidationError) as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("The case is closed."))
            return redirect("cases:case_detail", public_id=case.public_id)
    hours = case.time_entries.aggregate(total=Sum("hours"))["total"] or 0
    return render(request, "cases/case_close.html", {"case": case, "form": form, "total_hours": hours})


@require_POST
@role_required(*CASE_ROLES)
def case_reopen(request, public_id: UUID):
    case = get_case_for_user(request.user, public_id, action=CaseAction.MANAGE)
    try:
        services.case_reopen(case=case, acting_user=request.user)
    except CaseStateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The case is open again."))
    return redirect("cases:case_detail", public_id=case.public_id)


@role_required(*CASE_ROLES)
def case_edit(request, public_id: UUID):
    case = get_case_for_user(request.user, public_id, action=CaseAction.MANAGE)
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update(case=case, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Case details saved."))
            return redirect("cases:case_detail", public_id=case.public_id)
    return render(request, "cases/case_edit.html", {"case": case, "form": form})


@role_required(Role.COORDINATOR)
def case_list(request):
    status = request.GET.get("status") or ""
    if status not in Case.Status.values:
        status = ""
    try:
        number = int(request.GET.get("page") or 1)
    except ValueError:
        number = 1
    page = selectors.case_list(status=status or None, page=number)
    return render(
        request,
        "cases/case_list.html",
        {
            "page": page,
            "table": case_list_table(page.cases),
            "status": status,
            "statuses": Case.Status.choices,
        },
    )


@require_POST
@role_required(Role.COORDINATOR)
def intake_accept(request, public_id):
    intake = get_object_or_404(Intake, public_id=public_id, status=Intake.Status.OPEN)
    form = IntakeAcceptForm.for_intake(intake, request.POST if "accept-case_type" in request.POST else None)
    if form.is_bound and not form.is_valid():
        return render(request, "cases/intake_accept.html", {"intake": intake, "form": form}, status=400)
    try:
        case = services.case_open(
            intake=intake, opened_by=request.user, placement=form.placement() if form.is_bound else None
        )
    except IntakeStateError as exc:
        messages.error(request, str(exc))
        return redirect("intake:detail", public_id=intake.public_id)
    messages.success(request, _("Intake accepted: the case is open. Next, find an attorney for it."))
    return redirect("cases:case_detail", public_id=case.public_id)


@role_required(*CASE_ROLES)
def case_parties(request, public_id: UUID):
    """Coordinators and the attorneys who may change the case edit its adverse parties."""
    case = get_case_for_user(request.user, public_id, action=CaseAction.CHANGE)
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
            return redirect("cases:case_detail", public_id=case.public_id)
    return render(request, "cases/case_parties.html", {"case": case, "formset": formset})


@role_required(*CASE_ROLES)
def case_client(request, public_id: UUID):
    """The client's contact and identity details, shown on request (not with every case page) and
    written to the access log each time."""
    case = get_case_for_user(request.user, public_id)
    client = case.client
    record_access(
        request, client, action=AccessEvent.Action.VIEW, detail=f"client section of case {case.reference}"
    )
    household = []
    if client.household_id:
        household = list(client.household.members.exclude(pk=client.pk).order_by("given_names"))
    return render(
        request,
        "cases/case_client.html",
        {
            "case": case,
            "client": client,
            "tab": "client",
            "a_number": format_a_number(client.a_number),
            "household": household,
            "parties": list(client.adverse_parties.order_by("name")),
            "narrative": case.intake.narrative if case.intake_id else "",
            "preferred_language": language_names([client.preferred_language]),
        },
    )
