"""A response's life: opened from a hotline emergency, moved through its steps, handed to a case."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.models import User
from clinic.permissions import is_attorney, is_coordinator
from intake.models import ClientMatch, Intake
from response.models import PartnerOrganisation, Response
from response.services._base import ResponseStateError, S, lock, move, save
from response.services.checklist import checklist_create, checklist_owners_fill
from response.services.windows import detainer_assess


@dataclass
class Detention:
    """What the caller tells us about the detention (the person is the intake's client)."""

    taken_at: datetime | None = None
    taken_place: str = ""
    agency: str = Response.Agency.UNKNOWN
    country_of_birth: str = ""
    dependants_count: int = 0
    dependants_note: str = ""
    medical_needs: str = ""


@dataclass
class Caller:
    name: str = ""
    phone: str = ""
    relation: str = ""


@transaction.atomic
def response_open(
    *,
    intake: Intake,
    detention: Detention,
    caller: Caller | None = None,
    acting_user: User,
    partner: PartnerOrganisation | None = None,
) -> Response:
    """Opens the response to a hotline emergency; the on-shift team is alerted once it is saved.

    The detained person is the intake's client: a record of what was typed, which intake moves to
    a known client only when a coordinator confirms a possible match (so a volunteer never sees one).
    """
    from response.tasks import response_opened_alert

    intake = Intake.objects.select_for_update(of=("self",)).select_related("client").get(pk=intake.pk)
    if not intake.is_emergency:
        raise ResponseStateError(_("Only a hotline emergency can open a detention response."))
    if Response.objects.filter(intake=intake).exists():
        raise ResponseStateError(_("This emergency already has a response."))
    caller = caller or Caller()
    response = Response(
        intake=intake,
        source=Response.Source.PARTNER if partner else Response.Source.HOTLINE,
        partner=partner,
        opened_by=acting_user,
        reported_at=intake.submitted_at or timezone.now(),
        taken_at=detention.taken_at,
        taken_place=detention.taken_place.strip() or intake.facility,
        agency=detention.agency,
        country_of_birth=detention.country_of_birth.strip(),
        caller_name=caller.name.strip() or intake.caller_name,
        caller_phone=caller.phone.strip() or intake.callback_phone,
        caller_relation=caller.relation,
        dependants_count=detention.dependants_count,
        dependants_note=detention.dependants_note.strip(),
        medical_needs=detention.medical_needs.strip(),
        coordinator=acting_user if is_coordinator(acting_user) else None,
    )
    save(response, acting_user)
    checklist_create(response=response, acting_user=acting_user)
    transaction.on_commit(lambda: response_opened_alert.delay(response.pk))
    return response


@transaction.atomic
def response_status_set(
    *, response: Response, status: str, acting_user: User, at: datetime | None = None
) -> Response:
    """Moves the response one step along its flow, timestamping the step."""
    if status not in S.values:
        raise ValidationError({"status": _("Choose a status.")})
    response = lock(response)
    fields = move(response, status, at=at or timezone.now())
    save(response, acting_user, update_fields=fields)
    return response


@transaction.atomic
def response_assign(
    *, response: Response, coordinator: User | None, attorney: User | None, acting_user: User
) -> Response:
    """Names who is on it; checklist items waiting for an owner of that role get one."""
    if coordinator is not None and not is_coordinator(coordinator):
        raise ValidationError({"coordinator": _("Choose a coordinator.")})
    if attorney is not None and not is_attorney(attorney):
        raise ValidationError({"attorney": _("Choose an attorney.")})
    response = lock(response)
    response.coordinator, response.attorney = coordinator, attorney
    save(response, acting_user, update_fields=["coordinator", "attorney"])
    checklist_owners_fill(response=response, acting_user=acting_user)
    return response


def _windows_apply(response: Response) -> list[str]:
    assessment = detainer_assess(
        facility_kind=response.facility_kind,
        facility_state=response.facility_state,
        release_due_at=response.release_due_at,
    )
    response.detainer_window_ends_at = assessment.ends_at
    response.detainer_hold_unlawful = assessment.hold_unlawful
    return ["detainer_window_ends_at", "detainer_hold_unlawful"]


@transaction.atomic
def response_windows_set(
    *,
    response: Response,
    release_due_at: datetime | None,
    fear_referred_at: datetime | None,
    acting_user: User,
) -> Response:
    """Records when the jail would have released them and any fear referral; recomputes windows."""
    response = lock(response)
    response.release_due_at, response.fear_referred_at = release_due_at, fear_referred_at
    fields = ["release_due_at", "fear_referred_at", *_windows_apply(response)]
    save(response, acting_user, update_fields=fields)
    return response


@transaction.atomic
def response_mark_case_opened(*, response: Response, acting_user: User) -> Response:
    """Called by cases.services.case_open_from_response: the person now has counsel of record."""
    response = lock(response)
    if response.case_opened_at is not None:
        raise ResponseStateError(_("A case has already been opened from this response."))
    if response.status in {S.REPORTED, S.CLOSED}:
        raise ResponseStateError(
            _("A case can be opened once the person is located, and before the response closes.")
        )
    if ClientMatch.objects.filter(intake_id=response.intake_id, status=ClientMatch.Status.PENDING).exists():
        raise ResponseStateError(
            _("Confirm or reject the possible returning client on the intake before opening a case.")
        )
    now = timezone.now()
    fields = move(response, S.REPRESENTED, at=now) if response.status == S.LOCATED else []
    response.case_opened_at = now
    save(response, acting_user, update_fields=[*fields, "case_opened_at"])
    return response
