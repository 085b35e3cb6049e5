"""The volunteer's multi-step intake form. Every post is kept as a server-side draft, valid or not."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.formsets import BaseFormSet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from clinic.permissions import role_required
from clinic.roles import Role
from clinic.templatetags.clinic_tags import language_names
from intake import services
from intake.forms import (
    IdentityForm,
    MeansForm,
    MemberFormSet,
    NarrativeForm,
    PartyFormSet,
    SituationForm,
)
from intake.models import AgeBand, Client, CommunityArea, Gender, Intake, PovertyGuideline
from intake.models.demographics import age_band_for
from intake.normalise import format_a_number
from intake.permissions import get_intake_for_user
from intake.services import Demographics, DraftTooLarge, Identity, IntakeStateError, Means, Party, Situation

STEPS = [
    ("identity", gettext_lazy("Identity")),
    ("situation", gettext_lazy("Situation")),
    ("household", gettext_lazy("Household and income")),
    ("parties", gettext_lazy("Adverse parties")),
    ("narrative", gettext_lazy("Narrative")),
    ("review", gettext_lazy("Review and submit")),
]
FORM_STEPS = [slug for slug, _label in STEPS if slug != "review"]


def build_forms(step: str, data=None) -> dict:
    if step == "identity":
        return {"form": IdentityForm(data)}
    if step == "situation":
        return {"form": SituationForm(data)}
    if step == "household":
        return {"form": MeansForm(data, prefix="means"), "members": MemberFormSet(data, prefix="members")}
    if step == "parties":
        return {"parties": PartyFormSet(data, prefix="parties")}
    if step == "narrative":
        return {"form": NarrativeForm(data)}
    raise Http404


def declared_data(forms: dict, data) -> dict[str, list[str]]:
    """Only the posted values the step's forms declare: a draft keeps nothing else."""
    names: list[str] = []
    for form in forms.values():
        if isinstance(form, BaseFormSet):
            management = form.management_form
            names += [management.add_prefix(name) for name in management.fields]
            members = form.forms
        else:
            members = [form]
        names += [member.add_prefix(name) for member in members for name in member.fields]
    return {name: data.getlist(name) for name in names if name in data}


def _with_another_member(data: dict[str, list[str]], members: BaseFormSet) -> dict[str, list[str]]:
    """The household step's data with one more empty family member form, up to the formset's limit."""
    total = members.management_form.add_prefix("TOTAL_FORMS")
    count = min(len(members.forms) + 1, members.max_num)
    return {**data, total: [str(count)]}


def _stored(draft: dict, step: str) -> MultiValueDict | None:
    values = draft["steps"].get(step)
    return MultiValueDict(values) if values is not None else None


def _all_valid(forms: dict) -> bool:
    return all([form.is_valid() for form in forms.values()])  # noqa: C419 (validate every form)


def _next_step(step: str) -> str:
    slugs = [slug for slug, _label in STEPS]
    return slugs[min(slugs.index(step) + 1, len(slugs) - 1)]


def _steps_context(step: str, draft: dict) -> list[dict]:
    completed = set(draft["completed"])
    return [
        {"slug": slug, "label": label, "current": slug == step, "done": slug in completed}
        for slug, label in STEPS
    ]


@require_POST
@role_required(Role.VOLUNTEER)
def intake_new(request):
    intake = services.intake_start(acting_user=request.user)
    return redirect("intake:step", intake.public_id, "identity")


@role_required(Role.VOLUNTEER, Role.COORDINATOR)
def intake_step(request, public_id, step: str):
    intake = get_intake_for_user(request.user, public_id, write=True)
    if step == "review":
        return _review(request, intake)
    if step not in FORM_STEPS:
        raise Http404
    draft = services.draft_content(intake)
    if request.method == "POST":
        forms = build_forms(step, request.POST)
        valid = _all_valid(forms)
        action = request.POST.get("action")
        data = declared_data(forms, request.POST)
        if action == "add_member" and step == "household":
            data = _with_another_member(data, forms["members"])
        try:
            services.intake_draft_save(
                intake=intake,
                step=step,
                data=data,
                complete=valid,
                acting_user=request.user,
            )
        except DraftTooLarge as exc:
            if request.headers.get("X-Autosave"):
                return HttpResponse(str(exc), status=413)
            messages.error(request, str(exc))
            context = {"intake": intake, "step": step, "steps": _steps_context(step, draft), **forms}
            return render(request, f"intake/intake_step_{step}.html", context, status=400)
        if request.headers.get("X-Autosave"):
            return HttpResponse(status=204)
        if action == "save":  # leave, whatever the fields say: the draft keeps them as typed
            if valid:
                messages.success(request, _("Draft saved. You can continue it from your intakes."))
            else:
                messages.warning(
                    request,
                    _("Draft saved. Some fields still need correcting; they are marked when you continue."),
                )
            return redirect("intake:home")
        if action == "add_member" and step == "household":
            url = reverse("intake:step", args=[intake.public_id, step])
            return redirect(f"{url}#member-{len(forms['members'].forms) + 1}")
        if valid:
            return redirect("intake:step", intake.public_id, _next_step(step))
        messages.error(request, _("What you typed is saved as a draft, but some fields need correcting."))
        draft = services.draft_content(intake)
        status = 200
    else:
        stored = _stored(draft, step)
        forms = build_forms(step, stored)
        if stored is not None:
            _all_valid(forms)  # show what still needs attention on a step typed earlier
        status = 200
    context = {"intake": intake, "step": step, "steps": _steps_context(step, draft), **forms}
    return render(request, f"intake/intake_step_{step}.html", context, status=status)


