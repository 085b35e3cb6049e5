from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from intake.services import intake_caller_details_purge
from response import services
from response.models import Response
from response.services import Detention
from tests.response.factories import emergency_intake, found_at, open_response

S = Response.Status


def _over(response, coordinator, status=S.RELEASED):
    return services.response_status_set(response=response, status=status, acting_user=coordinator)


def test_an_unconverted_response_loses_its_callers_details_after_the_retention_period(
    settings, volunteer, coordinator
):
    settings.CLINIC_RESPONSE_CALLER_RETENTION_DAYS = 30
    response = open_response(
        intake=emergency_intake(volunteer=volunteer),
        acting_user=volunteer,
        detention=Detention(
            dependants_count=1, dependants_note="Hija con la vecina", medical_needs="Insulina"
        ),
    )
    _over(response, coordinator)
    later = response.reported_at + timedelta(days=29)
    assert services.caller_details_purge(now=later) == 0

    later = response.reported_at + timedelta(days=31)
    assert services.caller_details_purge(now=later) == 1
    response.refresh_from_db()
    assert (response.caller_name, response.caller_phone) == ("", "")
    assert (response.dependants_note, response.medical_needs) == ("", "")
    assert response.caller_purged_at == later
    # What the clinic counts stays.
    assert response.status == S.RELEASED and response.dependants_count == 1 and response.caller_relation
    # History never held the purged fields, so nothing of them survives there.
    for row in response.history.all():
        assert not hasattr(row, "caller_name") and not hasattr(row, "medical_needs")
    assert services.caller_details_purge(now=later) == 0  # idempotent


def test_a_response_still_in_progress_keeps_its_callers_details(volunteer, response):
    assert services.caller_details_purge(now=response.reported_at + timedelta(days=90)) == 0
    response.refresh_from_db()
    assert response.caller_name


def test_a_response_that_became_a_case_keeps_its_callers_details(volunteer, response, coordinator):
    found_at(response, "Broadview (test)", acting_user=coordinator)
    services.response_mark_case_opened(response=response, acting_user=coordinator)
    _over(response, coordinator, S.BONDED)
    assert services.caller_details_purge(now=timezone.now() + timedelta(days=90)) == 0


def test_the_purge_command_reports_what_it_did(settings, volunteer, coordinator, response):
    settings.CLINIC_RESPONSE_CALLER_RETENTION_DAYS = 1
    _over(response, coordinator, S.CLOSED)
    Response.objects.filter(pk=response.pk).update(reported_at=timezone.now() - timedelta(days=2))
    out = StringIO()
    call_command("purge_response_callers", stdout=out)
    assert "Purged the caller's details of 1 response" in out.getvalue()
    response.refresh_from_db()
    assert response.caller_name == "" and response.caller_purged_at is not None


def test_the_purge_also_erases_the_callers_copy_in_the_hotline_intake_and_its_history(
    settings, volunteer, coordinator
):
    settings.CLINIC_RESPONSE_CALLER_RETENTION_DAYS = 1
    intake = emergency_intake(volunteer=volunteer)
    assert intake.caller_name and intake.callback_phone
    response = open_response(intake=intake, acting_user=volunteer)
    _over(response, coordinator)
    assert services.caller_details_purge(now=response.reported_at + timedelta(days=2)) == 1
    intake.refresh_from_db()
    assert (intake.caller_name, intake.callback_phone) == ("", "")
    assert intake.history.count() >= 2
    for row in intake.history.all():
        assert (row.caller_name, row.callback_phone) == ("", "")
    assert intake.facility and intake.client_id  # what the clinic counts stays


def test_an_intake_accepted_as_a_case_keeps_its_callers_details(volunteer, coordinator):
    intake = emergency_intake(volunteer=volunteer)
    intake.status = intake.Status.ACCEPTED
    intake.save(update_fields=["status"])
    assert intake_caller_details_purge(intake=intake, acting_user=coordinator) is False
    intake.refresh_from_db()
    assert intake.caller_name and intake.callback_phone
