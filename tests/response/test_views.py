from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from response import services
from response.models import FacilityKind, Response
from response.services import Detention
from tests.response.factories import emergency_intake, found_at, open_response

S = Response.Status


def _detail(response):
    return reverse("response:detail", args=[response.public_id])


# Opening from the emergency intake ---------------------------------------------------------------


def test_the_emergency_intake_page_offers_to_open_a_response(client, volunteer, intake):
    client.force_login(volunteer)
    html = client.get(reverse("intake:detail", args=[intake.public_id])).content.decode()
    assert reverse("response:open", args=[intake.public_id]) in html


def test_a_volunteer_opens_a_response_from_their_emergency(client, volunteer, intake):
    client.force_login(volunteer)
    answer = client.post(
        reverse("response:open", args=[intake.public_id]),
        {
            "agency": "ice",
            "country_of_birth": "Honduras",
            "caller_relation": "spouse",
            "dependants_count": "2",
        },
    )
    response = Response.objects.get(intake=intake)
    assert answer.status_code == 302 and answer["Location"] == _detail(response)
    assert response.opened_by == volunteer and response.dependants_count == 2
    assert response.checklist.filter(code="family-plan").exists()
    html = client.get(reverse("intake:detail", args=[intake.public_id])).content.decode()
    assert response.reference in html


def test_another_volunteer_cannot_open_a_response_on_someone_elses_emergency(client, other_volunteer, intake):
    client.force_login(other_volunteer)
    answer = client.post(
        reverse("response:open", args=[intake.public_id]), {"agency": "ice", "dependants_count": "0"}
    )
    assert answer.status_code == 404
    assert not Response.objects.exists()


# Who sees a response -----------------------------------------------------------------------------


def test_the_volunteer_who_opened_it_sees_only_what_they_typed(client, volunteer, coordinator, response):
    found_at(response, "Broadview Secret (test)", acting_user=coordinator)
    client.force_login(volunteer)
    answer = client.get(_detail(response))
    html = answer.content.decode()
    assert answer.status_code == 200 and response.reference in html
    assert "Mexico" in html  # typed
    assert response.client.family_names not in html and "Broadview Secret" not in html
    assert "Located" not in html  # what the team learnt stays with the team
    assert "Llamante" not in html  # the caller's name is kept from the volunteer's view too


def test_a_volunteer_loses_sight_of_the_response_once_it_is_over(client, volunteer, coordinator, response):
    services.response_status_set(response=response, status=S.CLOSED, acting_user=coordinator)
    client.force_login(volunteer)
    assert client.get(_detail(response)).status_code == 404


def test_another_volunteer_gets_404(client, other_volunteer, response):
    client.force_login(other_volunteer)
    assert client.get(_detail(response)).status_code == 404


def test_an_unrelated_attorney_gets_404_on_every_response_url(client, other_attorney, coordinator, response):
    client.force_login(other_attorney)
    assert client.get(_detail(response)).status_code == 404
    item = response.checklist.first()
    for url in (
        reverse("response:check_add", args=[response.public_id]),
        reverse("response:checklist_toggle", args=[response.public_id, item.pk]),
    ):
        assert client.post(url, {"country_searched": "Mexico"}).status_code == 404
    item.refresh_from_db()
    assert item.done_at is None and not response.locator_checks.exists()


def test_the_responding_attorney_sees_everything_and_records_a_search(
    client, attorney, coordinator, response
):
    services.response_assign(
        response=response, coordinator=coordinator, attorney=attorney, acting_user=coordinator
    )
    client.force_login(attorney)
    html = client.get(_detail(response)).content.decode()
    assert response.client.family_names in html
    answer = client.post(
        reverse("response:check_add", args=[response.public_id]),
        {
            "source": "ice_locator",
            "searched_by": "a_number",
            "country_searched": "Mexico",
            "result": "found",
            "facility_name": "Broadview (test)",
            "facility_state": "IL",
            "facility_kind": "ice",
        },
    )
    assert answer.status_code == 302
    response.refresh_from_db()
    assert response.status == S.LOCATED


def test_coordinators_see_everything_and_the_read_is_logged(client, coordinator, response):
    from clinic.models import AccessEvent

    client.force_login(coordinator)
    html = client.get(_detail(response)).content.decode()
    assert response.client.family_names in html and "Llamante Inventado" in html
    assert AccessEvent.objects.filter(object_type="response.response", object_id=str(response.pk)).exists()


def test_a_coordinator_moves_the_status_and_a_volunteer_may_not(client, coordinator, volunteer, response):
    url = reverse("response:status", args=[response.public_id])
    client.force_login(volunteer)
    assert client.post(url, {"status": S.CLOSED}).status_code == 403
    client.force_login(coordinator)
    assert client.post(url, {"status": S.CLOSED}).status_code == 302
    response.refresh_from_db()
    assert response.status == S.CLOSED


def test_the_checklist_is_ticked_from_the_page(client, coordinator, response):
    item = response.checklist.get(code="locate")
    client.force_login(coordinator)
    client.post(reverse("response:checklist_toggle", args=[response.public_id, item.pk]))
    item.refresh_from_db()
    assert item.done_by == coordinator


def test_the_windows_form_starts_the_countdown(client, coordinator, response):
    found_at(response, "Lake County Jail (test)", state="IN", kind=FacilityKind.JAIL, acting_user=coordinator)
    client.force_login(coordinator)
    when = timezone.localtime(timezone.now()).strftime("%Y-%m-%dT%H:%M")
    client.post(reverse("response:windows", args=[response.public_id]), {"release_due_at": when})
    response.refresh_from_db()
    assert response.detainer_window_ends_at is not None
    assert "48-hour detainer hold" in client.get(_detail(response)).content.decode()


