import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from cases import services
from cases.models import Assignment, Case, ClosingCode, Offer, Outcome
from cases.services import CaseStateError
from clinic.roles import Role
from intake.models import Client, Intake
from intake.services import conflict_check_run
from tests.cases.factories import CaseFactory, ClientFactory, GrantFactory, IntakeFactory, OfferFactory
from tests.factories import UserFactory


def test_opening_a_case_accepts_the_intake_and_copies_detention(coordinator):
    intake = IntakeFactory(is_detained=True, client=ClientFactory(given_names="Inés", family_names="Núñez"))
    conflict_check_run(intake=intake, acting_user=coordinator)
    case = services.case_open(intake=intake, opened_by=coordinator)
    intake.refresh_from_db()
    assert intake.status == Intake.Status.ACCEPTED
    assert case.status == Case.Status.AWAITING_ASSIGNMENT
    assert case.is_detained
    assert case.client_name_key == "ines nunez"
    assert case.history.first().history_user == coordinator


def test_offering_moves_the_case_to_offered(coordinator, attorney, awaiting_case):
    offers = services.offer_create(case=awaiting_case, attorneys=[attorney], acting_user=coordinator)
    awaiting_case.refresh_from_db()
    assert awaiting_case.status == Case.Status.OFFERED
    assert offers[0].status == Offer.Status.OPEN


@override_settings(CLINIC_OFFER_EXPIRY_HOURS=6)
def test_an_offer_expires_after_the_configured_hours(coordinator, attorney, awaiting_case):
    (offer,) = services.offer_create(case=awaiting_case, attorneys=[attorney], acting_user=coordinator)
    assert dt.timedelta(hours=5, minutes=59) < offer.expires_at - timezone.now() <= dt.timedelta(hours=6)


def test_an_active_case_cannot_be_offered(coordinator, attorney, other_attorney):
    case = CaseFactory(attorney=attorney)
    with pytest.raises(CaseStateError, match="cannot be offered"):
        services.offer_create(case=case, attorneys=[other_attorney], acting_user=coordinator)


def test_accepting_assigns_the_attorney_grants_access_and_withdraws_other_offers(
    coordinator, attorney, other_attorney, awaiting_case
):
    first, second = services.offer_create(
        case=awaiting_case, attorneys=[attorney, other_attorney], acting_user=coordinator
    )
    assignment = services.offer_accept(offer=first, acting_user=attorney)

    awaiting_case.refresh_from_db()
    second.refresh_from_db()
    assert awaiting_case.status == Case.Status.ACTIVE
    assert assignment.attorney == attorney and assignment.role == Assignment.Role.LEAD
    assert second.status == Offer.Status.WITHDRAWN
    assert awaiting_case.intake_to_acceptance is not None
    assert awaiting_case.intake_to_acceptance >= dt.timedelta(0)
    fresh = type(attorney).objects.get(pk=attorney.pk)
    assert fresh.has_perm("cases.view_case", awaiting_case)
    assert fresh.has_perm("cases.change_case", awaiting_case)
    assert (
        not type(other_attorney).objects.get(pk=other_attorney.pk).has_perm("cases.view_case", awaiting_case)
    )


def test_the_second_acceptance_loses(coordinator, attorney, other_attorney, awaiting_case):
    first, second = services.offer_create(
        case=awaiting_case, attorneys=[attorney, other_attorney], acting_user=coordinator
    )
    services.offer_accept(offer=first, acting_user=attorney)
    with pytest.raises(CaseStateError, match="no longer open"):
        services.offer_accept(offer=second, acting_user=other_attorney)
    assert Assignment.objects.filter(case=awaiting_case).count() == 1


def test_declining_the_last_open_offer_returns_the_case_to_the_queue(coordinator, attorney, offer):
    services.offer_decline(offer=offer, reason="Trial that week", acting_user=attorney)
    offer.refresh_from_db()
    offer.case.refresh_from_db()
    assert offer.status == Offer.Status.DECLINED
    assert offer.decline_reason == "Trial that week"
    assert offer.case.status == Case.Status.AWAITING_ASSIGNMENT


def test_declining_needs_a_reason(attorney, offer):
    with pytest.raises(ValidationError):
        services.offer_decline(offer=offer, reason="  ", acting_user=attorney)


