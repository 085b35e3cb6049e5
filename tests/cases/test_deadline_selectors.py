"""Reads over deadlines that pages share: the figures of the coordinators' overview card."""

import datetime as dt

import pytest
from django.utils import timezone

from cases import services
from cases.models import Deadline
from cases.selectors import deadline_counts

pytestmark = pytest.mark.django_db


def _deadline(case, user, days: int) -> Deadline:
    return services.deadline_create(
        case=case, title="File", due_date=timezone.localdate() + dt.timedelta(days=days), acting_user=user
    )


def test_the_overview_counts_open_deadlines_overdue_due_soon_and_without_an_attorney(
    case, awaiting_case, attorney, coordinator, django_assert_num_queries
):
    for days in (-3, 0, 14, 15):  # owned by the case's attorney
        _deadline(case, attorney, days)
    for days in (-1, 2, 20):  # the awaiting case has no attorney to own them
        _deadline(awaiting_case, coordinator, days)
    done = _deadline(case, attorney, -5)
    services.deadline_update(deadline=done, status=Deadline.Status.DONE, owner=attorney, acting_user=attorney)
    with django_assert_num_queries(1):
        counts = deadline_counts(today=timezone.localdate())
    assert counts == {"overdue": 2, "soon": 3, "unowned": 2}


def test_a_case_is_urgent_when_detained_a_hearing_is_within_two_weeks_or_a_deadline_is_near():
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from cases.selectors import URGENT_HEARING_WITHIN, Urgency, is_urgent

    now = datetime(2026, 12, 7, 12, tzinfo=ZoneInfo("UTC"))
    calm = {"is_detained": False, "next_hearing_at": None, "now": now}
    assert not is_urgent(**calm)
    assert is_urgent(**{**calm, "is_detained": True})
    assert is_urgent(**{**calm, "next_hearing_at": now + URGENT_HEARING_WITHIN})
    assert not is_urgent(**{**calm, "next_hearing_at": now + URGENT_HEARING_WITHIN + timedelta(minutes=1)})
    assert is_urgent(**calm, deadline=Urgency("week", "Due in 6 days"))
    assert not is_urgent(**calm, deadline=Urgency("later", "Due in 9 days"))