def _collect(draft: dict) -> tuple[dict, list[str]]:
    """Every step's forms bound to the draft, and the steps that are not valid yet."""
    bound, invalid = {}, []
    for step in FORM_STEPS:
        forms = build_forms(step, _stored(draft, step) or MultiValueDict())
        bound[step] = forms
        if not _all_valid(forms):
            invalid.append(step)
    return bound, invalid


def _identity(data: dict, *, relationship: str | None = None) -> Identity:
    fields = Identity.__dataclass_fields__
    identity = Identity(**{key: value for key, value in data.items() if key in fields and value is not None})
    if relationship:
        identity.relationship = relationship
    return identity


def _submission(bound: dict) -> dict:
    identity = bound["identity"]["form"].cleaned_data
    situation = bound["situation"]["form"].cleaned_data
    means = bound["household"]["form"].cleaned_data
    members = [
        _identity(member, relationship=member["relationship"])
        for member in bound["household"]["members"].cleaned_data
        if member.get("given_names")
    ]
    parties = [
        Party(name=party["name"], kind=party["kind"], never_contact=party["never_contact"])
        for party in bound["parties"]["parties"].cleaned_data
        if party.get("name")
    ]
    return {
        "principal": _identity(identity),
        "members": members,
        "parties": parties,
        "situation": Situation(**{k: situation[k] for k in Situation.__dataclass_fields__}),
        "means": Means(means["household_size"], means["annual_income"], means["region"]),
        "narrative": bound["narrative"]["form"].cleaned_data["narrative"],
        "demographics": Demographics(
            gender=identity.get("gender") or Gender.NOT_ASKED,
            zip_code=situation.get("zip_code", ""),
            community_area=situation.get("community_area", ""),
            ward=situation.get("ward"),
        ),
    }


def _review(request, intake):
    draft = services.draft_content(intake)
    bound, invalid = _collect(draft)
    submission = _submission(bound) if not invalid else None
    if request.method == "POST":
        if invalid:
            messages.error(request, _("Some steps still need correcting before the intake can be submitted."))
            return redirect("intake:step", intake.public_id, invalid[0])
        try:
            intake = services.intake_submit(intake=intake, acting_user=request.user, **submission)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("intake:step", intake.public_id, "identity")
        except IntakeStateError as exc:
            messages.error(request, str(exc))
            return redirect("intake:home")
        messages.success(request, _("Intake submitted. A coordinator will review it."))
        return redirect("intake:detail", intake.public_id)
    context = {
        "intake": intake,
        "step": "review",
        "steps": _steps_context("review", draft),
        "invalid": [(slug, label) for slug, label in STEPS if slug in invalid],
        "submission": submission,
        "a_number": format_a_number(submission["principal"].a_number) if submission else "",
        "help_needed_label": (
            Intake.HelpNeeded(submission["situation"].help_needed).label if submission else ""
        ),
        "eligibility": _eligibility_text(submission["means"]) if submission else "",
        "about": _demographics_text(submission) if submission else {},
    }
    if submission:
        situation, principal = submission["situation"], submission["principal"]
        context.update(
            channel_label=Intake.Channel(situation.channel).label,
            preferred_language=language_names([principal.preferred_language]),
            region_label=PovertyGuideline.Region(submission["means"].region).label,
            members=[(m, Client.Relationship(m.relationship).label) for m in submission["members"]],
        )
    return render(request, "intake/intake_step_review.html", context)


def _demographics_text(submission: dict) -> dict[str, str]:
    """The review step's words for what the intake will record for funders' counts."""
    demographics = submission["demographics"]
    band = age_band_for(submission["principal"].date_of_birth, on=timezone.localdate())
    return {
        "age_band": AgeBand(band).label,
        "gender": Gender(demographics.gender).label,
        "zip_code": demographics.zip_code,
        "community_area": CommunityArea(demographics.community_area).label
        if demographics.community_area
        else "",
        "ward": demographics.ward,
    }


def _eligibility_text(means: Means) -> str:
    """What the review step shows of the screening the submission will record."""
    if means.household_size is None or means.annual_income is None:
        return ""
    try:
        result = services.eligibility_compute(
            household_size=means.household_size, annual_income=means.annual_income, region=means.region
        )
    except services.EligibilityError as exc:
        return str(exc)
    return result.describe()
