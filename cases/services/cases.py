"""Opening, changing and closing a case, and what is recorded on it."""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.matching import normalise_name
from cases.models import (
    Case,
    CaseStatusCount,
    CaseType,
    ClosingCode,
    Grant,
    Hearing,
    Note,
    Offer,
    Outcome,
    TimeEntry,
)
from cases.services._base import CaseStateError, S, _lock, _move, _save
from cases.services.deadlines import hearing_deadlines_sync
from cases.services.funding import grant_check
from cases.services.hearings import hearing_create
from cases.services.network import attorney_stats_recount
from cases.services.offers import _offer_finish
from clinic.models import User
from intake.models import ConflictCheck, Intake
from intake.services import Party, adverse_parties_set, conflict_check_run, intake_mark_accepted


@dataclass(frozen=True)
class Placement:
    """What the coordinator confirms when accepting an intake: enough to place the matter."""

    case_type: str
    court: str = ""
    is_detained: bool = False
    first_hearing_at: datetime | None = None
    hearing_kind: str = Hearing.Kind.MASTER


def placement_from_intake(intake: Intake) -> Placement:
    """What the volunteer recorded, as the coordinator's starting point.

    The intake knows the hearing's day, not its hour: the first hearing is put at 9:00 in the
    clinic's time zone (when most master calendars start) until someone records the real time.
    """
    hearing_at = None
    if intake.next_hearing_date:
        hearing_at = timezone.make_aware(datetime.combine(intake.next_hearing_date, time(9, 0)))
    case_type = intake.help_needed if intake.help_needed in CaseType.values else CaseType.OTHER
    return Placement(
        case_type=case_type,
        court=intake.court,
        is_detained=intake.is_detained,
        first_hearing_at=hearing_at,
        hearing_kind=Hearing.Kind.BOND if case_type == CaseType.BOND else Hearing.Kind.MASTER,
    )


@transaction.atomic
def case_open(*, intake: Intake, opened_by: User, placement: Placement | None = None) -> Case:
    """Accepting an intake opens a case for its client, awaiting assignment, with what the intake
    knows (or what the coordinator corrected): its type, court, detention and first hearing."""
    placement = placement or placement_from_intake(intake)
    intake = intake_mark_accepted(intake=intake, acting_user=opened_by)
    case = Case(
        client=intake.client,
        intake=intake,
        opened_by=opened_by,
        case_type=placement.case_type,
        court=placement.court,
        is_detained=placement.is_detained,
        client_name_key=normalise_name(intake.client.full_name),
    )
    _save(case, opened_by)
    if placement.first_hearing_at is not None:
        hearing_create(
            case=case,
            kind=placement.hearing_kind,
            starts_at=placement.first_hearing_at,
            acting_user=opened_by,
        )
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
    grant_check(grant=grant, client=case.client, case_type=case_type)
    retyped = case.case_type != case_type
    detention_changed = case.is_detained != is_detained
    case.case_type, case.problem_code, case.is_detained = case_type, problem_code, is_detained
    case.court, case.grant = court, grant
    case.client_name_key = normalise_name(case.client.full_name)
    _save(case, acting_user)
    if retyped:  # every attorney who ever held it counted it as experience of the old type
        attorney_stats_recount(attorney_ids=case.assignments.values_list("attorney_id", flat=True))
    if detention_changed:
        # Filing deadlines run from non-detained hearings only: on a detained docket the judge sets them.
        for hearing in case.hearings.filter(starts_at__gte=timezone.now()).select_related("case", "court"):
            hearing_deadlines_sync(hearing=hearing, acting_user=acting_user)
    return case


def _recount_holders(case: Case) -> None:
    """The case's status decides whether it weighs on its attorneys' load."""
    attorney_stats_recount(
        attorney_ids=case.assignments.filter(ended_at__isnull=True).values_list("attorney_id", flat=True)
    )


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
            acting_user=acting_user,
        )
    for offer in case.offers.filter(status=Offer.Status.OPEN):
        _offer_finish(offer, Offer.Status.WITHDRAWN, acting_user)
    _move(case, S.CLOSED)
    case.closing_code, case.outcome, case.closed_at = closing_code, outcome, timezone.now()
    _save(case, acting_user)
    _recount_holders(case)
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
    _recount_holders(case)
    return case


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
    grant: Grant | None = None,
    acting_user: User,
) -> TimeEntry:
    """Records time worked on a case, charged to `grant` or, when none is given, to the case's."""
    case = _lock(case)  # a closing in progress finishes first
    if case.status == S.CLOSED:
        raise CaseStateError(_("This case is closed: reopen it before recording more time."))
    grant = grant or case.grant
    grant_check(grant=grant, client=case.client, case_type=case.case_type)
    entry = TimeEntry(
        case=case, worked_by=worked_by, worked_on=worked_on, hours=hours, description=description, grant=grant
    )
    _save(entry, acting_user)
    return entry


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


@transaction.atomic
def case_status_counts_rebuild() -> int:
    """Recounts CaseStatusCount from the cases (the triggers keep it current; this repairs it)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # no case may change status while they are counted
            cursor.execute("LOCK TABLE cases_case IN SHARE MODE")
    counted = list(Case.objects.order_by().values_list("status").annotate(n=Count("pk")))
    CaseStatusCount.objects.all().delete()
    CaseStatusCount.objects.bulk_create([CaseStatusCount(status=status, total=n) for status, n in counted])
    return len(counted)
