"""Every write to a case, its offers, assignments, notes and time goes through here."""

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from cases import tasks
from cases.matching import normalise_name
from cases.models import Assignment, Case, ClosingCode, Hearing, Note, Offer, Outcome, TimeEntry
from clinic.models import AttorneyProfile, Funder, Grant, User
from clinic.permissions import has_role
from clinic.roles import Role
from intake.models import Client, ConflictCheck, Intake
from intake.services import Party, adverse_parties_set, conflict_check_run, intake_mark_accepted


class CaseStateError(Exception):
    """A change that the case's (or offer's) current status does not allow."""


S = Case.Status
TRANSITIONS: dict[str, set[str]] = {
    S.AWAITING_ASSIGNMENT: {S.OFFERED, S.CLOSED},
    S.OFFERED: {S.ACTIVE, S.AWAITING_ASSIGNMENT, S.CLOSED},
    S.ACTIVE: {S.CLOSED, S.AWAITING_ASSIGNMENT},
    S.CLOSED: {S.ACTIVE, S.AWAITING_ASSIGNMENT},
}
# Lead and co-counsel may change the case; a mentor may read it and record notes and time.
ROLE_PERMISSIONS = {
    Assignment.Role.LEAD: ("cases.view_case", "cases.change_case"),
    Assignment.Role.CO_COUNSEL: ("cases.view_case", "cases.change_case"),
    Assignment.Role.MENTOR: ("cases.view_case",),
}
INELIGIBLE_FOR_LSC = {Client.LscEligibility.NONE, Client.LscEligibility.UNKNOWN}


def _move(case: Case, to: str) -> None:
    if to not in TRANSITIONS[case.status]:
        raise CaseStateError(
            _("A case that is %(now)s cannot become %(to)s.")
            % {"now": case.get_status_display().lower(), "to": S(to).label.lower()}
        )
    case.status = to


def _lock(case: Case) -> Case:
    """The case row, locked until the transaction ends: offers race on it."""
    return Case.objects.select_for_update().get(pk=case.pk)


def _save(obj, acting_user: User | None, update_fields: list[str] | None = None) -> None:
    obj._history_user = acting_user
    obj.full_clean()
    obj.save(update_fields=update_fields)


def grant_check_client(*, grant: Grant | None, client: Client) -> None:
    """Restricted money is never spent on an ineligible client: LSC grants need an eligibility basis."""
    if grant is not None and grant.is_lsc_funded and client.lsc_eligibility in INELIGIBLE_FOR_LSC:
        raise ValidationError(
            {
                "grant": _(
                    "%(grant)s is LSC-funded, and this client has no LSC eligibility basis on record "
                    "(%(basis)s). Use non-LSC money instead."
                )
                % {"grant": grant, "basis": client.get_lsc_eligibility_display()}
            }
        )


@transaction.atomic
def case_open(*, intake: Intake, opened_by: User) -> Case:
    """Accepting an intake opens a case for its client, awaiting assignment."""
    intake = intake_mark_accepted(intake=intake, acting_user=opened_by)
    case = Case(
        client=intake.client,
        intake=intake,
        opened_by=opened_by,
        is_detained=intake.is_detained,
        client_name_key=normalise_name(intake.client.full_name),
    )
    _save(case, opened_by)
    return case


@transaction.atomic
def case_update(
    *,
    case: Case,
    acting_user: User,
    case_type: str,
    problem_code: str,
    is_detained: bool,
    court: str,
    grant: Grant | None,
) -> Case:
    case = _lock(case)
    grant_check_client(grant=grant, client=case.client)
    case.case_type, case.problem_code, case.is_detained = case_type, problem_code, is_detained
    case.court, case.grant = court, grant
    case.client_name_key = normalise_name(case.client.full_name)
    _save(case, acting_user)
    return case


