from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from clinic.roles import Role
from response import services
from response.models import FacilityKind, LocatorCheck, OnCallShift, Response
from response.services import ResponseStateError
from tests.factories import UserFactory
from tests.response.factories import found_at, not_found


def _recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_a_search_that_finds_nobody_leaves_the_person_unlocated(response, coordinator):
    check = not_found(response, acting_user=coordinator)
    response.refresh_from_db()
    assert check.result == LocatorCheck.Result.NOT_FOUND and response.status == Response.Status.REPORTED
    assert not response.facility_stays.exists()


def test_the_locator_needs_the_country_of_birth(response, coordinator):
    with pytest.raises(ValidationError):
        services.locator_check_record(
            response=response,
            source=LocatorCheck.Source.ICE_LOCATOR,
            searched_by=LocatorCheck.SearchedBy.A_NUMBER,
            country_searched=" ",
            result=LocatorCheck.Result.NOT_FOUND,
            acting_user=coordinator,
        )


def test_the_first_find_locates_them_without_a_transfer(
    response, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        found_at(response, "Broadview (test)", acting_user=coordinator)
    response.refresh_from_db()
    assert response.status == Response.Status.LOCATED
    assert response.facility_name == "Broadview (test)" and response.transfer_count == 0
    assert response.facility_stays.get().is_transfer is False
    assert not [m for m in mail.outbox if "Transfer" in m.subject]


def test_finding_them_again_at_the_same_place_is_not_a_transfer(response, coordinator):
    found_at(response, "Broadview (test)", acting_user=coordinator)
    found_at(response, "  BROADVIEW (test) ", acting_user=coordinator)
    response.refresh_from_db()
    assert response.transfer_count == 0 and response.facility_stays.count() == 1


def test_a_transfer_alerts_the_responsible_coordinator_and_attorney_once(
    response, coordinator, attorney, other_attorney, django_capture_on_commit_callbacks
):
    services.response_assign(
        response=response, coordinator=coordinator, attorney=attorney, acting_user=coordinator
    )
    found_at(response, "Lake County Jail (test)", state="IN", kind=FacilityKind.JAIL, acting_user=coordinator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        found_at(response, "Broadview (test)", state="IL", acting_user=coordinator)
    response.refresh_from_db()
    assert response.transfer_count == 1 and response.last_transfer_at is not None
    assert _recipients() == sorted([coordinator.email, attorney.email])
    message = mail.outbox[0]
    assert response.reference in message.subject and str(response.public_id) in message.body
    # Never a name, an A-number or the caller.
    client = response.client
    for secret in (client.given_names, client.family_names, client.a_number, "Llamante", "555 010"):
        assert secret not in message.subject + message.body
    # The task retried (or run by a second worker) sends nothing more.
    stay = response.facility_stays.get(is_transfer=True)
    assert services.transfer_alert_send(stay_id=stay.pk) == 0
    assert len(mail.outbox) == 2


def test_two_transfers_are_two_alerts_and_the_history_keeps_every_facility(
    response, coordinator, django_capture_on_commit_callbacks
):
    services.response_assign(
        response=response, coordinator=coordinator, attorney=None, acting_user=coordinator
    )
    found_at(response, "First (test)", acting_user=coordinator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        found_at(response, "Second (test)", acting_user=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        found_at(response, "Third (test)", state="PA", acting_user=coordinator)
    response.refresh_from_db()
    assert response.transfer_count == 2
    assert list(response.facility_stays.values_list("facility_name", "is_transfer")) == [
        ("First (test)", False),
        ("Second (test)", True),
        ("Third (test)", True),
    ]
    assert len(mail.outbox) == 2


def test_no_checks_are_recorded_once_the_response_is_over(response, coordinator):
    services.response_status_set(response=response, status=Response.Status.CLOSED, acting_user=coordinator)
    with pytest.raises(ResponseStateError):
        not_found(response, acting_user=coordinator)


# Re-check reminders --------------------------------------------------------------------------


@pytest.fixture
def on_shift(db):
    person = UserFactory(username="on_shift", role=Role.COORDINATOR)
    now = timezone.now()
    OnCallShift.objects.create(
        user=person, starts_at=now - timedelta(hours=1), ends_at=now + timedelta(days=2)
    )
    return person


def test_reminders_ask_for_a_new_search_every_few_hours_until_located(
    settings, response, coordinator, on_shift
):
    settings.CLINIC_LOCATOR_RECHECK_HOURS = 3
    called = response.reported_at
    mail.outbox.clear()
    assert services.recheck_reminders_send(now=called + timedelta(hours=2)) == 0  # too early
    assert services.recheck_reminders_send(now=called + timedelta(hours=3, minutes=5)) == 1
    assert (
        services.recheck_reminders_send(now=called + timedelta(hours=4)) == 0
    )  # same interval: sent already
    assert _recipients() == [on_shift.email]
    assert response.reference in mail.outbox[0].subject

    # A search that finds nobody restarts the clock.
    not_found(response, acting_user=coordinator, at=called + timedelta(hours=5))
    assert services.recheck_reminders_send(now=called + timedelta(hours=7)) == 0
    assert services.recheck_reminders_send(now=called + timedelta(hours=8, minutes=1)) == 1

    # Once located, they stop.
    found_at(response, "Broadview (test)", acting_user=coordinator, at=called + timedelta(hours=9))
    assert services.recheck_reminders_send(now=called + timedelta(hours=20)) == 0
    assert services.recheck_reminders_send(now=called + timedelta(hours=40)) == 0
    assert len(mail.outbox) == 2


def test_reminders_go_to_the_on_call_coordinators_when_nobody_is_on_the_rota(settings, response, coordinator):
    coordinator.is_on_call = True
    coordinator.save(update_fields=["is_on_call"])
    settings.CLINIC_LOCATOR_RECHECK_HOURS = 4
    mail.outbox.clear()
    assert services.recheck_reminders_send(now=response.reported_at + timedelta(hours=4, minutes=1)) == 1
    assert _recipients() == [coordinator.email]


def test_the_rota_answers_whoever_is_on_shift_now(coordinator, attorney):
    from response.services.alerts import on_shift_now

    now = timezone.now()
    services.shift_create(
        user=attorney,
        starts_at=now - timedelta(hours=2),
        ends_at=now + timedelta(hours=2),
        acting_user=coordinator,
    )
    later = services.shift_create(
        user=coordinator,
        starts_at=now + timedelta(hours=2),
        ends_at=now + timedelta(hours=10),
        acting_user=coordinator,
    )
    assert on_shift_now(now=now) == [attorney]
    assert on_shift_now(now=now + timedelta(hours=3)) == [coordinator]
    services.shift_end(shift=later, acting_user=coordinator)  # not started yet: removed
    assert not OnCallShift.objects.filter(pk=later.pk).exists()
