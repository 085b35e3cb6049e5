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
    with django_assert_num_queries(5) as first:
        client.get(reverse("access_log"))
    for _ in range(20):
        access_event_record(actor=coordinator, obj=volunteer)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(reverse("access_log"))


def test_a_row_that_names_a_client_links_to_the_clients_page(client, coordinator):
    from tests.intake.factories import ClientFactory

    known = ClientFactory()
    access_event_record(actor=coordinator, obj=known, detail="client page")
    client.force_login(coordinator)
    html = client.get(reverse("access_log")).content.decode()
    url = reverse("intake:client_detail", args=[known.public_id])
    assert f'<a href="{url}">intake.client #{known.pk}</a> · client page' in html


def test_a_read_of_the_queue_links_each_client_it_showed(client, coordinator):
    from tests.intake.factories import IntakeFactory

    shown = IntakeFactory.create_batch(2)
    client.force_login(coordinator)
    client.get(reverse("intake:queue"))
    html = client.get(reverse("access_log")).content.decode()
    assert "Clients shown:" in html
    for intake in shown:
        url = reverse("intake:client_detail", args=[intake.client.public_id])
        assert f'<a href="{url}">#{intake.client_id}</a>' in html


def test_a_cut_list_of_clients_leaves_out_the_id_it_cut(client, coordinator):
    from types import SimpleNamespace

    from tests.intake.factories import ClientFactory

    first, second = ClientFactory(), ClientFactory()
    shown = f"clients {first.pk},{second.pk}"
    detail = shown + "," * (195 - len(shown)) + ",123456789"  # the log keeps 200 characters: ",1234"
    read = SimpleNamespace(_meta=SimpleNamespace(label_lower="intake.queue"), pk=2)
    access_event_record(actor=coordinator, obj=read, detail=detail)
    client.force_login(coordinator)
    html = client.get(reverse("access_log")).content.decode()
    assert f">#{first.pk}</a>" in html and f">#{second.pk}</a>" in html
    assert "1234" not in html.split("Clients shown:")[1].split("</td>")[0]


def test_a_row_that_names_a_report_links_to_the_report(client, coordinator):
    from datetime import date

    from reports.models import FundingReport

    report = FundingReport.objects.create(
        requested_by=coordinator, start=date(2025, 1, 1), end=date(2025, 3, 31), hourly_rate=150, threshold=5
    )
    access_event_record(actor=coordinator, obj=report, action=AccessEvent.Action.EXPORT)
    client.force_login(coordinator)
    html = client.get(reverse("access_log")).content.decode()
    assert reverse("reports:report_detail", args=[report.public_id]) in html


def test_the_access_log_links_cost_one_query_per_kind_of_record_not_per_row(
    client, coordinator, django_assert_num_queries
):
    from tests.intake.factories import ClientFactory

    client.force_login(coordinator)
    for _ in range(2):
        access_event_record(actor=coordinator, obj=ClientFactory())
    with django_assert_num_queries(6) as first:  # the page's 5, and one for the clients' public ids
        client.get(reverse("access_log"))
    for _ in range(15):
        access_event_record(actor=coordinator, obj=ClientFactory())
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(reverse("access_log"))
