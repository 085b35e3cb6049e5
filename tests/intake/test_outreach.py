import datetime as dt
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from clinic.aggregates import Period
from intake.models import Intake, OutreachEvent
from intake.services import outreach_event_save
from reports.selectors import funding_report_data
from tests.intake.factories import IntakeFactory

EVENT = {
    "kind": "kyr",
    "title": "Conozca sus derechos",
    "held_on": "2026-11-14",
    "place": "Parroquia de ejemplo",
    "community_area": "Little Village",
    "language": "es",
    "partner": "Red comunitaria de ejemplo",
    "attendees": "42",
    "materials": "60",
    "notes": "",
}


def test_a_coordinator_records_a_workshop_and_sees_it_listed(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("intake:outreach_create"), EVENT)
    assert response.url == reverse("intake:outreach_list")
    event = OutreachEvent.objects.get()
    assert (event.attendees, event.materials, event.lsc_code) == (42, 60, "111")
    assert event.history.first().history_user == coordinator
    assert "Conozca sus derechos" in client.get(reverse("intake:outreach_list")).content.decode()


def test_an_impossible_date_is_a_field_error_and_saves_nothing(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("intake:outreach_create"), {**EVENT, "held_on": "9999-01-01"})
    assert response.status_code == 400
    assert "Check the date" in response.content.decode()
    assert not OutreachEvent.objects.exists()


def test_volunteers_and_attorneys_are_refused_the_outreach_pages(client, volunteer, attorney, coordinator):
    event = outreach_event_save(
        event=None, acting_user=coordinator, kind="forum", title="Foro", held_on=timezone.localdate(),
        place="Biblioteca", attendees=10,
    )  # fmt: skip
    for user in (volunteer, attorney):
        client.force_login(user)
        assert client.get(reverse("intake:outreach_list")).status_code == 403
        assert client.post(reverse("intake:outreach_edit", args=[event.pk]), EVENT).status_code == 403
    event.refresh_from_db()
    assert event.title == "Foro"


def test_workshops_and_their_intakes_reach_the_funding_report(coordinator):
    day = dt.date(2025, 3, 8)
    kyr = outreach_event_save(
        event=None, acting_user=coordinator, kind="kyr", title="KYR", held_on=day, place="Escuela",
        attendees=30, materials=50,
    )  # fmt: skip
    outreach_event_save(
        event=None, acting_user=coordinator, kind="presentation", title="Charla", held_on=day,
        place="Iglesia",
        attendees=12,
    )  # fmt: skip
    intake = IntakeFactory(outreach_event=kyr, channel=Intake.Channel.WORKSHOP)
    Intake.objects.filter(pk=intake.pk).update(submitted_at=timezone.make_aware(dt.datetime(2025, 3, 8, 12)))
    data = funding_report_data(
        period=Period(dt.date(2025, 1, 1), dt.date(2025, 3, 31)),
        grant=None,
        threshold=1,
        hourly_rate=Decimal(1),
    )
    summary = data.figures()
    assert summary["Workshops and forums held"] == "2"
    assert summary["People who attended workshops and forums"] == "42"
    assert summary["Intakes taken at workshops and forums"] == "1"
    assert summary["LSC 111 workshops and clinics"] == "1 held, 30 people"
    assert summary["LSC 101 community legal education presentations"] == "1 held, 12 people"
