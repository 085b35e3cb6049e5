"""Lists, the intake page, the hotline emergency form and the coordinator's decisions."""

from types import SimpleNamespace

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.backends.utils import csrf_input
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clinic.access_log import record_access
from clinic.permissions import role_required
from clinic.roles import Role
from intake import selectors, services
from intake.forms import ClearHitForm, DeclineForm, DemographicsForm, EmergencyForm, GuidelineForm, ReferForm
from intake.models import ConflictHit, Intake, PovertyGuideline
from intake.normalise import format_a_number
from intake.permissions import can_decide, can_see_conflict_details, get_intake_for_user
from intake.services import Identity, IntakeStateError
from intake.views.tables import queue_table


def add_service_errors(form, exc: ValidationError) -> None:
    """A service's refusal shown beside the form field it names, or above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@role_required(Role.VOLUNTEER)
def home(request):
    intakes = list(selectors.open_intakes_for_volunteer(user=request.user))
    for intake in intakes:
        if intake.status == Intake.Status.DRAFT:
            intake.typed_name = selectors.draft_typed_name(intake=intake)
    return render(request, "intake/home.html", {"intakes": intakes})


class ListRead:
    """What the access log records for a page that lists clients' names: one row per page view,
    naming the list and the clients it showed (the log's detail holds 200 characters)."""

    def __init__(self, label: str, client_ids: list[int]):
        self._meta = SimpleNamespace(label_lower=label)
        self.pk = len(client_ids)
        self.detail = "clients " + ",".join(str(pk) for pk in client_ids)


def record_list_read(request, label: str, client_ids: list[int]) -> None:
    if client_ids:
        read = ListRead(label, client_ids)
        record_access(request, read, detail=read.detail)


@role_required(Role.COORDINATOR)
def queue(request):
    intakes = selectors.intake_queue()
    record_list_read(request, "intake.queue", [i.client_id for i in intakes if i.client_id])
    table = queue_table(intakes, csrf_input=csrf_input(request))
    return render(request, "intake/queue.html", {"intakes": intakes, "table": table})


@role_required(Role.VOLUNTEER, Role.COORDINATOR)
def intake_detail(request, public_id):
    intake = get_intake_for_user(request.user, public_id)
    if intake.status == Intake.Status.DRAFT and intake.volunteer_id == request.user.pk:
        return redirect("intake:step", intake.public_id, "identity")
    return _render_detail(request, intake)


def _render_detail(request, intake: Intake, *, status: int = 200, **forms):
    """The intake page; the decision forms come bound, with their errors, when a post failed."""
    intake = selectors.intake_for_detail(intake=intake)
    coordinator = can_see_conflict_details(request.user)
    # A volunteer sees the record made from what they typed, never a known client it was linked to.
    client = intake.client if coordinator else (intake.submitted_client or intake.client)
    context = {
        "intake": intake,
        "client": client,
        "coordinator_view": coordinator,
        "a_number": format_a_number(client.a_number) if client else "",
        "never_contact": selectors.never_contact_parties(client=client),
        "members": selectors.household_members(client=client) if coordinator else [],
    }
    if coordinator:
        matches = selectors.client_matches(intake=intake)
        check = selectors.current_conflict_check(intake=intake)
        clear_forms = forms.get("clear_forms", {})
        shown_hits = list(check.hits.all()) if check else []
        for hit in shown_hits:
            hit.clear_form = clear_forms.pop(hit.pk, None)
        for stale in clear_forms.values():  # a hit of an older run: the page no longer shows it
            for error in stale.non_field_errors():
                messages.error(request, error)
        context.update(
            check=check,
            matches=matches,
            can_decide=can_decide(request.user, intake),
            refer_form=forms.get("refer_form") or ReferForm(),
            decline_form=forms.get("decline_form") or DeclineForm(),
        )
        for match in matches:
            record_access(request, match.known_client, detail=f"intake {intake.pk} possible match")
    if client is not None:
        record_access(request, client, detail=f"intake {intake.pk}")
    return render(request, "intake/intake_detail.html", context, status=status)


@role_required(Role.VOLUNTEER, Role.COORDINATOR)
def emergency_new(request):
    form = EmergencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        intake = services.intake_emergency_create(
            identity=Identity(
                given_names=data["given_names"], family_names=data["family_names"], a_number=data["a_number"]
            ),
            facility=data["facility"],
            detained_on=data["detained_on"],
            caller_name=data["caller_name"],
            callback_phone=data["callback_phone"],
            narrative=data["narrative"],
            acting_user=request.user,
        )
        messages.success(request, _("Emergency recorded. The on-call coordinators have been notified."))
        return redirect("intake:detail", intake.public_id)
    return render(request, "intake/emergency_form.html", {"form": form}, status=400 if form.errors else 200)


@require_POST
@role_required(Role.VOLUNTEER, Role.COORDINATOR)
def conflict_check_run(request, public_id):
    intake = get_intake_for_user(request.user, public_id)
    if intake.status != Intake.Status.OPEN:
        raise Http404
    services.conflict_check_run(intake=intake, acting_user=request.user)
    messages.success(request, _("The conflict check has been run again."))
    return redirect("intake:detail", intake.public_id)


@require_POST
@role_required(Role.COORDINATOR)
def conflict_hit_clear(request, public_id, hit_id: int):
    intake = get_intake_for_user(request.user, public_id)
    hit = get_object_or_404(ConflictHit, pk=hit_id, check_run__intake=intake)
    form = ClearHitForm(request.POST)
    if form.is_valid():
        try:
            services.conflict_hit_clear(
                hit=hit, reason=form.cleaned_data["clear_reason"], acting_user=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Possible conflict cleared."))
            return redirect("intake:detail", intake.public_id)
    return _render_detail(request, intake, status=400, clear_forms={hit.pk: form})


@require_POST
@role_required(Role.COORDINATOR)
def intake_refer(request, public_id):
    intake = get_intake_for_user(request.user, public_id)
    form = ReferForm(request.POST)
    if form.is_valid():
        try:
            services.intake_refer(
                intake=intake,
                referred_to=form.cleaned_data["referred_to"],
                reason=form.cleaned_data["reason"],
                acting_user=request.user,
            )
        except IntakeStateError as exc:
            messages.error(request, str(exc))
            return redirect("intake:detail", intake.public_id)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Intake referred out."))
            return redirect("intake:queue")
    return _render_detail(request, intake, status=400, refer_form=form)


@require_POST
@role_required(Role.COORDINATOR)
def intake_decline(request, public_id):
    intake = get_intake_for_user(request.user, public_id)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.intake_decline(
                intake=intake, reason=form.cleaned_data["reason"], acting_user=request.user
            )
        except IntakeStateError as exc:
            messages.error(request, str(exc))
            return redirect("intake:detail", intake.public_id)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Intake declined."))
            return redirect("intake:queue")
    return _render_detail(request, intake, status=400, decline_form=form)


@role_required(Role.COORDINATOR)
def intake_demographics(request, public_id):
    """A coordinator corrects what a submitted intake records for funders' counts."""
    intake = get_intake_for_user(request.user, public_id)
    if intake.submitted_at is None:
        raise Http404
    initial = {
        "gender": intake.gender,
        "zip_code": intake.zip_code,
        "community_area": intake.community_area,
        "ward": intake.ward,
    }
    form = DemographicsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.intake_demographics_update(intake=intake, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The details funders count are corrected."))
            return redirect("intake:detail", intake.public_id)
    status = 400 if form.errors else 200
    return render(request, "intake/intake_demographics.html", {"intake": intake, "form": form}, status=status)


@role_required(Role.COORDINATOR)
def guidelines(request):
    form = GuidelineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.poverty_guideline_save(acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("Poverty guideline saved."))
        return redirect("intake:guidelines")
    rows = PovertyGuideline.objects.order_by("-year", "region")
    return render(
        request,
        "intake/guideline_list.html",
        {"form": form, "guidelines": rows},
        status=400 if form.errors else 200,
    )
