import pytest
from django.urls import reverse

from clinic.access_log import access_event_record
from clinic.models import AccessEvent


@pytest.fixture
def events(coordinator, attorney, volunteer):
    access_event_record(actor=attorney, obj=volunteer, action=AccessEvent.Action.VIEW)
    access_event_record(actor=coordinator, obj=volunteer, action=AccessEvent.Action.EXPORT)


def test_a_coordinator_reads_the_access_log_newest_first(client, coordinator, events):
    client.force_login(coordinator)
    page = client.get(reverse("access_log")).context["page"]
    assert [e.seq for e in page] == [2, 1]


def test_the_log_filters_by_actor_and_action(client, coordinator, attorney, events):
    client.force_login(coordinator)
    page = client.get(reverse("access_log"), {"actor": attorney.pk}).context["page"]
    assert [e.actor for e in page] == [attorney]
    page = client.get(reverse("access_log"), {"action": "export"}).context["page"]
    assert [e.action for e in page] == ["export"]


def test_a_reversed_date_range_is_explained_next_to_the_field(client, coordinator, events):
    client.force_login(coordinator)
    response = client.get(reverse("access_log"), {"on_or_after": "2026-05-02", "on_or_before": "2026-05-01"})
    assert response.context["form"].errors == {"on_or_before": ["The end date is before the start date."]}


@pytest.mark.parametrize("actor", ["volunteer", "attorney", "administrator"])
def test_other_roles_are_refused_the_access_log(client, request, actor):
    client.force_login(request.getfixturevalue(actor))
    assert client.get(reverse("access_log")).status_code == 403


def test_the_access_log_query_count_is_fixed(client, coordinator, volunteer, django_assert_num_queries):
    client.force_login(coordinator)
    for _ in range(3):
        access_event_record(actor=coordinator, obj=volunteer)
    with django_assert_num_queries(6) as first:
        client.get(reverse("access_log"))
    for _ in range(20):
        access_event_record(actor=coordinator, obj=volunteer)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(reverse("access_log"))