@transaction.atomic
def case_close(
    *,
    case: Case,
    closing_code: str,
    outcome: str,
    final_hours: Decimal | None = None,
    acting_user: User,
) -> Case:
    case = _lock(case)
    if case.status == S.CLOSED:
        raise CaseStateError(_("This case is already closed."))
    if closing_code not in ClosingCode.values:
        raise ValidationError({"closing_code": _("Choose an LSC closing code.")})
    if final_hours:
        time_entry_create(
            case=case,
            worked_by=acting_user,
            worked_on=timezone.localdate(),
            hours=final_hours,
            description=_("Final hours at closing"),
            grant=case.grant,
            acting_user=acting_user,
        )
    for offer in case.offers.filter(status=Offer.Status.OPEN):
        _offer_finish(offer, Offer.Status.WITHDRAWN, acting_user)
    _move(case, S.CLOSED)
    case.closing_code, case.outcome, case.closed_at = closing_code, outcome, timezone.now()
    _save(case, acting_user)
    return case


@transaction.atomic
def case_reopen(*, case: Case, acting_user: User) -> Case:
    case = _lock(case)
    if case.status != S.CLOSED:
        raise CaseStateError(_("Only a closed case can be reopened."))
    has_attorney = case.assignments.filter(ended_at__isnull=True).exists()
    _move(case, S.ACTIVE if has_attorney else S.AWAITING_ASSIGNMENT)
    case.closing_code, case.closed_at, case.outcome = "", None, Outcome.PENDING
    _save(case, acting_user)
    return case


@transaction.atomic
def offer_create(
    *, case: Case, attorneys: Iterable[User], acting_user: User, scores: dict[int, int] | None = None
) -> list[Offer]:
    """The coordinator offers a case to one or more attorneys; each offer expires on its own."""
    case = _lock(case)
    if case.status not in {S.AWAITING_ASSIGNMENT, S.OFFERED}:
        raise CaseStateError(
            _("A case that is %(now)s cannot be offered.") % {"now": case.get_status_display().lower()}
        )
    already = set(case.offers.filter(status=Offer.Status.OPEN).values_list("attorney_id", flat=True))
    expires_at = timezone.now() + timedelta(hours=settings.CLINIC_OFFER_EXPIRY_HOURS)
    offers = []
    for attorney in attorneys:
        if not has_role(attorney, Role.ATTORNEY):
            raise ValidationError({"attorneys": _("%(user)s is not an attorney.") % {"user": attorney}})
        if attorney.pk in already:
            continue
        offer = Offer(
            case=case,
            attorney=attorney,
            offered_by=acting_user,
            expires_at=expires_at,
            score=(scores or {}).get(attorney.pk, 0),
        )
        _save(offer, acting_user)
        offers.append(offer)
    if not offers and not already:
        raise CaseStateError(_("Choose at least one attorney to offer the case to."))
    if case.status == S.AWAITING_ASSIGNMENT:
        _move(case, S.OFFERED)
        _save(case, acting_user, ["status"])
    for offer in offers:
        transaction.on_commit(lambda pk=offer.pk: tasks.offer_notify.delay(pk))
    return offers


def offer_notify(*, offer_id: int) -> bool:
    """Tells the attorney a case awaits their answer. The message names no client: e-mail is not private."""
    offer = Offer.objects.select_related("attorney").filter(pk=offer_id, status=Offer.Status.OPEN).first()
    if offer is None or not offer.attorney.email:
        return False
    body = _(
        'A case has been offered to you. Please sign in and accept or decline it on your "My cases" '
        "page within %(hours)s hours."
    ) % {"hours": settings.CLINIC_OFFER_EXPIRY_HOURS}
    send_mail(_("New case offer"), body, None, [offer.attorney.email])
    return True


def _offer_finish(offer: Offer, status: str, acting_user: User | None, reason: str = "") -> None:
    offer.status, offer.responded_at, offer.decline_reason = status, timezone.now(), reason
    _save(offer, acting_user, ["status", "responded_at", "decline_reason"])


def _return_to_queue_if_no_offers(case: Case, acting_user: User | None) -> None:
    if case.status == S.OFFERED and not case.offers.filter(status=Offer.Status.OPEN).exists():
        _move(case, S.AWAITING_ASSIGNMENT)
        _save(case, acting_user, ["status"])


