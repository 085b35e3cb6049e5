"""The time windows of a detention, computed like deadlines over the core's business-day calendar.

- The jail-detainer window: a local jail may hold someone for ICE at most 48 hours, not counting
  Saturdays, Sundays and federal holidays (with their observed days), after the time they would
  otherwise have been released (8 CFR 287.7(d)). Hours are counted in the clinic's time zone.
  Clinic closures do not stop the jail's clock, so none are passed to the calendar.
- Reasonable fear: the asylum officer decides within 10 days of the referral (8 CFR 208.31(b)):
  calendar days, with no roll-over, since it is the government's deadline, not a filing.

Where state law forbids holding anyone on a detainer alone (Illinois' TRUST Act, 5 ILCS 805/15),
there is nothing to count down: a jail doing it is flagged for the attorney (`DetainerRule`).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from clinic.calendar import add_business_hours
from response.models import DetainerRule, FacilityKind

DETAINER_HOURS = 48
FEAR_DETERMINATION_DAYS = 10


def clinic_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def detainer_window_end(released_at: datetime) -> datetime:
    """When the 48-hour detainer hold ends, counted from when they would have been released."""
    return add_business_hours(released_at, DETAINER_HOURS, tz=clinic_tz(), closures=())


def fear_determination_due(referred_at: datetime) -> datetime:
    return referred_at + timedelta(days=FEAR_DETERMINATION_DAYS)


@dataclass(frozen=True)
class DetainerAssessment:
    ends_at: datetime | None
    hold_unlawful: bool


def detainer_assess(
    *, facility_kind: str, facility_state: str, release_due_at: datetime | None
) -> DetainerAssessment:
    """The window of a person held in a local jail on a detainer, or the flag where it is unlawful."""
    if facility_kind not in {FacilityKind.JAIL, FacilityKind.PRISON} or release_due_at is None:
        return DetainerAssessment(None, False)
    rule = DetainerRule.objects.filter(state=facility_state.upper()).first() if facility_state else None
    if rule is not None and not rule.honours_detainers:
        return DetainerAssessment(None, True)
    return DetainerAssessment(detainer_window_end(release_due_at), False)


@dataclass(frozen=True)
class Countdown:
    label: str
    ends_at: datetime
    remaining: timedelta

    @property
    def is_over(self) -> bool:
        return self.remaining <= timedelta(0)

    @property
    def hours_left(self) -> int:
        return max(0, int(self.remaining.total_seconds() // 3600))

    @property
    def minutes_left(self) -> int:
        return max(0, int(self.remaining.total_seconds() // 60) % 60)
