"""The numbers of cases by status (CaseStatusCount), kept by database triggers, and their command."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from cases.models import Case, CaseStatusCount, Offer
from cases.selectors import case_counts, case_status_counts_drift
from cases.services import case_close, case_status_counts_rebuild
from tests.cases.factories import CaseFactory, OfferFactory

S = Case.Status
pytestmark = pytest.mark.django_db


def _kept() -> dict[str, int]:
    return {status: n for status, n in CaseStatusCount.objects.values_list("status", "total") if n}


def _counted() -> dict[str, int]:
    counted: dict[str, int] = {}
    for status in Case.objects.values_list("status", flat=True):
        counted[status] = counted.get(status, 0) + 1
    return counted


def test_opening_cases_adds_to_their_status():
    CaseFactory.create_batch(3)
    assert _kept() == {S.AWAITING_ASSIGNMENT: 3}


def test_a_change_of_status_moves_one_case_between_the_numbers(attorney, coordinator):
    waiting, active = CaseFactory(), CaseFactory(attorney=attorney)
    assert _kept() == {S.AWAITING_ASSIGNMENT: 1, S.ACTIVE: 1}
    case_close(case=active, closing_code="B", outcome="relief_granted", acting_user=coordinator)
    assert _kept() == {S.AWAITING_ASSIGNMENT: 1, S.CLOSED: 1}
    waiting.save()  # saved again without a change of status: nothing moves
    assert _kept() == {S.AWAITING_ASSIGNMENT: 1, S.CLOSED: 1}


def test_bulk_writes_and_deletes_are_counted_too():
    cases = CaseFactory.create_batch(4)
    Case.objects.filter(pk__in=[cases[0].pk, cases[1].pk]).update(status=S.OFFERED)
    Case.objects.filter(pk=cases[2].pk).delete()
    assert _kept() == {S.AWAITING_ASSIGNMENT: 1, S.OFFERED: 2}
    assert _kept() == _counted()


def test_the_overview_reads_the_kept_numbers(attorney, django_assert_num_queries):
    CaseFactory.create_batch(2)
    CaseFactory(attorney=attorney)
    with django_assert_num_queries(1):  # the numbers and the offers about to expire, together
        counts = case_counts()
    assert counts[S.AWAITING_ASSIGNMENT] == 2 and counts[S.ACTIVE] == 1 and counts[S.OFFERED] == 0
    assert S.CLOSED not in counts


def test_the_overview_counts_only_the_open_offers_about_to_expire():
    soon = timezone.now() + timedelta(hours=3)
    OfferFactory.create_batch(2, expires_at=soon)
    OfferFactory(expires_at=timezone.now() - timedelta(hours=1))  # past its time, not yet scanned
    OfferFactory(expires_at=timezone.now() + timedelta(hours=30))
    OfferFactory(expires_at=soon, status=Offer.Status.DECLINED)
    counts = case_counts()
    assert counts["offers_expiring"] == 3 and counts[S.OFFERED] == 5


def test_the_overview_shows_zeros_when_there_is_nothing_to_count():
    CaseStatusCount.objects.all().delete()
    assert case_counts() == {S.AWAITING_ASSIGNMENT: 0, S.OFFERED: 0, S.ACTIVE: 0, "offers_expiring": 0}


def test_the_check_names_a_wrong_number_and_the_recount_repairs_it(capsys):
    CaseFactory.create_batch(2)
    CaseStatusCount.objects.filter(status=S.AWAITING_ASSIGNMENT).update(total=7)
    assert case_status_counts_drift() == {S.AWAITING_ASSIGNMENT: (7, 2)}
    with pytest.raises(CommandError, match="1 status"):
        call_command("recount_case_statuses", "--check")
    assert "awaiting: kept 7, counted 2" in capsys.readouterr().err
    call_command("recount_case_statuses")
    assert case_status_counts_drift() == {}
    call_command("recount_case_statuses", "--check")
    assert "agree" in capsys.readouterr().out


def test_a_rebuild_counts_every_status_present():
    CaseFactory.create_batch(2)
    CaseStatusCount.objects.all().delete()
    assert case_status_counts_rebuild() == 1
    assert _kept() == {S.AWAITING_ASSIGNMENT: 2}
