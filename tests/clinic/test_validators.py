from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from clinic.validators import (
    PlausibleDate,
    validate_plausible_future_date,
    validate_plausible_past_date,
)


def test_a_past_date_accepts_today_and_1900():
    validate_plausible_past_date(timezone.localdate())
    validate_plausible_past_date(date(1900, 1, 1))
    validate_plausible_past_date(None)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (date(1, 1, 1), "too_early"),
        (date(1899, 12, 31), "too_early"),
        (date(3000, 1, 1), "future"),
        (date(9999, 12, 31), "future"),
    ],
)
def test_a_past_date_refuses_the_impossible(value, code):
    with pytest.raises(ValidationError) as raised:
        validate_plausible_past_date(value)
    assert raised.value.code == code


def test_tomorrow_is_not_a_past_date():
    with pytest.raises(ValidationError, match="future"):
        validate_plausible_past_date(timezone.localdate() + timedelta(days=1))


def test_a_future_date_may_lie_up_to_the_given_years_ahead():
    validator = validate_plausible_future_date(years=3)
    today = timezone.localdate()
    validator(today + timedelta(days=365 * 3 - 1))
    validator(date(2001, 6, 1))
    for value in (today + timedelta(days=365 * 3 + 2), date(9999, 12, 31), date(1999, 12, 31)):
        with pytest.raises(ValidationError):
            validator(value)


def test_the_validators_deconstruct_for_migrations():
    path, args, kwargs = validate_plausible_future_date(years=5).deconstruct()
    assert path == "clinic.validators.PlausibleDate"
    assert kwargs == {"earliest": date(2000, 1, 1), "years_ahead": 5}
    assert PlausibleDate(**kwargs) == validate_plausible_future_date(years=5)


def test_29_february_plus_years_does_not_crash(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: date(2028, 2, 29))
    validate_plausible_future_date(years=1)(date(2029, 2, 28))
    with pytest.raises(ValidationError):
        validate_plausible_future_date(years=1)(date(2029, 3, 1))
