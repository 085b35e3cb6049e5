"""Deadline arithmetic over the rules: which version applies, and the due date it gives.

Pure functions of a rule version, a trigger date and the calendar. The calendar itself (federal
holidays with their observed days, the clinic's closure days, adding days, months and years, rolling
off weekends and holidays) belongs to the core, in `clinic.calendar`, because rapid response uses it
too.
"""

from collections.abc import Iterable
from datetime import date

from cases.models import DeadlineRule, DeadlineRuleVersion
from clinic import calendar
from clinic.closures import closure_dates


class NoRuleVersion(LookupError):
    """A rule without any version cannot compute a deadline."""


def version_in_force(versions: Iterable[DeadlineRuleVersion], trigger: date) -> DeadlineRuleVersion:
    """The version whose `effective_from` is the latest on or before `trigger`.

    A trigger older than every version is counted with the oldest one: the clinic has no earlier
    rule to apply, and refusing to compute would hide a deadline.
    """
    ordered = sorted(versions, key=lambda version: version.effective_from)
    if not ordered:
        raise NoRuleVersion
    chosen = ordered[0]
    for version in ordered:
        if version.effective_from <= trigger:
            chosen = version
    return chosen


def rule_version_for(rule: DeadlineRule, trigger: date) -> DeadlineRuleVersion:
    return version_in_force(rule.versions.all(), trigger)


def closures_for(*, court_code: str = "") -> frozenset[date]:
    """The closure days a deadline rolls past: those for every deadline, plus those a coordinator
    entered for the court the deadline runs from (its code, e.g. "chicago"), when there is one."""
    return closure_dates(jurisdiction=court_code)


def compute_due_date(
    version: DeadlineRuleVersion, trigger: date, *, closures: frozenset[date] | None = None
) -> date:
    """The trigger is day 0; add the offset; roll off weekends, holidays and closures as the rule
    says. Without `closures`, the clinic-wide closure days apply."""
    if closures is None:
        closures = closures_for()
    return calendar.due_date(
        trigger,
        amount=version.amount,
        unit=version.unit,
        counting=version.counting,
        roll_rule=version.roll,
        closures=closures,
    )
