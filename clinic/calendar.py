"""The business-day calendar: pure date arithmetic for deadlines and rapid-response windows.

Nothing here reads the database. Closure days that coordinators add (a court closed by order, a
snow day) are passed in as a frozenset of dates; `clinic.closures.closure_dates()` loads them once
per call, so a caller computing a hundred deadlines makes one query, not a hundred.

Holidays are the US federal holidays of 5 U.S.C. 6103 with their observed days, from the maintained
`holidays` package: `holidays.US(observed=True)` in its default (public) category, without a
subdivision. That is exactly the eleven holidays of 6103(a) (Juneteenth from 2021), each observed
as Executive Order 11582 and 6103(b) say: a Saturday holiday on the Friday before, a Sunday one on
the Monday after, and New Year's Day on a Saturday on 31 December of the year before. We choose
this over:

- `holidays.financial` (NYSE): a market calendar (Good Friday, no Columbus or Veterans Day);
- the "government" and "unofficial" categories: Christmas Eve closures by executive order and
  days such as Valentine's; a one-off federal closure is a closure day a coordinator adds;
- `subdiv="DC"`: Inauguration Day (6103(c)) is a holiday only for employees in the District of
  Columbia and neighbouring counties, not for the courts and agencies our deadlines run against.

Counting follows the usual rules (FRAP 26(a), 8 CFR 1.4): the trigger date is day 0, then a
result on a Saturday, Sunday, holiday or closure rolls as the rule says.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from collections.abc import Set
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

import holidays

Unit = Literal["days", "months", "years"]
Counting = Literal["calendar", "business"]
RollRule = Literal["next", "previous", "none"]

UNITS: tuple[Unit, ...] = ("days", "months", "years")
COUNTINGS: tuple[Counting, ...] = ("calendar", "business")
ROLL_RULES: tuple[RollRule, ...] = ("next", "previous", "none")

NO_CLOSURES: frozenset[date] = frozenset()

# Far beyond any real run of consecutive closed days; guards a loop against a closure set that
# (by mistake) closes every day.
_MAX_CLOSED_RUN = 366


@lru_cache(maxsize=256)
def federal_holidays(year: int) -> frozenset[date]:
    """The federal holidays falling in `year`, as observed (5 U.S.C. 6103, EO 11582).

    Includes an observed day that falls in `year` for a holiday of the next year (New Year's Day
    2028, a Saturday, is observed on Friday 31 December 2027).
    """
    calendar_for_year = holidays.US(observed=True, years=(year, year + 1))
    return frozenset(d for d in calendar_for_year if d.year == year)


def federal_holiday_name(d: date) -> str | None:
    """The holiday's name (in English) if `d` is a federal holiday or its observed day."""
    if d not in federal_holidays(d.year):
        return None
    return holidays.US(observed=True, years=(d.year, d.year + 1)).get(d)


def is_holiday(d: date) -> bool:
    return d in federal_holidays(d.year)


def is_business_day(d: date, *, closures: Set[date] = NO_CLOSURES) -> bool:
    """Monday to Friday, not a federal holiday (or its observed day), not a closure day."""
    return d.weekday() < 5 and not is_holiday(d) and d not in closures


def next_business_day(d: date, *, closures: Set[date] = NO_CLOSURES) -> date:
    """`d` itself if it is a business day, else the first business day after it."""
    return _walk(d, step=1, closures=closures)


def previous_business_day(d: date, *, closures: Set[date] = NO_CLOSURES) -> date:
    """`d` itself if it is a business day, else the last business day before it."""
    return _walk(d, step=-1, closures=closures)


def _walk(d: date, *, step: int, closures: Set[date]) -> date:
    for _ in range(_MAX_CLOSED_RUN):
        if is_business_day(d, closures=closures):
            return d
        d += timedelta(days=step)
    raise ValueError("No business day within a year: check the closure days.")


