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