def _locked_open_offer(offer: Offer) -> tuple[Offer, Case]:
    case = _lock(offer.case)
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if offer.status != Offer.Status.OPEN:
        raise CaseStateError(
            _("This offer is no longer open (it was %(status)s).")
            % {"status": offer.get_status_display().lower()}
        )
    return offer, case


@transaction.atomic
def offer_accept(*, offer: Offer, acting_user: User, role: str = Assignment.Role.LEAD) -> Assignment:
    """The first acceptance wins: the case row is locked, and every other open offer is withdrawn."""
    offer, case = _locked_open_offer(offer)
    if offer.expires_at <= timezone.now():
        raise CaseStateError(_("This offer has expired."))  # the beat scan records the expiry
    _offer_finish(offer, Offer.Status.ACCEPTED, acting_user)
    for other in case.offers.filter(status=Offer.Status.OPEN).exclude(pk=offer.pk).select_for_update():
        _offer_finish(other, Offer.Status.WITHDRAWN, acting_user)
    _move(case, S.ACTIVE)
    now = timezone.now()
    case.accepted_at = now
    started = case.intake.created_at if case.intake_id else case.opened_at
    case.intake_to_acceptance = now - started
    _save(case, acting_user, ["status", "accepted_at", "intake_to_acceptance"])
    return assignment_create(case=case, attorney=offer.attorney, role=role, acting_user=acting_user)


@transaction.atomic
def offer_decline(*, offer: Offer, reason: str, acting_user: User) -> Offer:
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Say briefly why you decline, so the coordinator can match better.")}
        )
    offer, case = _locked_open_offer(offer)
    _offer_finish(offer, Offer.Status.DECLINED, acting_user, reason.strip())
    _return_to_queue_if_no_offers(case, acting_user)
    return offer


@transaction.atomic
def offer_withdraw(*, offer: Offer, acting_user: User) -> Offer:
    offer, case = _locked_open_offer(offer)
    _offer_finish(offer, Offer.Status.WITHDRAWN, acting_user)
    _return_to_queue_if_no_offers(case, acting_user)
    return offer


def offers_expire(*, now=None) -> int:
    """Marks every open offer past its time as expired; cases left without offers return to the queue.

    One transaction per offer rather than one for the whole scan: each case row is locked only
    briefly, and an offer answered while the scan runs is simply skipped.
    """
    now = now or timezone.now()
    expired = 0
    due = Offer.objects.filter(status=Offer.Status.OPEN, expires_at__lte=now).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            offer = Offer.objects.select_related("case").get(pk=pk)
            try:
                offer, case = _locked_open_offer(offer)
            except CaseStateError:
                continue  # answered meanwhile
            _offer_finish(offer, Offer.Status.EXPIRED, None)
            _return_to_queue_if_no_offers(case, None)
            expired += 1
    return expired


@transaction.atomic
def assignment_create(*, case: Case, attorney: User, role: str, acting_user: User) -> Assignment:
    """The only place that puts an attorney on a case and grants them access to it."""
    case = _lock(case)
    if case.status != S.ACTIVE:
        raise CaseStateError(
            _("This case cannot take an attorney while it is %(s)s.")
            % {"s": case.get_status_display().lower()}
        )
    if not has_role(attorney, Role.ATTORNEY):
        raise ValidationError({"attorney": _("%(user)s is not an attorney.") % {"user": attorney}})
    assignment = Assignment(case=case, attorney=attorney, role=role)
    _save(assignment, acting_user)
    for perm in ROLE_PERMISSIONS[role]:
        assign_perm(perm, attorney, case)
    return assignment


