"""Reads for the deadline pages: the attorney's week, the coordinators' list, the feed, the overview."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.models import Assignment, Deadline, DeadlineRule, Hearing
from clinic.models import User
from intake.services.intakes import URGENT_HEARING_DAYS


@dataclass(frozen=True)
class Urgency:
    """How pressing a date is, in words and as a style: colour is never the only signal."""

    level: str  # overdue, today, soon, week, later
    label: str

    @property
    def css(self) -> str:
        return {
            "overdue": "badge--urgent",
            "today": "badge--urgent",
            "soon": "badge--warn",
            "week": "badge--warn",
        }.get(self.level, "badge--ok")


def urgency(due: date, today: date) -> Urgency:
    days = (due - today).days
    if days < 0:
        return Urgency(
            "overdue", ngettext("Overdue by %(n)d day", "Overdue by %(n)d days", -days) % {"n": -days}
        )
    if days == 0:
        return Urgency("today", _("Due today"))
    label = ngettext("Due in %(n)d day", "Due in %(n)d days", days) % {"n": days}
    return Urgency("soon" if days <= 3 else "week" if days <= 7 else "later", label)


# What the intake calls urgent (a hearing within this many days), the caseload and offers call urgent too.
URGENT_HEARING_WITHIN = timedelta(days=URGENT_HEARING_DAYS)


def is_urgent(
    *, is_detained: bool, next_hearing_at: datetime | None, now: datetime, deadline: Urgency | None = None
) -> bool:
    """A case that stands out on the attorney's pages: the client is detained, the next hearing is
    within URGENT_HEARING_WITHIN, or its next deadline is within a week or overdue."""
    return (
        is_detained
        or (next_hearing_at is not None and next_hearing_at <= now + URGENT_HEARING_WITHIN)
        or (deadline is not None and deadline.level != "later")
    )


def _held_by(user: User) -> Q:
    """Cases the attorney holds now, through an open assignment."""
    return Q(
        Exists(Assignment.objects.filter(case=OuterRef("case_id"), attorney=user, ended_at__isnull=True))
    )


def _deadline_rows(deadlines: QuerySet[Deadline]) -> QuerySet[Deadline]:
    return deadlines.select_related("case", "owner", "rule_version").order_by("due_date", "pk")


def deadlines_for_attorney(*, user: User, today: date, until: date) -> list[Deadline]:
    """Open deadlines on the attorney's cases due by `until`, overdue ones (however old) first."""
    deadlines = list(
        _deadline_rows(
            Deadline.objects.filter(_held_by(user), status=Deadline.Status.OPEN, due_date__lte=until)
        )
    )
    for deadline in deadlines:
        deadline.urgency = urgency(deadline.due_date, today)
    return deadlines


def _day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(first, time.min, tzinfo=zone),
        datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone),
    )


def hearings_for_attorney(*, user: User, today: date, until: date) -> list[Hearing]:
    start, end = _day_bounds(today, until)
    hearings = list(
        Hearing.objects.filter(_held_by(user), starts_at__gte=start, starts_at__lt=end)
        .select_related("case", "court")
        .order_by("starts_at")
    )
    for hearing in hearings:
        hearing.urgency = urgency(hearing.local_date, today)
    return hearings


def deadlines_for_coordinators(*, today: date, days: int = 14) -> list[Deadline]:
    """Every open deadline due within `days`, and every overdue one, across the clinic; with whether
    the case has an attorney (an open assignment) and who owns each."""
    deadlines = list(
        _deadline_rows(
            Deadline.objects.filter(status=Deadline.Status.OPEN, due_date__lte=today + timedelta(days=days))
        ).annotate(
            has_attorney=Exists(Assignment.objects.filter(case=OuterRef("case_id"), ended_at__isnull=True))
        )
    )
    for deadline in deadlines:
        deadline.urgency = urgency(deadline.due_date, today)
    return deadlines


def deadline_counts(*, today: date, days: int = 14) -> dict[str, int]:
    """Figures for the coordinators' overview card, in one query.

    Every figure is of open deadlines due by the horizon (overdue ones too), so that is the WHERE
    clause: the database reads only those rows, and each figure adds one condition of its own.
    """
    horizon = today + timedelta(days=days)
    return Deadline.objects.filter(status=Deadline.Status.OPEN, due_date__lte=horizon).aggregate(
        overdue=Count("pk", filter=Q(due_date__lt=today)),
        soon=Count("pk", filter=Q(due_date__gte=today)),
        unowned=Count("pk", filter=Q(owner=None)),
    )


def rules_with_versions() -> QuerySet[DeadlineRule]:
    return DeadlineRule.objects.prefetch_related("versions").order_by("code")


# The calendar feed.

FEED_PAST_DAYS = 60


def feed_deadlines(*, user: User | None, today: date) -> QuerySet[Deadline]:
    """Open deadlines (and those closed lately) for a user's feed; None means the whole clinic."""
    deadlines = Deadline.objects.filter(due_date__gte=today - timedelta(days=FEED_PAST_DAYS)).exclude(
        status=Deadline.Status.WAIVED
    )
    if user is not None:
        deadlines = deadlines.filter(_held_by(user))
    return deadlines.select_related("case", "rule_version").order_by("due_date", "pk")


def feed_hearings(*, user: User | None, today: date) -> QuerySet[Hearing]:
    start, _end = _day_bounds(today - timedelta(days=FEED_PAST_DAYS), today)
    hearings = Hearing.objects.filter(starts_at__gte=start)
    if user is not None:
        hearings = hearings.filter(_held_by(user))
    return hearings.select_related("case", "court").order_by("starts_at")


def deadline_report_counts(*, period, grant=None) -> dict[str, int]:
    """Reports: deadlines that fell due in `period`, met (done), missed (marked missed, or still open
    after their day) and waived, counted by the database."""
    today = timezone.localdate()
    due = Deadline.objects.filter(due_date__gte=period.start, due_date__lte=period.end)
    if grant is not None:
        due = due.filter(case__grant=grant)
    return due.aggregate(
        met=Count("pk", filter=Q(status=Deadline.Status.DONE)),
        missed=Count(
            "pk", filter=Q(status=Deadline.Status.MISSED) | Q(status=Deadline.Status.OPEN, due_date__lt=today)
        ),
        waived=Count("pk", filter=Q(status=Deadline.Status.WAIVED)),
        still_open=Count("pk", filter=Q(status=Deadline.Status.OPEN, due_date__gte=today)),
    )
