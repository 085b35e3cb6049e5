"""Reads the response pages and other apps share, with their prefetching inside."""

import statistics
from datetime import datetime, timedelta

from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from clinic.models import User
from response.models import ChecklistItem, LocatorCheck, OnCallShift, Response
from response.permissions import responses_visible_to
from response.services.windows import Countdown, fear_determination_due

S = Response.Status
# A detainer window closing within this many hours puts a response near the top of the dashboard,
# as does a transfer seen within the last TRANSFER_FRESH hours.
WINDOW_CLOSING = timedelta(hours=12)
TRANSFER_FRESH = timedelta(hours=24)


class Urgency:
    NOT_LOCATED = 0
    WINDOW_CLOSING = 1
    TRANSFER_SEEN = 2
    OTHER = 3


def dashboard_responses(*, now: datetime | None = None) -> QuerySet[Response]:
    """Open responses, most urgent first: not located, window closing, transfer just seen, the rest.

    One query, however many responses: who is on it comes by join, overdue items by an aggregate.
    """
    now = now or timezone.now()
    urgency = Case(
        When(status=S.REPORTED, then=Value(Urgency.NOT_LOCATED)),
        When(detainer_hold_unlawful=True, then=Value(Urgency.WINDOW_CLOSING)),
        When(detainer_window_ends_at__lte=now + WINDOW_CLOSING, then=Value(Urgency.WINDOW_CLOSING)),
        When(last_transfer_at__gte=now - TRANSFER_FRESH, then=Value(Urgency.TRANSFER_SEEN)),
        default=Value(Urgency.OTHER),
        output_field=IntegerField(),
    )
    return (
        Response.objects.filter(status__in=Response.OPEN_STATUSES)
        .select_related("coordinator", "attorney")
        .annotate(
            urgency=urgency,
            overdue_items=Count(
                "checklist", filter=Q(checklist__done_at__isnull=True, checklist__due_at__lt=now)
            ),
        )
        .order_by(
            "urgency",
            F("detainer_window_ends_at").asc(nulls_last=True),
            F("last_transfer_at").desc(nulls_last=True),
            "reported_at",
        )
    )


def shifts_now(*, now: datetime | None = None) -> QuerySet[OnCallShift]:
    now = now or timezone.now()
    return (
        OnCallShift.objects.filter(starts_at__lte=now, ends_at__gt=now)
        .select_related("user")
        .order_by("ends_at")
    )


def shifts_upcoming(*, now: datetime | None = None) -> QuerySet[OnCallShift]:
    now = now or timezone.now()
    return OnCallShift.objects.filter(ends_at__gt=now).select_related("user").order_by("starts_at")[:50]


def responses_for_user(*, user: User) -> QuerySet[Response]:
    return responses_visible_to(user).select_related("coordinator", "attorney").order_by("-reported_at")


def response_for_detail(*, response: Response) -> Response:
    return (
        Response.objects.select_related(
            "intake", "intake__client", "coordinator", "attorney", "partner", "opened_by"
        )
        .prefetch_related(
            "facility_stays",
            Prefetch("locator_checks", queryset=LocatorCheck.objects.select_related("checked_by")),
            Prefetch("checklist", queryset=ChecklistItem.objects.select_related("owner", "done_by")),
        )
        .get(pk=response.pk)
    )


def response_countdowns(*, response: Response, now: datetime | None = None) -> list[Countdown]:
    now = now or timezone.now()
    countdowns = []
    if response.detainer_window_ends_at:
        ends = response.detainer_window_ends_at
        countdowns.append(Countdown("detainer", ends, ends - now))
    if response.fear_referred_at:
        ends = fear_determination_due(response.fear_referred_at)
        countdowns.append(Countdown("fear", ends, ends - now))
    return countdowns


def response_counts(*, now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    return Response.objects.filter(status__in=Response.OPEN_STATUSES).aggregate(
        open=Count("pk"),
        not_located=Count("pk", filter=Q(status=S.REPORTED)),
        window_closing=Count(
            "pk",
            filter=Q(detainer_hold_unlawful=True)
            | Q(detainer_window_ends_at__range=(now, now + WINDOW_CLOSING)),
        ),
        transfers=Count("pk", filter=Q(last_transfer_at__gte=now - TRANSFER_FRESH)),
    )


def _median_hours(pairs) -> float | None:
    hours = [(later - start).total_seconds() / 3600 for start, later in pairs if later is not None]
    return round(statistics.median(hours), 1) if hours else None


def response_figures(*, start: datetime, end: datetime) -> dict:
    """For the funding report: responses whose call came in [start, end).

    - by_outcome: {status: count} over every status a response can end in or still be in
    - median_hours_to_located, median_hours_to_represented: from the call, over those that got there
    - transfers_per_person: transfers recorded per response (one response is one detained person)
    """
    rows = Response.objects.filter(reported_at__gte=start, reported_at__lt=end)
    by_status = dict(rows.values_list("status").annotate(n=Count("pk")).order_by())
    total = sum(by_status.values())
    times = list(rows.values_list("reported_at", "located_at", "represented_at", "transfer_count"))
    transfers = sum(row[3] for row in times)
    return {
        "total": total,
        "by_outcome": {status: by_status.get(status, 0) for status in S.values},
        "median_hours_to_located": _median_hours((row[0], row[1]) for row in times),
        "median_hours_to_represented": _median_hours((row[0], row[2]) for row in times),
        "transfers": transfers,
        "transfers_per_person": round(transfers / total, 2) if total else None,
    }
