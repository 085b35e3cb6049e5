from datetime import timedelta

import pytest
from django.utils import timezone

from response import services
from response.models import Response
from response.services import Caller, Detention, ResponseStateError
from tests.intake.factories import ClientFactory, IntakeFactory
from tests.response.factories import emergency_intake, found_at, open_response

S = Response.Status


def test_opening_a_response_copies_the_call_and_starts_reported(volunteer, intake):
    response = open_response(
        intake=intake,
        acting_user=volunteer,
        detention=Detention(agency=Response.Agency.ICE, country_of_birth="Ghana", dependants_count=2),
        caller=Caller(relation=Response.Relation.SIBLING),
    )
    assert response.status == S.REPORTED
    assert response.reported_at == intake.submitted_at
    assert response.caller_name == "Llamante Inventado" and response.caller_phone == "+1 555 010 0123"
    assert response.taken_place == "Detenido en la calle"
    assert response.client == intake.client
    assert response.reference.startswith("RR-") and len(response.reference) == 12
    assert response.history.count() == 1


def test_only_a_hotline_emergency_opens_a_response(volunteer):
    with pytest.raises(ResponseStateError):
        open_response(intake=IntakeFactory(volunteer=volunteer), acting_user=volunteer)


def test_an_emergency_opens_one_response_only(volunteer, response):
    with pytest.raises(ResponseStateError, match="already"):
        open_response(intake=response.intake, acting_user=volunteer)


def test_response_numbers_are_not_sequential(volunteer):
    refs = [
        open_response(intake=emergency_intake(volunteer=volunteer), acting_user=volunteer).reference
        for _ in range(3)
    ]
    assert len(set(refs)) == 3


def test_the_status_flow_stamps_every_step_and_keeps_history(response, coordinator):
    found_at(response, "Broadview (test)", acting_user=coordinator)
    response.refresh_from_db()
    assert response.status == S.LOCATED and response.located_at is not None
    for status in (S.REPRESENTED, S.CUSTODY_DECIDED, S.BONDED, S.CLOSED):
        response = services.response_status_set(response=response, status=status, acting_user=coordinator)
    assert (
        response.represented_at and response.custody_decided_at and response.outcome_at and response.closed_at
    )
    assert response.represented_at <= response.custody_decided_at <= response.outcome_at <= response.closed_at
    statuses = list(response.history.order_by("history_date").values_list("status", flat=True))
    for status in (S.REPORTED, S.LOCATED, S.REPRESENTED, S.CUSTODY_DECIDED, S.BONDED, S.CLOSED):
        assert status in statuses
    assert response.history.filter(status=S.BONDED).first().history_user == coordinator


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ([], S.REPRESENTED),  # not located yet
        ([S.LOCATED, S.RELEASED], S.LOCATED),  # an outcome is final, only closing follows
        ([S.CLOSED], S.LOCATED),
        ([S.LOCATED, S.CUSTODY_DECIDED], S.REPRESENTED),  # never walks back
    ],
)
def test_the_status_flow_refuses_steps_out_of_order(response, coordinator, path, refused):
    for status in path:
        services.response_status_set(response=response, status=status, acting_user=coordinator)
    with pytest.raises(ResponseStateError):
        services.response_status_set(response=response, status=refused, acting_user=coordinator)


def test_a_person_released_before_being_found_skips_straight_to_released(response, coordinator):
    response = services.response_status_set(response=response, status=S.RELEASED, acting_user=coordinator)
    assert response.outcome_at is not None and response.located_at is None and not response.is_open


def test_a_returning_client_is_linked_only_when_a_coordinator_confirms_it_on_the_intake(
    volunteer, coordinator
):
    from intake.models import ClientMatch
    from intake.services.matches import client_match_confirm

    known = ClientFactory(a_number="900099999")
    IntakeFactory(client=known)  # an earlier matter: the blind index finds them
    intake = emergency_intake(volunteer=volunteer, a_number="900099999")
    response = open_response(intake=intake, acting_user=volunteer)
    assert response.client != known  # the record typed, until a coordinator decides
    match = ClientMatch.objects.get(intake=intake)
    client_match_confirm(match=match, accept=[], acting_user=coordinator)
    response.refresh_from_db()
    assert response.client == known


def test_naming_who_is_on_it_gives_waiting_checklist_items_their_owner(response, coordinator, attorney):
    assert not response.checklist.exclude(owner=None).exists()
    services.response_assign(
        response=response, coordinator=coordinator, attorney=attorney, acting_user=coordinator
    )
    owners = dict(response.checklist.values_list("code", "owner__username"))
    assert owners["locate"] == "coordinator" and owners["notice-of-appearance"] == "attorney"


def test_only_a_coordinator_and_an_attorney_can_be_named_on_it(response, coordinator, volunteer):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.response_assign(
            response=response, coordinator=volunteer, attorney=None, acting_user=coordinator
        )


def test_a_case_cannot_be_marked_opened_before_the_person_is_located(response, coordinator):
    with pytest.raises(ResponseStateError, match="located"):
        services.response_mark_case_opened(response=response, acting_user=coordinator)


def test_the_reasonable_fear_determination_is_due_ten_days_after_referral(response, coordinator):
    from response.selectors import response_countdowns

    referred = timezone.now() - timedelta(days=3)
    response = services.response_windows_set(
        response=response, release_due_at=None, fear_referred_at=referred, acting_user=coordinator
    )
    (fear,) = response_countdowns(response=response)
    assert fear.label == "fear" and fear.ends_at == referred + timedelta(days=10)
    assert 6 * 24 < fear.hours_left <= 7 * 24