def test_an_attorneys_and_a_volunteers_list_shows_only_their_responses(
    client, volunteer, other_volunteer, response
):
    client.force_login(volunteer)
    assert response.reference in client.get(reverse("response:mine")).content.decode()
    client.force_login(other_volunteer)
    assert response.reference not in client.get(reverse("response:mine")).content.decode()


# The on-shift dashboard -------------------------------------------------------------------------


def test_the_dashboard_puts_the_most_urgent_first(client, coordinator, volunteer):
    def new():
        return open_response(intake=emergency_intake(volunteer=volunteer), acting_user=volunteer)

    quiet, transferred, closing, unlocated = new(), new(), new(), new()
    found_at(quiet, "Quiet (test)", acting_user=coordinator, at=timezone.now() - timedelta(days=3))
    found_at(transferred, "A (test)", acting_user=coordinator)
    found_at(transferred, "B (test)", acting_user=coordinator)
    found_at(closing, "Jail (test)", state="IN", kind=FacilityKind.JAIL, acting_user=coordinator)
    services.response_windows_set(
        response=closing,
        release_due_at=timezone.now() - timedelta(days=5),
        fear_referred_at=None,
        acting_user=coordinator,
    )
    client.force_login(coordinator)
    html = client.get(reverse("response:dashboard")).content.decode()
    order = sorted((html.index(r.reference), r.reference) for r in (quiet, transferred, closing, unlocated))
    assert [ref for _i, ref in order] == [r.reference for r in (unlocated, closing, transferred, quiet)]


def test_the_dashboard_query_count_does_not_grow_with_responses(
    client, coordinator, volunteer, attorney, django_assert_num_queries
):
    client.force_login(coordinator)
    open_response(intake=emergency_intake(volunteer=volunteer), acting_user=volunteer)
    with django_assert_num_queries(4):
        client.get(reverse("response:dashboard"))
    for _ in range(8):
        response = open_response(intake=emergency_intake(volunteer=volunteer), acting_user=volunteer)
        services.response_assign(
            response=response, coordinator=coordinator, attorney=attorney, acting_user=coordinator
        )
        found_at(response, "First (test)", acting_user=coordinator)
        found_at(response, "Second (test)", acting_user=coordinator)
    with django_assert_num_queries(4):
        answer = client.get(reverse("response:dashboard"))
    assert answer.content.decode().count("/response/") >= 9


@pytest.mark.parametrize("actor", ["volunteer", "attorney"])
def test_only_coordinators_reach_the_dashboard_and_the_data_pages(client, request, actor):
    client.force_login(request.getfixturevalue(actor))
    for name in ("response:dashboard", "response:checklist", "response:rules", "response:rota"):
        assert client.get(reverse(name)).status_code == 403


# Data coordinators edit --------------------------------------------------------------------------


def test_a_coordinator_adds_a_checklist_step(client, coordinator, volunteer):
    client.force_login(coordinator)
    answer = client.post(
        reverse("response:checklist"),
        {
            "code": "call-back",
            "title": "Call the family back",
            "owner_role": "coordinator",
            "due_hours": "1",
            "condition": "always",
            "position": "1",
            "is_active": "on",
        },
    )
    assert answer.status_code == 302
    response = open_response(intake=emergency_intake(volunteer=volunteer), acting_user=volunteer)
    assert response.checklist.first().code == "call-back"


def test_a_coordinator_records_a_states_detainer_rule(client, coordinator, volunteer):
    client.force_login(coordinator)
    client.post(
        reverse("response:rules"),
        {"kind": "rule", "rule-state": "ca", "rule-citation": "Cal. Gov. Code 7284.6"},
    )
    response = open_response(intake=emergency_intake(volunteer=volunteer), acting_user=volunteer)
    found_at(response, "County Jail (test)", state="CA", kind=FacilityKind.JAIL, acting_user=coordinator)
    response = services.response_windows_set(
        response=response, release_due_at=timezone.now(), fear_referred_at=None, acting_user=coordinator
    )
    assert response.detainer_hold_unlawful


def test_a_coordinator_puts_someone_on_the_rota(client, coordinator, attorney):
    client.force_login(coordinator)
    start = timezone.localtime(timezone.now())
    answer = client.post(
        reverse("response:rota"),
        {
            "user": attorney.pk,
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert answer.status_code == 302
    assert attorney.shifts.count() == 1
    assert "On shift" in client.get(reverse("response:rota")).content.decode()


def test_the_overview_card_links_to_the_dashboard(client, coordinator, response):
    client.force_login(coordinator)
    html = client.get(reverse("coordinator_home")).content.decode()
    assert 'id="overview-responses"' in html and reverse("response:dashboard") in html


def test_a_response_opened_with_details_shows_them_to_the_coordinator(client, coordinator, volunteer):
    response = open_response(
        intake=emergency_intake(volunteer=volunteer),
        acting_user=volunteer,
        detention=Detention(medical_needs="Insulina diaria"),
    )
    client.force_login(coordinator)
    assert "Insulina diaria" in client.get(_detail(response)).content.decode()


def test_the_access_log_links_a_read_response_to_its_page(client, coordinator, response):
    client.force_login(coordinator)
    client.get(reverse("response:detail", args=[response.public_id]))
    html = client.get(reverse("access_log")).content.decode()
    assert f'<a href="{reverse("response:detail", args=[response.public_id])}">response.response' in html
