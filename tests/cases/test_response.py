"""A detention response becomes a case through cases' own service (cases imports response)."""

import pytest
from django.urls import reverse

from cases.models import Assignment, Case
from cases.services import assignment_create
from cases.services.response import case_open_from_response
from intake.models import Intake
from response.models import Response
from response.services import ResponseStateError
from tests.response.factories import emergency_intake, found_at, open_response


@pytest.fixture
def located(volunteer, coordinator):
    response = open_response(intake=emergency_intake(volunteer=volunteer), acting_user=volunteer)
    found_at(response, "Broadview (test)", acting_user=coordinator)
    response.refresh_from_db()
    return response


def _open_url(response):
    return reverse("cases:response_open_case", args=[response.public_id])


def test_a_coordinator_opens_a_case_from_a_located_response(client, coordinator, located):
    client.force_login(coordinator)
    page = client.get(reverse("response:detail", args=[located.public_id])).content.decode()
    assert _open_url(located) in page
    answer = client.post(_open_url(located))
    case = Case.objects.get(intake=located.intake)
    assert answer.status_code == 302 and answer["Location"] == reverse(
        "cases:case_detail", args=[case.public_id]
    )
    located.refresh_from_db()
    assert located.status == Response.Status.REPRESENTED and located.case_opened_at is not None
    assert case.client == located.client and case.is_detained
    assert located.intake.status == Intake.Status.ACCEPTED
    page = client.get(reverse("response:detail", args=[located.public_id])).content.decode()
    assert case.reference in page and _open_url(located) not in page


def test_no_case_opens_before_the_person_is_located(client, coordinator, volunteer):
    response = open_response(intake=emergency_intake(volunteer=volunteer), acting_user=volunteer)
    client.force_login(coordinator)
    client.post(_open_url(response))
    assert not Case.objects.exists()
    response.refresh_from_db()
    assert response.case_opened_at is None


def test_nothing_is_marked_when_the_case_cannot_open(coordinator, located):
    Intake.objects.filter(pk=located.intake_id).update(conflict_status=Intake.ConflictStatus.REVIEW)
    with pytest.raises(Exception, match="conflict"):
        case_open_from_response(response=located, opened_by=coordinator)
    located.refresh_from_db()
    assert located.status == Response.Status.LOCATED and located.case_opened_at is None


def test_a_possible_match_must_be_confirmed_before_a_case_opens(coordinator, volunteer):
    from tests.intake.factories import ClientFactory, IntakeFactory

    IntakeFactory(client=ClientFactory(a_number="900077777"))
    response = open_response(
        intake=emergency_intake(volunteer=volunteer, a_number="900077777"), acting_user=volunteer
    )
    found_at(response, "Broadview (test)", acting_user=coordinator)
    with pytest.raises(ResponseStateError, match="possible returning client"):
        case_open_from_response(response=response, opened_by=coordinator)


def test_only_coordinators_open_a_case_from_a_response(client, volunteer, attorney, located):
    for user in (volunteer, attorney):
        client.force_login(user)
        assert client.post(_open_url(located)).status_code == 403
    assert not Case.objects.exists()


def test_the_attorney_who_holds_the_case_sees_the_response_and_another_does_not(
    client, coordinator, attorney, other_attorney, located
):
    case = case_open_from_response(response=located, opened_by=coordinator)
    Case.objects.filter(pk=case.pk).update(status=Case.Status.ACTIVE)  # as an accepted offer would
    assignment_create(case=case, attorney=attorney, role=Assignment.Role.LEAD, acting_user=coordinator)
    client.force_login(attorney)
    html = client.get(reverse("response:detail", args=[located.public_id])).content.decode()
    assert located.client.family_names in html and case.reference in html
    assert located.reference in client.get(reverse("response:mine")).content.decode()
    client.force_login(other_attorney)
    assert client.get(reverse("response:detail", args=[located.public_id])).status_code == 404
