"""The business-day calendar, checked against days counted by hand on a printed calendar."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from clinic.calendar import (
    add_business_days,
    add_business_hours,
    add_offset,
    due_date,
    federal_holiday_name,
    is_business_day,
    next_business_day,
    previous_business_day,
    roll,
)
from clinic.closures import closure_dates, closure_day_create, closure_day_delete
from clinic.models import ClosureDay

CHICAGO = ZoneInfo("America/Chicago")
D = date.fromisoformat


def chicago(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=CHICAGO)


@pytest.mark.parametrize(
    "day",
    [
        "2026-07-03",  # Independence Day 2026 is a Saturday: observed Friday
        "2027-12-24",  # Christmas 2027 is a Saturday: observed Friday
        "2027-12-31",  # New Year's Day 2028 is a Saturday: observed the year before
        "2027-07-05",  # Independence Day 2027 is a Sunday: observed Monday
        "2021-06-18",  # Juneteenth's first year, a Saturday: observed Friday
        "2026-06-19",  # Juneteenth
        "2026-01-19",  # Martin Luther King Jr. Day
        "2026-10-12",  # Columbus Day
        "2026-11-11",  # Veterans Day
        "2026-11-26",  # Thanksgiving
        "2026-12-25",  # Christmas
    ],
)
def test_federal_holidays_and_their_observed_days_are_not_business_days(day):
    assert not is_business_day(D(day))
    assert federal_holiday_name(D(day))


@pytest.mark.parametrize(
    "day",
    [
        "2026-11-27",  # the day after Thanksgiving is not a federal holiday
        "2026-12-24",  # Christmas Eve on a Thursday: only by executive order, not in 6103
        "2026-04-03",  # Good Friday: a market holiday, not a federal one
        "2033-01-20",  # Inauguration Day, a Thursday: a holiday in DC only
        "2020-06-19",  # Juneteenth before it became a federal holiday in 2021
        "2026-11-25",  # an ordinary Wednesday
    ],
)
def test_days_that_look_like_holidays_are_business_days(day):
    assert is_business_day(D(day))
    assert federal_holiday_name(D(day)) is None


def test_saturdays_and_sundays_are_not_business_days():
    assert not is_business_day(D("2026-11-28"))
    assert not is_business_day(D("2026-11-29"))
    assert is_business_day(D("2026-11-30"))


def test_next_and_previous_business_day_return_the_day_itself_when_open():
    assert next_business_day(D("2026-11-25")) == D("2026-11-25")
    assert previous_business_day(D("2026-11-25")) == D("2026-11-25")


def test_next_business_day_skips_a_weekend_and_an_observed_holiday():
    assert next_business_day(D("2026-07-03")) == D("2026-07-06")
    assert previous_business_day(D("2026-07-05")) == D("2026-07-02")


def test_next_business_day_skips_christmas_and_new_year_observed_on_fridays():
    assert next_business_day(D("2027-12-24")) == D("2027-12-27")
    assert next_business_day(D("2027-12-31")) == D("2028-01-03")


@pytest.mark.parametrize(
    ("start", "amount", "unit", "expected"),
    [
        ("2026-11-25", 30, "days", "2026-12-25"),
        ("2026-11-25", -15, "days", "2026-11-10"),
        ("2024-02-29", 1, "years", "2025-02-28"),  # a year after 29 February is 28 February
        ("2024-02-29", 4, "years", "2028-02-29"),
        ("2023-02-28", 1, "years", "2024-02-28"),
        ("2024-01-31", 1, "months", "2024-02-29"),  # month-end clamp, leap year
        ("2023-01-31", 1, "months", "2023-02-28"),
        ("2024-03-31", -1, "months", "2024-02-29"),
        ("2026-12-15", 1, "months", "2027-01-15"),
        ("2026-01-15", -1, "months", "2025-12-15"),
        ("2026-11-25", 0, "days", "2026-11-25"),  # the trigger is day 0
    ],
)
def test_add_offset_counts_from_day_zero_and_clamps_month_ends(start, amount, unit, expected):
    assert add_offset(D(start), amount=amount, unit=unit) == D(expected)


def test_add_offset_rejects_an_unknown_unit():
    with pytest.raises(ValueError):
        add_offset(D("2026-01-01"), amount=1, unit="weeks")


def test_add_business_days_skips_an_observed_holiday_and_a_weekend():
    # Thu 2 July counts 1; Fri 3 (observed), Sat 4, Sun 5 do not; Mon 6 is 2, Tue 7 is 3.
    assert add_business_days(D("2026-07-01"), 3) == D("2026-07-07")


def test_add_business_days_counts_backwards():
    assert add_business_days(D("2026-07-07"), -3) == D("2026-07-01")
    assert add_business_days(D("2026-07-07"), 0) == D("2026-07-07")


def test_roll_moves_or_keeps_a_saturday():
    saturday = D("2026-11-28")
    assert roll(saturday, how="next") == D("2026-11-30")
    assert roll(saturday, how="previous") == D("2026-11-27")
    assert roll(saturday, how="none") == saturday
    with pytest.raises(ValueError):
        roll(saturday, how="sideways")


@pytest.mark.parametrize(
    ("trigger", "amount", "unit", "roll_rule", "expected"),
    [
        # A plain weekday: nothing moves.
        ("2026-11-02", 30, "days", "next", "2026-12-02"),
        # Lands on Sunday 8 November: moves to Monday.
        ("2026-10-09", 30, "days", "next", "2026-11-09"),
        # Lands on Christmas (Friday): Monday 28 December.
        ("2026-11-25", 30, "days", "next", "2026-12-28"),
        # Crosses New Year: lands on 31 Dec 2027, New Year's Day 2028 observed; then Sat, Sun.
        ("2027-12-01", 30, "days", "next", "2028-01-03"),
        # Lands on New Year's Day 2027 (Friday): Monday 4 January.
        ("2026-12-02", 30, "days", "next", "2027-01-04"),
        # 90 days to reopen, from a Monday: lands Sunday 30 August 2026, moves to Monday.
        ("2026-06-01", 90, "days", "next", "2026-08-31"),
        # 33 days by mail, landing on Saturday 4 July 2026: Monday 6 July.
        ("2026-06-01", 33, "days", "next", "2026-07-06"),
        # 15 days before a hearing on Monday 20 July: Sunday 5 July, back past Sat 4 and the
        # observed Fri 3 to Thursday 2 July.
        ("2026-07-20", -15, "days", "previous", "2026-07-02"),
        # 30 days before an individual hearing on Thursday 24 December 2026: Tue 24 November.
        ("2026-12-24", -30, "days", "previous", "2026-11-24"),
        # The one-year asylum deadline from 29 February 2024: 28 February 2025, a Friday.
        ("2024-02-29", 1, "years", "next", "2025-02-28"),
        # One year from Sunday 4 July 2027 lands on Independence Day itself (a Tuesday in 2028).
        ("2027-07-04", 1, "years", "next", "2028-07-05"),
        # One year from 1 January 2027 lands on Saturday 1 January 2028: Monday 3 January.
        ("2027-01-01", 1, "years", "next", "2028-01-03"),
        # "none" keeps a Saturday.
        ("2026-10-29", 30, "days", "none", "2026-11-28"),
    ],
)
def test_due_date_by_calendar_days(trigger, amount, unit, roll_rule, expected):
    assert due_date(D(trigger), amount=amount, unit=unit, counting="calendar", roll_rule=roll_rule) == D(
        expected
    )


def test_due_date_by_business_days_skips_thanksgiving():
    # Wed 25 Nov 2026 + 3 business days: Fri 27 (1), Mon 30 (2), Tue 1 Dec (3).
    assert due_date(D("2026-11-25"), amount=3, unit="days", counting="business", roll_rule="next") == D(
        "2026-12-01"
    )


def test_due_date_by_business_days_refuses_months():
    with pytest.raises(ValueError):
        due_date(D("2026-11-25"), amount=1, unit="months", counting="business", roll_rule="next")


def test_a_closure_day_moves_a_due_date_further():
    closures = frozenset({D("2026-12-28")})
    assert due_date(D("2026-11-25"), amount=30, unit="days", roll_rule="next", closures=closures) == D(
        "2026-12-29"
    )
    assert not is_business_day(D("2026-12-28"), closures=closures)
    assert add_business_days(D("2026-12-23"), 2, closures=closures) == D("2026-12-29")


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # Monday 09:00 + 48 hours: Wednesday 09:00.
        ("2026-11-30 09:00", "2026-12-02 09:00"),
        # Friday 15:00: 9 hours on Friday, none on the weekend, 24 on Monday, 15 on Tuesday.
        ("2026-11-20 15:00", "2026-11-24 15:00"),
        # Wednesday noon before Thanksgiving: 12 + Friday 24 + Monday 12.
        ("2026-11-25 12:00", "2026-11-30 12:00"),
        # Thursday 10:00 before the observed Independence Day (Fri 3 July 2026) and a weekend.
        ("2026-07-02 10:00", "2026-07-07 10:00"),
        # Thursday 30 Dec 2027 08:00: 16 hours, then Fri 31 (New Year 2028 observed), the
        # weekend, 24 on Monday 3 January and 8 on Tuesday.
        ("2027-12-30 08:00", "2028-01-04 08:00"),
        # Start on a Saturday: the count starts at Monday's midnight.
        ("2026-11-21 10:00", "2026-11-25 00:00"),
        # Across the spring DST change (Sunday 8 March 2026): still 15:00 on the wall clock.
        ("2026-03-06 15:00", "2026-03-10 15:00"),
        # Across the autumn DST change (Sunday 1 November 2026).
        ("2026-10-30 15:00", "2026-11-03 15:00"),
    ],
)
def test_add_business_hours_the_48_hour_detainer_window(start, expected):
    end = add_business_hours(chicago(start), 48, tz=CHICAGO)
    assert end == chicago(expected)
    assert end.strftime("%Y-%m-%d %H:%M") == expected
    assert end.tzinfo == CHICAGO


def test_add_business_hours_counts_real_hours_and_answers_in_the_clinic_zone():
    start = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)  # 09:00 in Chicago
    assert add_business_hours(start, 48, tz="America/Chicago") == chicago("2026-12-02 09:00")
    # Across the spring change the wall clock says 15:00 but only 24 + 9 + 15 real hours of
    # business days passed; in UTC the answer is one hour earlier than a naive count.
    end = add_business_hours(chicago("2026-03-06 15:00"), 48, tz=CHICAGO)
    assert end.astimezone(UTC) == datetime(2026, 3, 10, 20, 0, tzinfo=UTC)


def test_add_business_hours_skips_a_closure_day():
    closures = frozenset({D("2026-12-01")})
    end = add_business_hours(chicago("2026-11-30 09:00"), 48, tz=CHICAGO, closures=closures)
    assert end == chicago("2026-12-03 09:00")


def test_add_business_hours_refuses_a_naive_datetime():
    with pytest.raises(ValueError):
        add_business_hours(datetime(2026, 11, 30, 9, 0), 48, tz=CHICAGO)


def test_closure_days_are_loaded_for_a_jurisdiction_in_one_query(coordinator, django_assert_num_queries):
    closure_day_create(day=D("2026-12-28"), reason="Court closed by order", acting_user=coordinator)
    closure_day_create(
        day=D("2026-12-29"), reason="Snow", jurisdiction="eoir-chicago", acting_user=coordinator
    )
    closure_day_create(
        day=D("2026-12-30"), reason="Flood", jurisdiction="eoir-omaha", acting_user=coordinator
    )
    with django_assert_num_queries(1):
        chicago_days = closure_dates(jurisdiction="eoir-chicago")
    assert chicago_days == {D("2026-12-28"), D("2026-12-29")}
    assert closure_dates() == {D("2026-12-28")}
    assert closure_dates(jurisdiction="eoir-chicago", start=D("2026-12-29")) == {D("2026-12-29")}


def test_closure_day_create_and_delete_keep_history_with_the_acting_user(coordinator):
    closure = closure_day_create(day=D("2026-12-28"), reason="Court closed by order", acting_user=coordinator)
    assert closure.history.get().history_user == coordinator
    closure_day_delete(closure=closure, acting_user=coordinator)
    assert not ClosureDay.objects.exists()
    assert ClosureDay.history.filter(history_type="-").get().history_user == coordinator
