"""An intake's life: draft, submission, hotline emergency, and the coordinator's decision."""

import json
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.i18n import in_language_of
from clinic.models import User
from clinic.permissions import is_coordinator
from clinic.roles import Role
from intake.models import Client, Gender, Intake
from intake.models.demographics import age_band_for
from intake.services.clients import (
    Identity,
    Party,
    adverse_parties_set,
    check_safe_contact,
    client_create,
    household_create,
    never_contact_names,
)
from intake.services.conflicts import conflict_check_run
from intake.services.eligibility import EligibilityError, eligibility_compute
from intake.services.matches import client_match_record

# A hearing this close makes an intake urgent.
URGENT_HEARING_DAYS = 14


# A whole intake typed by hand (a long narrative in a non-Latin script, a large family) stays far
# below this; the cap keeps a scripted post from filling the disk one draft at a time.
DRAFT_MAX_BYTES = 64 * 1024


class IntakeStateError(Exception):
    """A decision that the intake's current status does not allow."""


class DraftTooLarge(Exception):
    """What was typed would make the draft larger than DRAFT_MAX_BYTES."""


@dataclass
class Situation:
    channel: str
    is_detained: bool = False
    facility: str = ""
    detained_on: date | None = None
    nta_received: bool = False
    next_hearing_date: date | None = None
    court: str = ""
    help_needed: str = "other"
    outreach_event: object = None  # an OutreachEvent the intake was taken at, if any


@dataclass
class Demographics:
    """What funders count clients by, as the client told the volunteer; every part optional."""

    gender: str = Gender.NOT_ASKED
    zip_code: str = ""
    community_area: str = ""
    ward: int | None = None


@dataclass
class Means:
    household_size: int | None = None
    annual_income: Decimal | None = None
    region: str = "contiguous"


# Drafts -------------------------------------------------------------------------------------------


def draft_content(intake: Intake) -> dict:
    try:
        content = json.loads(intake.draft) if intake.draft else {}
    except ValueError:
        content = {}
    content.setdefault("steps", {})
    content.setdefault("completed", [])
    return content


@transaction.atomic
def intake_start(*, acting_user: User, channel: str = Intake.Channel.WALK_IN) -> Intake:
    intake = Intake(volunteer=acting_user, channel=channel, status=Intake.Status.DRAFT)
    intake._history_user = acting_user
    intake.full_clean()
    intake.save()
    return intake


