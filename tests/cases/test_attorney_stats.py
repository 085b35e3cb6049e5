"""The figures matching ranks by are kept by the services and always equal a recount."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from cases import services
from cases.models import Assignment, AttorneyStats, Case, CaseType, Offer
from cases.services import attorney_stats_disagreements
from tests.cases.factories import CaseFactory, ClientFactory, IntakeFactory
from tests.factories import UserFactory

REMOVAL, ASYLUM = CaseType.REMOVAL_DEFENSE, CaseType.ASYLUM


def awaiting(coordinator, case_type=REMOVAL) -> Case:
    intake = IntakeFactory(client=ClientFactory())
    return CaseFactory(client=intake.client, intake=intake, opened_by=coordinator, case_type=case_type)


def stored(user) -> dict:
    return AttorneyStats.objects.get(user=user).figures()


def test_a_series_of_service_calls_leaves_figures_equal_to_a_recount(coordinator, attorney, other_attorney):
    first, second, third = awaiting(coordinator), awaiting(coordinator), awaiting(coordinator, ASYLUM)
    offers = services.offer_create(case=first, attorneys=[attorney, other_attorney], acting_user=coordinator)
    services.offer_accept(offer=offers[0], acting_user=attorney)  # the other offer is withdrawn
    (declined,) = services.offer_create(case=second, attorneys=[other_attorney], acting_user=coordinator)
    services.offer_decline(offer=declined, reason="Full this month", acting_user=other_attorney)
    (taken,) = services.offer_create(case=second, attorneys=[attorney], acting_user=coordinator)
    services.offer_accept(offer=taken, acting_user=attorney)
    first.refresh_from_db()
    services.assignment_create(
        case=first, attorney=other_attorney, role="co_counsel", acting_user=coordinator
    )
    (expiring,) = services.offer_create(case=third, attorneys=[other_attorney], acting_user=coordinator)
    services.offers_expire(now=expiring.expires_at + dt.timedelta(seconds=1))
    services.case_close(case=first, closing_code="IB", outcome="relief_granted", acting_user=coordinator)
    services.case_reopen(case=first, acting_user=coordinator)
    services.case_close(case=first, closing_code="IB", outcome="relief_granted", acting_user=coordinator)
    services.case_update(
        case=second, acting_user=coordinator, case_type=ASYLUM, problem_code="81", is_detained=False,
        court="", grant=None,
    )  # fmt: skip
    services.assignment_end(
        assignment=Assignment.objects.get(case=second, attorney=attorney), acting_user=coordinator
    )

    assert attorney_stats_disagreements() == {}
    assert stored(attorney) == {
        "active_cases": 0,  # first is closed, second was handed back
        "cases_by_type": {REMOVAL: 1, ASYLUM: 1},
        "offers_answered": 2,
        "offers_accepted": 2,
    }
    assert stored(other_attorney) == {
        "active_cases": 0,
        "cases_by_type": {REMOVAL: 1},
        "offers_answered": 2,  # one declined, one expired; the withdrawn one was never answered
        "offers_accepted": 0,
    }


def test_reopening_a_case_puts_it_back_on_its_attorneys_load(coordinator, attorney):
    case = CaseFactory(attorney=attorney)
    assert stored(attorney)["active_cases"] == 1
    services.case_close(case=case, closing_code="IB", outcome="relief_granted", acting_user=coordinator)
    assert stored(attorney)["active_cases"] == 0
    services.case_reopen(case=case, acting_user=coordinator)
    assert stored(attorney)["active_cases"] == 1
    assert attorney_stats_disagreements() == {}


def test_check_passes_when_the_figures_agree(attorney, capsys):
    CaseFactory(attorney=attorney)
    call_command("recount_attorney_loads", "--check")
    assert "agree" in capsys.readouterr().out


def test_check_names_the_attorney_whose_figures_are_wrong_and_a_recount_repairs_them(
    attorney, other_attorney, capsys
):
    CaseFactory(attorney=attorney)
    CaseFactory(attorney=other_attorney)
    AttorneyStats.objects.filter(user=attorney).update(active_cases=7)

    with pytest.raises(CommandError, match="1 attorney"):
        call_command("recount_attorney_loads", "--check")
    (line,) = capsys.readouterr().err.strip().splitlines()  # the other attorney's figures are right
    assert line == f"user {attorney.pk} ({attorney.username}): active_cases 7 (counted 1)"

    call_command("recount_attorney_loads")
    assert stored(attorney)["active_cases"] == 1
    call_command("recount_attorney_loads", "--check")


def test_check_notices_figures_missing_after_a_bulk_import(attorney):
    case = CaseFactory(attorney=attorney)
    AttorneyStats.objects.all().delete()
    Offer.objects.create(
        case=case, attorney=UserFactory(role="attorney"), offered_by=attorney, status=Offer.Status.DECLINED,
        expires_at=timezone.now(),
    )  # fmt: skip
    with pytest.raises(CommandError, match="2 attorney"):
        call_command("recount_attorney_loads", "--check")
    call_command("recount_attorney_loads")
    assert attorney_stats_disagreements() == {}
