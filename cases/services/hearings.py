"""Hearings on a case, and the filing deadlines that run from them."""

from datetime import datetime

from django.db import transaction

from cases.models import Case, Court, Hearing
from cases.services._base import _save
from cases.services.deadlines import hearing_deadlines_sync
from clinic.models import User


@transaction.atomic
def hearing_create(
    *,
    case: Case,
    kind: str,
    starts_at: datetime,
    court: Court | None = None,
    judge: str = "",
    mode: str = Hearing.Mode.IN_PERSON,
    result: str = "",
    acting_user: User,
) -> Hearing:
    """Schedules a hearing; a non-detained master or individual hearing brings its filing deadline."""
    hearing = Hearing(
        case=case, kind=kind, starts_at=starts_at, court=court, judge=judge, mode=mode, result=result
    )
    _save(hearing, acting_user)
    hearing_deadlines_sync(hearing=hearing, acting_user=acting_user)
    return hearing


@transaction.atomic
def hearing_update(
    *,
    hearing: Hearing,
    kind: str,
    starts_at: datetime,
    court: Court | None,
    judge: str = "",
    mode: str = Hearing.Mode.IN_PERSON,
    result: str = "",
    acting_user: User,
) -> Hearing:
    """Changes a hearing; when it moves, its filing deadlines move with it (history says why)."""
    # Lock the hearing row only: PostgreSQL cannot lock the nullable side of the court join.
    hearing = (
        Hearing.objects.select_for_update(of=("self",)).select_related("case", "court").get(pk=hearing.pk)
    )
    hearing.kind, hearing.starts_at, hearing.court = kind, starts_at, court
    hearing.judge, hearing.mode, hearing.result = judge, mode, result
    _save(hearing, acting_user)
    hearing_deadlines_sync(hearing=hearing, acting_user=acting_user)
    return hearing