def test_declining_one_of_two_offers_keeps_the_case_offered(
    coordinator, attorney, other_attorney, awaiting_case
):
    first, _second = services.offer_create(
        case=awaiting_case, attorneys=[attorney, other_attorney], acting_user=coordinator
    )
    services.offer_decline(offer=first, reason="Conflict of schedule", acting_user=attorney)
    awaiting_case.refresh_from_db()
    assert awaiting_case.status == Case.Status.OFFERED


def test_expiry_marks_old_offers_and_returns_the_case_to_the_queue(coordinator, attorney, offer):
    fresh = OfferFactory(case=offer.case, attorney=UserFactory(role=Role.ATTORNEY), offered_by=coordinator)
    Offer.objects.filter(pk=offer.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))

    assert services.offers_expire() == 1
    offer.refresh_from_db()
    offer.case.refresh_from_db()
    assert offer.status == Offer.Status.EXPIRED
    assert offer.case.status == Case.Status.OFFERED  # `fresh` is still open

    assert services.offers_expire(now=fresh.expires_at + dt.timedelta(seconds=1)) == 1
    offer.case.refresh_from_db()
    assert offer.case.status == Case.Status.AWAITING_ASSIGNMENT
    assert services.offers_expire(now=fresh.expires_at + dt.timedelta(days=1)) == 0


