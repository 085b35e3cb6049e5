from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from intake.models import Intake, PovertyGuideline
from intake.services import EligibilityError, eligibility_compute, poverty_guideline_save


@pytest.mark.parametrize(
    ("year", "region", "size", "amount"),
    [
        (2024, "contiguous", 1, "15060"),
        (2024, "contiguous", 4, "31200"),
        (2024, "alaska", 3, "32270"),
        (2024, "hawaii", 2, "23500"),
        (2025, "contiguous", 1, "15650"),
        (2025, "contiguous", 4, "32150"),
        (2025, "alaska", 2, "26430"),
        (2025, "hawaii", 5, "43290"),
    ],
)
def test_the_seeded_guidelines_are_the_hhs_figures(db, year, region, size, amount):
    result = eligibility_compute(household_size=size, annual_income=Decimal(amount), year=year, region=region)
    assert result.guideline_amount == Decimal(amount)
    assert result.percent == Decimal("100.0")


@pytest.mark.parametrize(
    ("income", "band"),
    [
        ("19562.50", Intake.Band.UNDER_125),
        ("19578", Intake.Band.UNDER_200),
        ("31300", Intake.Band.UNDER_200),
        ("31301", Intake.Band.OVER_200),
    ],
)
def test_it_places_income_in_a_band(db, income, band):
    assert eligibility_compute(household_size=1, annual_income=Decimal(income), year=2025).band == band


def test_it_uses_the_latest_year_by_default(db):
    assert eligibility_compute(household_size=1, annual_income=Decimal("15650")).year == 2025


@pytest.mark.parametrize(
    ("size", "income", "year", "message"),
    [
        (0, "100", 2025, "at least one person"),
        (1, "-1", 2025, "cannot be negative"),
        (1, "100", 2019, "2019"),
    ],
)
def test_it_refuses_what_cannot_be_screened(db, size, income, year, message):
    with pytest.raises(EligibilityError, match=message):
        eligibility_compute(household_size=size, annual_income=Decimal(income), year=year)


def test_a_coordinator_adds_a_new_year(coordinator):
    poverty_guideline_save(
        year=2026,
        region="contiguous",
        base_amount=Decimal("16000"),
        per_additional_person=Decimal("5600"),
        acting_user=coordinator,
    )
    assert eligibility_compute(household_size=2, annual_income=Decimal("21600")).percent == Decimal("100.0")
    assert PovertyGuideline.history.filter(year=2026).first().history_user == coordinator


def test_the_command_prints_the_percentage_on_its_last_line(db, capsys):
    call_command("screen_eligibility", "--household", "4", "--annual-income", "40187.50", "--year", "2025")
    assert capsys.readouterr().out.strip().splitlines()[-1] == "125.0% of the 2025 poverty guideline"


def test_the_command_takes_a_region(db, capsys):
    call_command("screen_eligibility", "--household", "1", "--annual-income", "19550", "--region", "alaska")
    assert capsys.readouterr().out.strip().splitlines()[-1] == "100.0% of the 2025 poverty guideline"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--household", "0", "--annual-income", "1000"], "at least one person"),
        (["--household", "2", "--annual-income", "-5"], "cannot be negative"),
        (["--household", "2", "--annual-income", "1000", "--year", "2019"], "no poverty guideline figures"),
        (["--household", "2", "--annual-income", "lots"], "number of dollars"),
    ],
)
def test_the_command_fails_with_a_clear_message(db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("screen_eligibility", *args)
