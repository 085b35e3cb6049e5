"""The 48-hour jail-detainer window (8 CFR 287.7(d)): weekends and federal holidays, with their
observed days, are not counted; hours are counted on the clinic's (Chicago) wall clock."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from response import services
from response.models import FacilityKind
from response.selectors import response_countdowns
from response.services.windows import detainer_window_end
from tests.response.factories import found_at

ROOT = Path(__file__).resolve().parents[2]

CASES = [
    # would have been released, window ends (both clinic time), why
    ("2026-11-16 08:30", "2026-11-18 08:30", "two plain weekdays"),
    ("2026-11-20 17:00", "2026-11-24 17:00", "across a weekend"),
    ("2026-11-25 10:00", "2026-11-30 10:00", "Thanksgiving and the weekend after it"),
    ("2026-11-21 15:00", "2026-11-25 00:00", "starting on a Saturday: counting starts on Monday"),
    ("2026-11-22 23:59", "2026-11-25 00:00", "starting late on a Sunday"),
    (
        "2026-11-24 00:00",
        "2026-11-25 24:00",
        "exactly two whole days, ending at midnight before Thanksgiving",
    ),
    ("2026-07-02 12:00", "2026-07-07 12:00", "July 4 on a Saturday is observed on Friday July 3"),
    ("2027-07-02 09:00", "2027-07-07 09:00", "July 4 on a Sunday is observed on Monday July 5"),
    ("2027-12-23 20:00", "2027-12-28 20:00", "Christmas observed on Friday Dec 24"),
    ("2027-12-30 08:00", "2028-01-04 08:00", "New Year's Day 2028 (Saturday) observed on Friday Dec 31"),
    ("2026-01-16 18:00", "2026-01-21 18:00", "Martin Luther King Jr. Day"),
    ("2026-03-06 12:00", "2026-03-10 12:00", "across the spring clock change, on the wall clock"),
]


def _normalise(text: str) -> str:
    """`24:00` is the midnight that ends a day, written as the next day's 00:00."""
    from datetime import datetime, timedelta

    if text.endswith("24:00"):
        day = datetime.strptime(text[:10], "%Y-%m-%d") + timedelta(days=1)
        return f"{day:%Y-%m-%d} 00:00"
    return text


@pytest.mark.parametrize(("released", "ends", "why"), CASES, ids=[c[2] for c in CASES])
def test_the_detainer_window_skips_weekends_and_federal_holidays(local, tz, released, ends, why):
    end = detainer_window_end(local(released))
    assert f"{end.astimezone(tz):%Y-%m-%d %H:%M}" == _normalise(ends), why


@pytest.mark.parametrize(("released", "ends", "why"), CASES[:4], ids=[c[2] for c in CASES[:4]])
def test_the_command_prints_the_end_on_its_last_line(released, ends, why):
    out = StringIO()
    call_command("detainer_window", released, stdout=out)
    assert out.getvalue().strip().splitlines()[-1] == _normalise(ends)


@pytest.mark.parametrize("bad", ["2026-02-30 10:00", "tomorrow", "2026-11-25", "2026-11-25 25:00", ""])
def test_the_command_refuses_a_bad_date_with_a_sentence(bad):
    with pytest.raises(CommandError, match="is not a date and time like"):
        call_command("detainer_window", bad, stdout=StringIO())


def test_the_command_exits_non_zero_for_a_bad_date():
    result = subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", "detainer_window", "2026-02-30 10:00"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "is not a date and time like" in result.stderr


def test_a_jail_in_a_state_that_honours_detainers_counts_the_window_down(response, coordinator, local):
    found_at(response, "Lake County Jail (test)", state="IN", kind=FacilityKind.JAIL, acting_user=coordinator)
    released = timezone.now()
    response = services.response_windows_set(
        response=response, release_due_at=released, fear_referred_at=None, acting_user=coordinator
    )
    assert response.detainer_window_ends_at == detainer_window_end(released)
    assert not response.detainer_hold_unlawful
    (countdown,) = response_countdowns(response=response)
    assert countdown.label == "detainer" and not countdown.is_over


def test_a_jail_in_illinois_holding_on_a_detainer_is_flagged_not_counted(response, coordinator):
    found_at(response, "Cook County Jail (test)", state="IL", kind=FacilityKind.JAIL, acting_user=coordinator)
    response = services.response_windows_set(
        response=response, release_due_at=timezone.now(), fear_referred_at=None, acting_user=coordinator
    )
    assert response.detainer_hold_unlawful
    assert response.detainer_window_ends_at is None
    assert response_countdowns(response=response) == []


def test_a_transfer_from_a_jail_to_an_ice_centre_ends_the_detainer_window(response, coordinator):
    found_at(response, "Lake County Jail (test)", state="IN", kind=FacilityKind.JAIL, acting_user=coordinator)
    services.response_windows_set(
        response=response, release_due_at=timezone.now(), fear_referred_at=None, acting_user=coordinator
    )
    found_at(response, "Broadview (test)", state="IL", kind=FacilityKind.ICE, acting_user=coordinator)
    response.refresh_from_db()
    assert response.detainer_window_ends_at is None and not response.detainer_hold_unlawful