def roll(d: date, *, how: RollRule, closures: Set[date] = NO_CLOSURES) -> date:
    """Move a due date off a weekend, holiday or closure: to the next or previous business day, or
    leave it where it is ("none")."""
    if how == "next":
        return next_business_day(d, closures=closures)
    if how == "previous":
        return previous_business_day(d, closures=closures)
    if how == "none":
        return d
    raise ValueError(f"Unknown roll rule {how!r}; expected one of {ROLL_RULES}.")


def add_offset(d: date, *, amount: int, unit: Unit) -> date:
    """Calendar arithmetic from day 0 = `d`. Negative amounts count back.

    Months and years keep the day of the month, clamped to the month's last day: a month after
    31 January is 28 (or 29) February, a year after 29 February is 28 February.
    """
    if unit == "days":
        return d + timedelta(days=amount)
    if unit == "months":
        return _add_months(d, amount)
    if unit == "years":
        return _add_months(d, 12 * amount)
    raise ValueError(f"Unknown unit {unit!r}; expected one of {UNITS}.")


def _add_months(d: date, months: int) -> date:
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last_day = _stdlib_calendar.monthrange(year, month)[1]
    return date(year, month, min(d.day, last_day))


def add_business_days(d: date, n: int, *, closures: Set[date] = NO_CLOSURES) -> date:
    """The n-th business day after `d` (before it when n < 0); `d` itself is not counted, and
    n == 0 returns `d` unchanged."""
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    while remaining:
        d += timedelta(days=step)
        if is_business_day(d, closures=closures):
            remaining -= 1
    return d


def due_date(
    trigger: date,
    *,
    amount: int,
    unit: Unit,
    counting: Counting = "calendar",
    roll_rule: RollRule = "next",
    closures: Set[date] = NO_CLOSURES,
) -> date:
    """The due date of a deadline: a pure function of the rule, the trigger date and the calendar.

    Calendar counting adds the offset (trigger = day 0) and then rolls the result as `roll_rule`
    says. Business counting (days only) counts business days from the trigger and rolls only when
    the offset is 0 and the trigger itself is closed.
    """
    if counting == "calendar":
        raw = add_offset(trigger, amount=amount, unit=unit)
    elif counting == "business":
        if unit != "days":
            raise ValueError("Business-day counting takes an offset in days.")
        raw = add_business_days(trigger, amount, closures=closures)
    else:
        raise ValueError(f"Unknown counting {counting!r}; expected one of {COUNTINGS}.")
    return roll(raw, how=roll_rule, closures=closures)


def add_business_hours(
    start: datetime, hours: int, *, tz: ZoneInfo | str, closures: Set[date] = NO_CLOSURES
) -> datetime:
    """The moment `hours` elapsed hours after `start`, counting only hours that fall on business
    days in the time zone `tz` (the 48 hours of 8 CFR 287.7(d), "exclusive of Saturdays, Sundays
    and holidays").

    Hours on a Saturday, Sunday, holiday or closure day are skipped whole, from local midnight to
    local midnight; a start on such a day starts the count at the next business day's midnight.
    Hours are real elapsed hours, so a count through a daylight-saving change stays right (in the
    US the change happens on a Sunday, which is skipped anyway). `start` must be aware; the answer
    is aware, in `tz`.
    """
    if start.tzinfo is None or start.utcoffset() is None:
        raise ValueError("add_business_hours needs an aware datetime.")
    if hours < 0:
        raise ValueError("add_business_hours counts forward only.")
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    current = start.astimezone(zone)
    remaining = timedelta(hours=hours)
    for _ in range(_MAX_CLOSED_RUN + hours // 24 + 2):
        day = current.date()
        next_midnight = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
        if not is_business_day(day, closures=closures):
            current = next_midnight
            continue
        left_today = _elapsed(current, next_midnight)
        if remaining <= left_today:
            return (current.astimezone(UTC) + remaining).astimezone(zone)
        remaining -= left_today
        current = next_midnight
    raise ValueError("No business day within a year: check the closure days.")


def _elapsed(earlier: datetime, later: datetime) -> timedelta:
    """Real time between two aware datetimes (subtraction within one zone uses wall clocks)."""
    return later.astimezone(UTC) - earlier.astimezone(UTC)