def test_an_expired_offer_cannot_be_accepted(attorney, offer):
    Offer.objects.filter(pk=offer.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(CaseStateError, match="expired"):
        services.offer_accept(offer=offer, acting_user=attorney)


def test_withdrawing_the_only_offer_returns_the_case_to_the_queue(coordinator, offer):
    services.offer_withdraw(offer=offer, acting_user=coordinator)
    offer.case.refresh_from_db()
    assert offer.case.status == Case.Status.AWAITING_ASSIGNMENT


def test_ending_an_assignment_revokes_access(coordinator, attorney, offer):
    assignment = services.offer_accept(offer=offer, acting_user=attorney)
    services.assignment_end(assignment=assignment, acting_user=coordinator)
    fresh = type(attorney).objects.get(pk=attorney.pk)
    assert not fresh.has_perm("cases.view_case", offer.case)
    offer.case.refresh_from_db()
    assert offer.case.status == Case.Status.AWAITING_ASSIGNMENT
    with pytest.raises(CaseStateError):
        services.assignment_end(assignment=assignment, acting_user=coordinator)


def test_a_mentor_may_read_but_not_change(coordinator, attorney, other_attorney, case):
    services.assignment_create(
        case=case, attorney=other_attorney, role=Assignment.Role.MENTOR, acting_user=coordinator
    )
    mentor = type(other_attorney).objects.get(pk=other_attorney.pk)
    assert mentor.has_perm("cases.view_case", case)
    assert not mentor.has_perm("cases.change_case", case)


def test_closing_records_code_outcome_and_final_hours(attorney, case):
    services.case_close(
        case=case,
        closing_code=ClosingCode.IB,
        outcome=Outcome.RELIEF_GRANTED,
        final_hours=Decimal("2.5"),
        acting_user=attorney,
    )
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
    assert case.closing_code == "IB" and case.outcome == Outcome.RELIEF_GRANTED
    assert case.time_entries.get().hours == Decimal("2.5")


def test_a_closed_case_cannot_be_closed_again_but_can_be_reopened(attorney, coordinator, case):
    services.case_close(case=case, closing_code=ClosingCode.A, outcome=Outcome.OTHER, acting_user=attorney)
    with pytest.raises(CaseStateError, match="already closed"):
        services.case_close(
            case=case, closing_code=ClosingCode.A, outcome=Outcome.OTHER, acting_user=attorney
        )
    services.case_reopen(case=case, acting_user=coordinator)
    case.refresh_from_db()
    assert case.status == Case.Status.ACTIVE  # the attorney is still assigned
    assert case.closing_code == ""


def test_only_a_closed_case_can_be_reopened(coordinator, case):
    with pytest.raises(CaseStateError, match="Only a closed case"):
        services.case_reopen(case=case, acting_user=coordinator)


def test_an_awaiting_case_cannot_take_an_attorney_directly(coordinator, attorney, awaiting_case):
    with pytest.raises(CaseStateError, match="cannot take an attorney"):
        services.assignment_create(
            case=awaiting_case, attorney=attorney, role=Assignment.Role.LEAD, acting_user=coordinator
        )


@pytest.mark.parametrize("basis", [Client.LscEligibility.NONE, Client.LscEligibility.UNKNOWN])
def test_an_lsc_grant_refuses_a_client_without_eligibility(coordinator, basis):
    case = CaseFactory(client=ClientFactory(lsc_eligibility=basis))
    grant = GrantFactory(is_lsc_funded=True)
    with pytest.raises(ValidationError, match="Use non-LSC money instead"):
        services.case_update(
            case=case,
            acting_user=coordinator,
            case_type=case.case_type,
            problem_code="81",
            is_detained=False,
            court="",
            grant=grant,
        )
    case.refresh_from_db()
    assert case.grant is None


def test_an_lsc_grant_takes_an_eligible_client_and_other_money_takes_anyone(coordinator):
    eligible = CaseFactory(client=ClientFactory(lsc_eligibility=Client.LscEligibility.PERMANENT_RESIDENT))
    services.case_update(
        case=eligible,
        acting_user=coordinator,
        case_type="asylum",
        problem_code="81",
        is_detained=False,
        court="Chicago Immigration Court",
        grant=GrantFactory(is_lsc_funded=True),
    )
    ineligible = CaseFactory(client=ClientFactory(lsc_eligibility=Client.LscEligibility.NONE))
    services.case_update(
        case=ineligible,
        acting_user=coordinator,
        case_type="asylum",
        problem_code="81",
        is_detained=False,
        court="",
        grant=GrantFactory(is_lsc_funded=False),
    )
    eligible.refresh_from_db()
    ineligible.refresh_from_db()
    assert eligible.grant.is_lsc_funded and not ineligible.grant.is_lsc_funded


def test_a_time_entry_on_lsc_money_for_an_ineligible_client_is_refused(attorney):
    case = CaseFactory(client=ClientFactory(lsc_eligibility=Client.LscEligibility.NONE), attorney=attorney)
    with pytest.raises(ValidationError, match="non-LSC money"):
        services.time_entry_create(
            case=case,
            worked_by=attorney,
            worked_on=timezone.localdate(),
            hours=Decimal("1.0"),
            description="Client meeting",
            grant=GrantFactory(is_lsc_funded=True),
            acting_user=attorney,
        )
    assert not case.time_entries.exists()


@pytest.mark.parametrize("hours", ["0.25", "0", "1.05"])
def test_time_is_recorded_in_tenths_only(attorney, case, hours):
    with pytest.raises(ValidationError):
        services.time_entry_create(
            case=case,
            worked_by=attorney,
            worked_on=timezone.localdate(),
            hours=Decimal(hours),
            description="Research",
            grant=None,
            acting_user=attorney,
        )


def test_no_time_is_recorded_on_a_closed_case(attorney, case):
    services.case_close(case=case, closing_code=ClosingCode.A, outcome=Outcome.OTHER, acting_user=attorney)
    with pytest.raises(CaseStateError, match="reopen"):
        services.time_entry_create(
            case=case,
            worked_by=attorney,
            worked_on=timezone.localdate(),
            hours=Decimal("0.5"),
            description="Late call",
            grant=None,
            acting_user=attorney,
        )


def test_granting_and_revoking_access_leaves_history(coordinator, attorney, offer):
    from cases.models import CaseUserObjectPermission

    assignment = services.offer_accept(offer=offer, acting_user=attorney)
    services.assignment_end(assignment=assignment, acting_user=coordinator)
    kinds = list(
        CaseUserObjectPermission.history.filter(content_object_id=offer.case_id, user=attorney)
        .order_by("history_id")
        .values_list("history_type", flat=True)
    )
    assert kinds.count("+") == 2 and kinds.count("-") == 2  # view and change, granted then revoked
    assert not CaseUserObjectPermission.objects.filter(content_object_id=offer.case_id).exists()


def test_only_attorneys_are_offered_cases_or_assigned(coordinator, volunteer, awaiting_case, case):
    with pytest.raises(ValidationError, match="not an attorney"):
        services.offer_create(case=awaiting_case, attorneys=[volunteer], acting_user=coordinator)
    with pytest.raises(ValidationError, match="not an attorney"):
        services.assignment_create(
            case=case, attorney=volunteer, role=Assignment.Role.MENTOR, acting_user=coordinator
        )


def test_the_same_attorney_cannot_hold_two_open_assignments_on_a_case(coordinator, attorney, case):
    with pytest.raises(ValidationError):
        services.assignment_create(
            case=case, attorney=attorney, role=Assignment.Role.MENTOR, acting_user=coordinator
        )
