"""Every seeded rule, counted through `manage.py compute_deadline`, across weekends, federal holidays
(observed days included), closure days and New Year. Expected dates are worked out by hand."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cases.models import DeadlineRule, DeadlineRuleVersion
from cases.rules import NoRuleVersion, compute_due_date, rule_version_for, version_in_force

SEEDED = {
    "bia-appeal",
    "ij-motion-to-reconsider",
    "ij-motion-to-reopen",
    "bia-motion-to-reconsider",
    "bia-motion-to-reopen",
    "bia-brief",
    "petition-for-review",
    "asylum-one-year",
    "ij-master-filing",
    "ij-individual-filing",
    "ij-response",
    "uscis-appeal-mailed",
    "voluntary-departure",
}

CASES = [
    # rule, trigger, due, why
    ("bia-appeal", "2025-06-02", "2025-07-02", "a plain Wednesday"),
    ("bia-appeal", "2025-06-04", "2025-07-07", "day 30 is Independence Day (Fri): next Monday"),
    ("bia-appeal", "2025-05-07", "2025-06-06", "no roll needed: day 30 is a Friday"),
    ("bia-appeal", "2025-05-10", "2025-06-09", "day 30 is a Monday after a Saturday trigger"),
    ("ij-motion-to-reconsider", "2026-06-03", "2026-07-06", "4 July 2026 is a Saturday, observed Friday 3"),
    ("ij-motion-to-reconsider", "2025-05-01", "2025-06-02", "day 30 is a Saturday"),
    ("ij-motion-to-reopen", "2025-10-03", "2026-01-02", "crosses New Year and lands on it"),
    ("ij-motion-to-reopen", "2025-03-03", "2025-06-02", "day 90 is a Sunday"),
    ("bia-motion-to-reconsider", "2025-10-12", "2025-11-12", "day 30 is Veterans Day (Tue)"),
    ("bia-motion-to-reconsider", "2025-12-02", "2026-01-02", "day 30 is New Year's Day"),
    ("bia-motion-to-reopen", "2025-03-03", "2025-06-02", "day 90 is a Sunday"),
    ("bia-motion-to-reopen", "2025-08-13", "2025-11-12", "day 90 is Veterans Day"),
    ("bia-brief", "2026-12-04", "2026-12-28", "day 21 is Christmas (Fri), then a weekend"),
    ("bia-brief", "2026-05-04", "2026-05-26", "day 21 is Memorial Day (Mon 25)"),
    ("petition-for-review", "2027-06-04", "2027-07-06", "4 July 2027 is a Sunday, observed Monday 5"),
    ("petition-for-review", "2025-01-10", "2025-02-10", "day 30 is a Sunday"),
    ("asylum-one-year", "2024-02-29", "2025-02-28", "a year after 29 February is 28 February"),
    ("asylum-one-year", "2025-01-01", "2026-01-02", "the anniversary is New Year's Day"),
    ("asylum-one-year", "2024-06-15", "2025-06-16", "the anniversary is a Sunday"),
    ("asylum-one-year", "2025-03-10", "2026-03-10", "a plain Tuesday"),
    ("ij-master-filing", "2025-07-21", "2025-07-03", "day -15 is a Sunday, and Friday the 4th is a holiday"),
    ("ij-master-filing", "2025-06-16", "2025-05-30", "day -15 is a Sunday: previous Friday"),
    ("ij-master-filing", "2025-09-10", "2025-08-26", "a plain Tuesday"),
    ("ij-individual-filing", "2026-02-02", "2026-01-02", "day -30 is a Saturday: previous Friday"),
    ("ij-individual-filing", "2026-01-31", "2025-12-31", "day -30 is New Year's Day: back across the year"),
    ("ij-individual-filing", "2025-12-15", "2025-11-14", "day -30 is a Saturday"),
    ("ij-response", "2026-11-01", "2026-11-12", "day 10 is Veterans Day (Wed)"),
    ("ij-response", "2026-06-09", "2026-06-22", "day 10 is Friday 19 June, Juneteenth"),
    ("uscis-appeal-mailed", "2026-11-23", "2026-12-28", "day 33 is a Saturday"),
    ("uscis-appeal-mailed", "2026-10-24", "2026-11-27", "day 33 is Thanksgiving"),
    ("voluntary-departure", "2027-10-26", "2027-12-27", "day 60 is Christmas on a Saturday"),
    ("voluntary-departure", "2027-11-01", "2028-01-03", "day 60 is 31 Dec 2027, New Year's Day observed"),
    ("voluntary-departure", "2025-03-05", "2025-05-05", "day 60 is a Sunday"),
]


def _compute(*args) -> list[str]:
    out = StringIO()
    call_command("compute_deadline", *args, stdout=out)
    return out.getvalue().strip().splitlines()


def test_the_migration_seeds_every_rule_in_the_issue(db):
    assert set(DeadlineRule.objects.values_list("code", flat=True)) >= SEEDED
    for rule in DeadlineRule.objects.filter(code__in=SEEDED):
        version = rule.versions.get()
        assert version.citation and version.reminder_days


def test_only_the_petition_for_review_is_jurisdictional(db):
    jurisdictional = set(
        DeadlineRuleVersion.objects.filter(is_jurisdictional=True).values_list("rule__code", flat=True)
    )
    assert jurisdictional == {"petition-for-review"}


def test_deadlines_counted_back_from_a_hearing_move_to_the_previous_business_day_and_say_why(db):
    for code in ("ij-master-filing", "ij-individual-filing"):
        version = DeadlineRuleVersion.objects.get(rule__code=code)
        assert version.amount < 0
        assert version.roll == DeadlineRuleVersion.Roll.PREVIOUS
        assert "early filing is never late" in version.note


def test_the_cases_cover_every_seeded_rule():
    assert {rule for rule, *_ in CASES} == SEEDED


@pytest.mark.parametrize(("code", "trigger", "due", "why"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_compute_deadline_prints_the_due_date_on_its_last_line(db, code, trigger, due, why):
    lines = _compute(code, trigger)
    assert lines[-1] == due, why


@pytest.mark.parametrize(("code", "trigger", "due", "why"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_every_expected_date_is_a_business_day(code, trigger, due, why):
    import holidays

    day = dt.date.fromisoformat(due)
    federal = holidays.country_holidays("US", years=range(day.year - 1, day.year + 2))
    assert day.weekday() < 5 and day not in federal, f"{due} ({why}) is not a business day"


def test_an_unknown_rule_is_refused_with_a_sentence(db):
    with pytest.raises(CommandError, match="Unknown rule 'bia-apeal'"):
        _compute("bia-apeal", "2025-06-02")


@pytest.mark.parametrize("bad", ["2025-02-30", "02/03/2025", "20250203", "tomorrow", "2025-2-3"])
def test_a_bad_date_is_refused_with_a_sentence(db, bad):
    with pytest.raises(CommandError, match="not a valid date"):
        _compute("bia-appeal", bad)


def test_the_command_exits_non_zero_from_the_shell(db, capsys):
    from django.core.management import execute_from_command_line

    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(["manage.py", "compute_deadline", "no-such-rule", "2025-06-02"])
    assert exited.value.code != 0
    assert "Unknown rule" in capsys.readouterr().err


def test_the_version_in_force_on_the_trigger_date_is_used(db, coordinator):
    rule = DeadlineRule.objects.get(code="ij-master-filing")
    DeadlineRuleVersion.objects.create(
        rule=rule,
        effective_from=dt.date(2026, 3, 1),
        amount=-21,
        roll="previous",
        citation="EOIR Policy Manual (changed)",
        reminder_days=[7],
    )
    assert _compute("ij-master-filing", "2026-02-27")[-1] == "2026-02-12"  # old: -15
    assert _compute("ij-master-filing", "2026-03-02")[-1] == "2026-02-09"  # new: -21


def test_a_trigger_before_every_version_uses_the_oldest():
    old = DeadlineRuleVersion(effective_from=dt.date(2000, 1, 1), amount=30)
    new = DeadlineRuleVersion(effective_from=dt.date(2020, 1, 1), amount=10)
    assert version_in_force([new, old], dt.date(1999, 5, 1)) is old
    assert version_in_force([new, old], dt.date(2020, 1, 1)) is new
    with pytest.raises(NoRuleVersion):
        version_in_force([], dt.date(2020, 1, 1))


def test_a_rule_that_stays_does_not_roll(db):
    rule = DeadlineRule.objects.get(code="bia-appeal")
    version = DeadlineRuleVersion(rule=rule, effective_from=dt.date(2000, 1, 1), amount=30, roll="none")
    assert compute_due_date(version, dt.date(2025, 6, 4)) == dt.date(2025, 7, 4)
    assert rule_version_for(rule, dt.date(2025, 6, 4)).roll == "next"


def test_a_closure_day_for_every_deadline_rolls_it_further(db, coordinator):
    from clinic.closures import closure_day_create

    closure_day_create(day=dt.date(2025, 7, 7), reason="Court closed by order", acting_user=coordinator)
    assert _compute("bia-appeal", "2025-06-04")[-1] == "2025-07-08"


def test_a_courts_closure_day_applies_only_to_that_court(db, coordinator):
    from clinic.closures import closure_day_create

    closure_day_create(
        day=dt.date(2025, 7, 3), reason="Snow", jurisdiction="chicago", acting_user=coordinator
    )
    assert _compute("ij-master-filing", "2025-07-21")[-1] == "2025-07-03"
    assert _compute("ij-master-filing", "2025-07-21", "--court", "chicago")[-1] == "2025-07-02"