@transaction.atomic
def intake_draft_save(
    *, intake: Intake, step: str, data: dict[str, list[str]], complete: bool, acting_user: User
) -> Intake:
    """Keeps what was typed on a step, valid or not, so that nothing is lost."""
    intake = Intake.objects.select_for_update().get(pk=intake.pk)
    if intake.status != Intake.Status.DRAFT:
        raise IntakeStateError(_("This intake has been submitted and can no longer be edited."))
    content = draft_content(intake)
    content["steps"][step] = data
    completed = set(content["completed"])
    (completed.add if complete else completed.discard)(step)
    content["completed"] = sorted(completed)
    serialised = json.dumps(content, ensure_ascii=False)
    if len(serialised.encode()) > DRAFT_MAX_BYTES:
        raise DraftTooLarge(
            _("This draft is too large to keep (more than %(kib)s KiB): shorten the longest texts.")
            % {"kib": DRAFT_MAX_BYTES // 1024}
        )
    intake.draft = serialised
    # The draft is a scratch pad: history records the submitted intake, not every keystroke saved.
    intake.skip_history_when_saving = True
    intake.save(update_fields=["draft"])
    return intake


# Submission ---------------------------------------------------------------------------------------


def _is_urgent(situation: Situation, today: date) -> bool:
    hearing = situation.next_hearing_date
    return situation.is_detained or (
        hearing is not None and today <= hearing <= today + timedelta(days=URGENT_HEARING_DAYS)
    )


@transaction.atomic
def intake_submit(
    *,
    intake: Intake,
    principal: Identity,
    members: list[Identity],
    parties: list[Party],
    situation: Situation,
    means: Means,
    narrative: str,
    acting_user: User,
    demographics: Demographics | None = None,
) -> Intake:
    """Turns a draft into an open intake: clients (new or known), family, parties, eligibility, check."""
    intake = Intake.objects.select_for_update().get(pk=intake.pk)
    if intake.status != Intake.Status.DRAFT:
        raise IntakeStateError(_("This intake has already been submitted."))
    forbidden = never_contact_names(parties=parties)
    for identity in (principal, *members):
        check_safe_contact(safe_contact_name=identity.safe_contact_name, never_contact=forbidden)

    # Every person typed gets a record of their own: a returning client is only a possible match,
    # for a coordinator to confirm (services/matches.py), so the volunteer never sees their record.
    household = household_create(acting_user=acting_user) if members else None
    client = client_create(identity=principal, acting_user=acting_user, household=household)
    typed = [(client, principal)]
    for member in members:
        typed.append((client_create(identity=member, acting_user=acting_user, household=household), member))
    if parties:
        adverse_parties_set(client=client, parties=parties, acting_user=acting_user)

    intake.submitted_client = client
    intake.client = client
    for attribute, value in vars(situation).items():
        setattr(intake, attribute, value)
    intake.narrative = narrative
    for attribute, value in vars(demographics or Demographics()).items():
        setattr(intake, attribute, value)
    intake.household_size = means.household_size
    intake.annual_income = means.annual_income
    intake.poverty_region = means.region
    if means.household_size is not None and means.annual_income is not None:
        try:
            result = eligibility_compute(
                household_size=means.household_size, annual_income=means.annual_income, region=means.region
            )
        except EligibilityError as exc:
            raise ValidationError({"household_size": str(exc)}) from exc
        intake.poverty_year, intake.poverty_percent, intake.eligibility_band = (
            result.year,
            result.percent,
            result.band,
        )
    intake.is_urgent = intake.is_urgent or _is_urgent(situation, timezone.localdate())
    intake.status = Intake.Status.OPEN
    intake.submitted_at = timezone.now()
    intake.age_band = age_band_for(principal.date_of_birth, on=timezone.localdate(intake.submitted_at))
    intake.draft = ""
    intake._history_user = acting_user
    intake.full_clean()
    intake.save()
    _record_matches(intake, typed)
    conflict_check_run(intake=intake, acting_user=acting_user)
    intake.refresh_from_db()
    return intake


def _record_matches(intake: Intake, typed: list[tuple]) -> None:
    exclude = tuple(client.pk for client, _identity in typed)
    for client, identity in typed:
        client_match_record(intake=intake, typed_client=client, identity=identity, exclude_ids=exclude)


@transaction.atomic
def intake_emergency_create(
    *,
    identity: Identity,
    facility: str,
    detained_on: date | None,
    caller_name: str,
    callback_phone: str,
    narrative: str,
    acting_user: User,
) -> Intake:
    """A hotline report of a detention: urgent, heads the queue, on-call coordinators told at once."""
    from intake.tasks import notify_on_call_coordinators

    client = client_create(identity=identity, acting_user=acting_user)
    intake = Intake(
        client=client,
        submitted_client=client,
        volunteer=acting_user,
        channel=Intake.Channel.RAPID_RESPONSE,
        status=Intake.Status.OPEN,
        is_urgent=True,
        is_emergency=True,
        is_detained=True,
        facility=facility,
        detained_on=detained_on,
        caller_name=caller_name,
        callback_phone=callback_phone,
        narrative=narrative,
        submitted_at=timezone.now(),
        age_band=age_band_for(identity.date_of_birth, on=timezone.localdate()),
    )
    intake._history_user = acting_user
    intake.full_clean()
    intake.save()
    _record_matches(intake, [(client, identity)])
    conflict_check_run(intake=intake, acting_user=acting_user)
    intake.refresh_from_db()
    transaction.on_commit(lambda: notify_on_call_coordinators.delay(intake.pk))
    return intake


INTAKE_CALLER_FIELDS = ("caller_name", "callback_phone")


@transaction.atomic
def intake_caller_details_purge(*, intake: Intake, acting_user: User | None) -> bool:
    """Erases who called about a detention from the intake and from its history, unless a case was
    opened from the intake (the case may need to call back). Returns whether anything was erased.

    The rapid-response purge calls it, so that the caller's name and number do not outlive the
    response's own copy in the intake that recorded the call.
    """
    intake = Intake.objects.select_for_update().get(pk=intake.pk)
    if intake.status == Intake.Status.ACCEPTED:
        return False
    if not any(getattr(intake, field) for field in INTAKE_CALLER_FIELDS):
        return False
    for field in INTAKE_CALLER_FIELDS:
        setattr(intake, field, "")
    intake._history_user = acting_user
    intake.save(update_fields=list(INTAKE_CALLER_FIELDS))
    # Erasure, not an edit: the earlier versions would otherwise keep the ciphertext of both.
    intake.history.filter(id=intake.pk).update(**dict.fromkeys(INTAKE_CALLER_FIELDS, ""))
    return True


def emergency_notify(*, intake: Intake) -> int:
    """E-mails each on-call coordinator, in their own language, a link to the configured site.

    The message carries no personal data: only an opaque link that needs a sign-in.
    """
    recipients = (
        User.objects.filter(is_active=True, is_on_call=True, groups__name=Role.COORDINATOR)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    link = settings.CLINIC_SITE_URL.rstrip("/") + reverse("intake:detail", args=[intake.public_id])
    sent = 0
    for recipient in recipients:
        with in_language_of(recipient):
            sent += send_mail(
                subject=_("Urgent intake waiting"),
                message=_(
                    "An urgent intake is waiting for a coordinator.\n\nOpen it here (sign-in required):\n"
                    "%(link)s\n"
                )
                % {"link": link},
                from_email=None,
                recipient_list=[recipient.email],
            )
    return sent


# What funders count ------------------------------------------------------------------------------


@transaction.atomic
def intake_demographics_update(
    *,
    intake: Intake,
    gender: str,
    zip_code: str,
    community_area: str,
    ward: int | None,
    acting_user: User,
) -> Intake:
    """A coordinator corrects what an intake records for funders' counts (not the age group: that
    follows the date of birth, corrected on the client's record)."""
    if not is_coordinator(acting_user):
        raise PermissionDenied
    intake = Intake.objects.select_for_update().get(pk=intake.pk)
    if intake.submitted_at is None:
        raise IntakeStateError(_("This intake has not been submitted yet."))
    intake.gender, intake.zip_code = gender, zip_code
    intake.community_area, intake.ward = community_area, ward
    intake._history_user = acting_user
    intake.full_clean()
    intake.save(update_fields=["gender", "zip_code", "community_area", "ward"])
    return intake


@transaction.atomic
def intake_age_bands_refresh(*, client: Client, acting_user: User) -> int:
    """Each submitted intake of the client gets the age group of the client's date of birth on the
    day of that intake: called when the date of birth is corrected. Returns how many changed."""
    changed = 0
    intakes = Intake.objects.select_for_update().filter(client=client, submitted_at__isnull=False)
    for intake in intakes:
        band = age_band_for(client.date_of_birth, on=timezone.localdate(intake.submitted_at))
        if band != intake.age_band:
            intake.age_band = band
            intake._history_user = acting_user
            intake.save(update_fields=["age_band"])
            changed += 1
    return changed


# Decisions ----------------------------------------------------------------------------------------


def _lock_open(intake: Intake, refusal: str) -> Intake:
    intake = Intake.objects.select_for_update().get(pk=intake.pk)
    if intake.status != Intake.Status.OPEN:
        raise IntakeStateError(refusal)
    return intake


def _decide(intake: Intake, status: str, acting_user: User, **changes) -> Intake:
    intake.status = status
    intake.decided_at = timezone.now()
    intake.decided_by = acting_user
    for attribute, value in changes.items():
        setattr(intake, attribute, value)
    intake._history_user = acting_user
    intake.full_clean()
    intake.save(update_fields=["status", "decided_at", "decided_by", *changes])
    return intake


@transaction.atomic
def intake_mark_accepted(*, intake: Intake, acting_user: User) -> Intake:
    """Called by cases.services.case_open: the only way an intake becomes accepted."""
    intake = _lock_open(intake, _("Only an open intake can be accepted."))
    if intake.conflict_status == Intake.ConflictStatus.NOT_RUN:
        raise IntakeStateError(_("Run the conflict check before accepting this intake."))
    if intake.conflict_status == Intake.ConflictStatus.REVIEW:
        raise IntakeStateError(
            _("A coordinator must clear the possible conflicts before accepting this intake.")
        )
    if intake.client_matches.filter(status="pending").exists():
        raise IntakeStateError(
            _("Confirm or reject the possible returning client before accepting this intake.")
        )
    return _decide(intake, Intake.Status.ACCEPTED, acting_user)


@transaction.atomic
def intake_refer(*, intake: Intake, referred_to: str, reason: str = "", acting_user: User) -> Intake:
    if not referred_to.strip():
        raise ValidationError({"referred_to": _("Say to whom the client is referred.")})
    intake = _lock_open(intake, _("Only an open intake can be referred out."))
    return _decide(
        intake,
        Intake.Status.REFERRED,
        acting_user,
        referred_to=referred_to.strip(),
        decision_reason=reason.strip(),
    )


@transaction.atomic
def intake_decline(*, intake: Intake, reason: str, acting_user: User) -> Intake:
    if not reason.strip():
        raise ValidationError({"decision_reason": _("Give a reason for declining.")})
    intake = _lock_open(intake, _("Only an open intake can be declined."))
    return _decide(intake, Intake.Status.DECLINED, acting_user, decision_reason=reason.strip())