@transaction.atomic
def assignment_end(*, assignment: Assignment, acting_user: User) -> Assignment:
    """Ends an attorney's work on a case and takes their access away with it."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.ended_at is not None:
        raise CaseStateError(_("This assignment has already ended."))
    assignment.ended_at = timezone.now()
    _save(assignment, acting_user, ["ended_at"])
    case = _lock(assignment.case)
    for perm in ("cases.view_case", "cases.change_case"):
        remove_perm(perm, assignment.attorney, case)
    if case.status == S.ACTIVE and not case.assignments.filter(ended_at__isnull=True).exists():
        _move(case, S.AWAITING_ASSIGNMENT)
        _save(case, acting_user, ["status"])
    return assignment


@transaction.atomic
def note_create(*, case: Case, body: str, acting_user: User) -> Note:
    note = Note(case=case, author=acting_user, body=body)
    _save(note, acting_user)
    return note


@transaction.atomic
def time_entry_create(
    *,
    case: Case,
    worked_by: User,
    worked_on: date,
    hours: Decimal,
    description: str,
    grant: Grant | None,
    acting_user: User,
) -> TimeEntry:
    case = _lock(case)  # a closing in progress finishes first
    if case.status == S.CLOSED:
        raise CaseStateError(_("This case is closed: reopen it before recording more time."))
    grant_check_client(grant=grant, client=case.client)
    entry = TimeEntry(
        case=case, worked_by=worked_by, worked_on=worked_on, hours=hours, description=description, grant=grant
    )
    _save(entry, acting_user)
    return entry


@transaction.atomic
def hearing_create(*, case: Case, kind: str, starts_at, judge: str = "", acting_user: User) -> Hearing:
    hearing = Hearing(case=case, kind=kind, starts_at=starts_at, judge=judge)
    _save(hearing, acting_user)
    return hearing


@transaction.atomic
def funder_save(*, funder: Funder | None, name: str, notes: str = "", acting_user: User) -> Funder:
    funder = funder or Funder()
    funder.name, funder.notes = name, notes
    _save(funder, acting_user)
    return funder


@transaction.atomic
def grant_save(
    *,
    grant: Grant | None,
    funder: Funder,
    name: str,
    code: str,
    is_lsc_funded: bool,
    restrictions: str = "",
    starts_on: date | None = None,
    ends_on: date | None = None,
    is_active: bool = True,
    acting_user: User,
) -> Grant:
    """Creates or edits a grant; it cannot become LSC money while it pays for ineligible clients."""
    grant = grant or Grant()
    if is_lsc_funded and grant.pk:
        charged = Case.objects.filter(grant=grant, client__lsc_eligibility__in=INELIGIBLE_FOR_LSC).count()
        charged += TimeEntry.objects.filter(
            grant=grant, case__client__lsc_eligibility__in=INELIGIBLE_FOR_LSC
        ).count()
        if charged:
            raise ValidationError(
                {
                    "is_lsc_funded": _(
                        "%(n)s case(s) or time entries charged to this grant are for clients without an LSC "
                        "eligibility basis. Move them to non-LSC money first."
                    )
                    % {"n": charged}
                }
            )
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("A grant cannot end before it starts.")})
    grant.funder, grant.name, grant.code, grant.is_lsc_funded = funder, name, code, is_lsc_funded
    grant.restrictions, grant.starts_on, grant.ends_on, grant.is_active = (
        restrictions,
        starts_on,
        ends_on,
        is_active,
    )
    _save(grant, acting_user)
    return grant


@transaction.atomic
def attorney_profile_save(*, user: User, acting_user: User, **fields) -> AttorneyProfile:
    """What matching knows about an attorney; they keep it current themselves."""
    profile = AttorneyProfile.objects.filter(user=user).first() or AttorneyProfile(user=user)
    for name, value in fields.items():
        setattr(profile, name, value)
    _save(profile, acting_user)
    return profile


@transaction.atomic
def case_parties_set(*, case: Case, parties: list[Party], acting_user: User) -> ConflictCheck | None:
    """Changes the parties on the other side of a matter and runs the conflict check again.

    Parties belong to the client (intake keeps them); the check is recorded on the intake the case
    came from, where coordinators review and clear hits as for any intake.
    """
    case = _lock(case)
    if case.status == S.CLOSED:
        raise CaseStateError(_("Reopen the case before changing its parties."))
    adverse_parties_set(client=case.client, parties=parties, acting_user=acting_user)
    if case.intake_id is None:
        return None
    return conflict_check_run(intake=case.intake, acting_user=acting_user)
