"""The queue's table (intake/views/tables.py): its wait in words is the `age` filter's, only faster."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation
from django.utils.timesince import timesince

from clinic.templatetags.clinic_tags import age
from intake.views.tables import age_maker

UTC = ZoneInfo("UTC")
MINUTE, HOUR, DAY, WEEK = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1), timedelta(weeks=1)
SECOND = timedelta(seconds=1)
# Each unit's edges, the four weeks where the calendar takes over, and waits of months and years.
WAITS = [
    timedelta(0),
    SECOND,
    59 * SECOND,
    MINUTE,
    MINUTE + SECOND,
    HOUR - SECOND,
    HOUR,
    2 * HOUR + 59 * MINUTE,
    DAY - SECOND,
    DAY,
    6 * DAY + 23 * HOUR,
    WEEK,
    3 * WEEK + 6 * DAY + 23 * HOUR + 59 * MINUTE + 59 * SECOND,
    4 * WEEK - SECOND,
    4 * WEEK,
    29 * DAY,
    31 * DAY,
    45 * DAY,
    364 * DAY,
    366 * DAY,
    800 * DAY,
]
NOWS = [
    datetime(2026, 3, 1, 9, 30, 15, 250000, tzinfo=UTC),  # after a short February
    datetime(2024, 3, 1, 0, 0, tzinfo=UTC),  # after a leap day
    datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    datetime(2026, 7, 15, 12, 0, tzinfo=ZoneInfo("America/Chicago")),
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("now", NOWS, ids=str)
def test_the_wait_in_words_is_what_the_age_filter_says_at_the_same_moment(language, now):
    """The filter is `timesince(value, depth=1)` counted from the moment it runs; here from `now`."""
    with translation.override(language):
        words = age_maker(now=now)
        for wait in WAITS:
            for since in (now - wait, (now - wait).astimezone(UTC), now - wait - timedelta(microseconds=1)):
                assert words(since) == timesince(since, now, depth=1), (wait, since)


def test_a_wait_that_has_not_begun_is_no_minutes():
    now = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    with translation.override("en"):
        assert age_maker(now=now)(now + HOUR) == timesince(now + HOUR, now, depth=1) == "0\xa0minutes"


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_wait_in_words_matches_the_age_filter_now(language):
    now = timezone.now()
    with translation.override(language):
        words = age_maker()
        for wait in (3 * HOUR + 10 * MINUTE, 2 * DAY + 5 * HOUR, 2 * WEEK + HOUR, 60 * DAY, 400 * DAY):
            assert words(now - wait) == age(now - wait)
