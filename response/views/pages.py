"""The dashboard, the response page and what the team records on it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clinic.access_log import record_access
from clinic.permissions import role_required
from clinic.roles import Role
from intake.models import ClientMatch
from intake.normalise import format_a_number
from intake.permissions import get_intake_for_user
from response import selectors, services
from response.forms import AssignForm, LocatorCheckForm, ResponseOpenForm, StatusForm, WindowsForm
from response.models import ChecklistItem
from response.permissions import can_manage, can_see_everything, can_work_on, get_response_for_user
from response.services import Caller, Detention, ResponseStateError


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


def _form_errors(form) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


@role_required(Role.COORDINATOR)
def dashboard(request):
    now = timezone.now()
    context = {
        "responses": selectors.dashboard_responses(now=now),
        "on_shift": selectors.shifts_now(now=now),
        "now": now,
    }
    return render(request, "response/dashboard.html", context)


@role_required(Role.VOLUNTEER, Role.ATTORNEY)
def mine(request):
    return render(
        request, "response/response_list.html", {"responses": selectors.responses_for_user(user=request.user)}
    )


@require_POST
@role_required(Role.VOLUNTEER, Role.COORDINATOR)
def response_open(request, public_id):
    intake = get_intake_for_user(request.user, public_id)
    form = ResponseOpenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("intake:detail", intake.public_id)
    data = form.cleaned_data
    try:
        response = services.response_open(
            intake=intake,
            detention=Detention(
                taken_at=data["taken_at"],
                taken_place=data["taken_place"],
                agency=data["agency"],
                country_of_birth=data["country_of_birth"],
                dependants_count=data["dependants_count"] or 0,
                dependants_note=data["dependants_note"],
                medical_needs=data["medical_needs"],
            ),
            caller=Caller(relation=data["caller_relation"]),
            acting_user=request.user,
        )
    except (ResponseStateError, ValidationError) as exc:
        messages.error(request, _error_text(exc))
        return redirect("intake:detail", intake.public_id)
    messages.success(
        request,
        _("Response %(ref)s opened. The team on shift has been alerted.") % {"ref": response.reference},
    )
    return redirect("response:detail", response.public_id)


@role_required(Role.VOLUNTEER, Role.ATTORNEY, Role.COORDINATOR)
def response_detail(request, public_id):
    response = get_response_for_user(request.user, public_id)
    if not can_see_everything(request.user, response):
        # A volunteer sees what they typed, and nothing the clinic learnt or already knew.
        return render(request, "response/response_typed.html", {"response": response})
    response = selectors.response_for_detail(response=response)
    record_access(request, response, detail=f"response {response.reference}")
    manage = can_manage(request.user)
    context = {
        "response": response,
        "a_number": format_a_number(response.client.a_number) if response.client else "",
        "countdowns": selectors.response_countdowns(response=response),
        "may_manage": manage,
        "may_work": can_work_on(request.user, response),
        "check_form": LocatorCheckForm(initial={"country_searched": response.country_of_birth}),
        "now_for_items": timezone.now(),
        "pending_match": response.intake.client_matches.filter(status=ClientMatch.Status.PENDING).exists(),
    }
    if manage:
        context.update(
            status_form=StatusForm(response=response),
            assign_form=AssignForm(
                initial={"coordinator": response.coordinator, "attorney": response.attorney}
            ),
            windows_form=WindowsForm(
                initial={
                    "release_due_at": _local(response.release_due_at),
                    "fear_referred_at": _local(response.fear_referred_at),
                }
            ),
        )
    return render(request, "response/response_detail.html", context)


def _local(value):
    return timezone.localtime(value) if value else None


def _back(response):
    return redirect("response:detail", response.public_id)


@require_POST
@role_required(Role.COORDINATOR)
def status_set(request, public_id):
    response = get_response_for_user(request.user, public_id)
    form = StatusForm(request.POST, response=response)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _back(response)
    try:
        services.response_status_set(
            response=response, status=form.cleaned_data["status"], acting_user=request.user
        )
    except (ResponseStateError, ValidationError) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Status changed."))
    return _back(response)


@require_POST
@role_required(Role.ATTORNEY, Role.COORDINATOR)
def locator_check_add(request, public_id):
    response = get_response_for_user(request.user, public_id)
    if not can_work_on(request.user, response):
        raise Http404
    form = LocatorCheckForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _back(response)
    try:
        check = services.locator_check_record(
            response=response, acting_user=request.user, **form.cleaned_data
        )
    except (ResponseStateError, ValidationError) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Check recorded: %(result)s.") % {"result": check.get_result_display()})
    return _back(response)


@require_POST
@role_required(Role.COORDINATOR)
def assign(request, public_id):
    response = get_response_for_user(request.user, public_id)
    form = AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _back(response)
    try:
        services.response_assign(response=response, acting_user=request.user, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Who is on it has been saved."))
    return _back(response)


@require_POST
@role_required(Role.COORDINATOR)
def windows_set(request, public_id):
    response = get_response_for_user(request.user, public_id)
    form = WindowsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return _back(response)
    services.response_windows_set(response=response, acting_user=request.user, **form.cleaned_data)
    messages.success(request, _("Time windows updated."))
    return _back(response)


@require_POST
@role_required(Role.ATTORNEY, Role.COORDINATOR)
def checklist_item_toggle(request, public_id, item_id: int):
    response = get_response_for_user(request.user, public_id)
    if not can_work_on(request.user, response):
        raise Http404
    item = get_object_or_404(ChecklistItem, pk=item_id, response=response)
    try:
        services.checklist_item_done(item=item, done=item.done_at is None, acting_user=request.user)
    except ResponseStateError as exc:
        messages.error(request, str(exc))
    return _back(response)
