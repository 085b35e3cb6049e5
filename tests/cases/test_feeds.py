"""The calendar feed: a secret, revocable address; it parses; it names cases, never clients."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from cases import services
from cases.models import Court, FeedToken, Hearing
from cases.services.feeds import feed_token_create, feed_token_revoke
from tests.cases.factories import CaseFactory


def _feed(client, token):
    return client.get(reverse("cases:calendar_feed", args=[token]))


@pytest.fixture
def busy_case(case, attorney):
    chicago = Court.objects.get(code="chicago")
    start = dt.datetime.combine(
        timezone.localdate() + dt.timedelta(days=40), dt.time(9, 30), tzinfo=chicago.zone
    )
    services.hearing_create(
        case=case, kind=Hearing.Kind.MASTER, starts_at=start, court=chicago, acting_user=attorney
    )
    return case


def test_the_attorneys_feed_parses_and_holds_their_hearings_and_deadlines(client, attorney, busy_case):
    other = CaseFactory()
    services.deadline_create(
        case=other, title="Not theirs", due_date=timezone.localdate(), acting_user=attorney
    )
    response = _feed(client, feed_token_create(user=attorney, acting_user=attorney))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    summaries = sorted(str(e["SUMMARY"]) for e in events)
    assert summaries == sorted(
        [
            f"Master calendar · case {busy_case.reference}",
            f"Filings before a master calendar hearing · case {busy_case.reference}",
        ]
    )
    hearing = next(e for e in events if str(e["SUMMARY"]).startswith("Master"))
    assert hearing.decoded("DTSTART").tzinfo is not None
    assert hearing["DTSTART"].params["TZID"] == "America/Chicago"
    assert hearing.decoded("DTSTART").hour == 9
    assert "525 West Van Buren" in str(hearing["LOCATION"])
    deadline = next(e for e in events if str(e["SUMMARY"]).startswith("Filings"))
    assert isinstance(deadline.decoded("DTSTART"), dt.date)  # an all-day event
    assert "EOIR Policy Manual" in str(deadline["DESCRIPTION"])
    text = response.content.decode()
    for secret in (busy_case.client.given_names, busy_case.client.family_names, other.client.family_names):
        assert secret not in text


def test_the_coordinators_feed_covers_the_clinic(client, coordinator, attorney, busy_case):
    unassigned = CaseFactory()
    services.deadline_create(
        case=unassigned, title="Unowned", due_date=timezone.localdate(), acting_user=coordinator
    )
    calendar = Calendar.from_ical(
        _feed(client, feed_token_create(user=coordinator, acting_user=coordinator)).content
    )
    refs = " ".join(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    assert busy_case.reference in refs and unassigned.reference in refs


def test_a_new_address_replaces_the_old_and_revoking_ends_it(client, attorney, busy_case):
    first = feed_token_create(user=attorney, acting_user=attorney)
    second = feed_token_create(user=attorney, acting_user=attorney)
    assert _feed(client, first).status_code == 404
    assert _feed(client, second).status_code == 200
    assert feed_token_revoke(user=attorney, acting_user=attorney)
    assert _feed(client, second).status_code == 404


def test_only_a_digest_of_the_token_is_stored(attorney):
    token = feed_token_create(user=attorney, acting_user=attorney)
    assert token not in FeedToken.objects.get(user=attorney).digest


def test_an_unknown_token_answers_404(client, db):
    assert _feed(client, "not-a-token").status_code == 404


def test_a_user_who_lost_the_attorney_role_loses_the_feed(client, attorney):
    token = feed_token_create(user=attorney, acting_user=attorney)
    attorney.groups.clear()
    assert _feed(client, token).status_code == 404


def test_volunteers_have_no_feed(client, volunteer):
    client.force_login(volunteer)
    assert client.post(reverse("cases:feed_settings"), {"action": "create"}).status_code == 403
    with pytest.raises(PermissionError):
        feed_token_create(user=volunteer, acting_user=volunteer)


def test_the_settings_page_shows_the_address_once(client, attorney):
    client.force_login(attorney)
    response = client.post(reverse("cases:feed_settings"), {"action": "create"})
    assert response.status_code == 200
    url = response.context["feed_url"]
    assert "/cases/feed/" in url and url.endswith(".ics")
    again = client.get(reverse("cases:feed_settings"))
    assert url not in again.content.decode()
    assert client.post(reverse("cases:feed_settings"), {"action": "revoke"}).status_code == 302
    assert not FeedToken.objects.filter(user=attorney).exists()
