"""Closure days: the services that write them and the one selector that loads them for the
calendar (clinic/calendar.py takes them as a frozenset and never reads the database)."""

from datetime import date

from django.db import transaction
from django.db.models import Q

from clinic.models import ClosureDay, User


@transaction.atomic
def closure_day_create(*, day: date, reason: str, jurisdiction: str = "", acting_user: User) -> ClosureDay:
    """Close `day` for deadlines (of one jurisdiction, or of all when blank). Deadlines already
    computed do not move by themselves: the caller recalculates the ones it shows as affected."""
    closure = ClosureDay(date=day, reason=reason, jurisdiction=jurisdiction)
    closure._history_user = acting_user
    closure.full_clean()
    closure.save()
    return closure


@transaction.atomic
def closure_day_delete(*, closure: ClosureDay, acting_user: User) -> None:
    closure._history_user = acting_user
    closure.delete()


def closure_dates(
    *, jurisdiction: str = "", start: date | None = None, end: date | None = None
) -> frozenset[date]:
    """The closure days that apply to `jurisdiction` (those for every jurisdiction, plus its own),
    in one query; bound it with `start`/`end` when the range of dates is known."""
    days = ClosureDay.objects.filter(
        Q(jurisdiction="") | Q(jurisdiction=jurisdiction) if jurisdiction else Q(jurisdiction="")
    )
    if start is not None:
        days = days.filter(date__gte=start)
    if end is not None:
        days = days.filter(date__lte=end)
    return frozenset(days.values_list("date", flat=True))
