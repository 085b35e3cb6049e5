import re

import pytest
from django.urls import reverse


def test_sign_in_page_is_public(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'name="username"' in response.content


@pytest.mark.parametrize(
    ("actor", "landing"),
    [
        ("volunteer", "intake:home"),
        ("attorney", "cases:my_week"),
        ("coordinator", "coordinator_home"),
        ("administrator", "accounts"),
    ],
)
def test_each_role_lands_on_its_own_page(client, request, actor, landing):
    client.force_login(request.getfixturevalue(actor))
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse(landing)
    assert response.status_code == 200


def test_a_user_without_a_role_is_told_so(client, no_role_user):
    client.force_login(no_role_user)
    response = client.get(reverse("home"))
    assert response.status_code == 403
    assert b"no role" in response.content.lower()


def test_the_administrator_sees_every_account_with_its_role(client, administrator, volunteer, attorney):
    client.force_login(administrator)
    response = client.get(reverse("accounts"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "volunteer" in html
    assert "Intake volunteer" in html


def test_the_accounts_page_is_refused_to_a_coordinator(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("accounts")).status_code == 403


def test_the_accounts_page_query_count_does_not_grow_with_accounts(
    client, administrator, django_assert_num_queries
):
    from tests.factories import UserFactory

    client.force_login(administrator)
    UserFactory.create_batch(3, role="attorney")
    with django_assert_num_queries(4) as few:
        client.get(reverse("accounts"))
    UserFactory.create_batch(10, role="attorney")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("accounts"))


def test_the_coordinator_overview_counts_what_needs_attention(client, coordinator, volunteer):
    from intake.models import Intake

    Intake.objects.create(volunteer=volunteer, channel=Intake.Channel.HOTLINE, is_urgent=True)
    Intake.objects.create(volunteer=volunteer, channel=Intake.Channel.WALK_IN)
    Intake.objects.create(volunteer=volunteer, channel=Intake.Channel.WALK_IN, status=Intake.Status.DECLINED)
    client.force_login(coordinator)
    context = client.get(reverse("coordinator_home")).context
    assert context["intakes"]["open"] == 2
    assert context["intakes"]["urgent"] == 1
    assert context["cases"]["awaiting"] == 0


def test_every_count_on_the_overview_is_a_link_to_the_list_it_counts(client, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("coordinator_home")).content.decode()
    counts = [
        dd
        for dl in re.findall(r'<dl class="figures">(.*?)</dl>', html, re.S)
        for dd in re.findall(r"<dd>(.*?)</dd>", dl)
    ]
    assert len(counts) >= 12  # intakes, cases, deadlines and rapid response
    assert all(re.fullmatch(r'<a href="/[^"]+">\d+</a>', count) for count in counts), counts


@pytest.mark.parametrize("actor", ["volunteer", "attorney", "administrator"])
def test_the_overview_is_refused_to_other_roles(client, request, actor):
    client.force_login(request.getfixturevalue(actor))
    assert client.get(reverse("coordinator_home")).status_code == 403


def test_the_overview_query_count_is_fixed(client, coordinator, volunteer, django_assert_num_queries):
    from intake.models import Intake

    client.force_login(coordinator)
    # the session, the user with their roles, and one per overview card (responses, intakes,
    # deadlines, cases)
    with django_assert_num_queries(6) as first:
        client.get(reverse("coordinator_home"))
    for _ in range(5):
        Intake.objects.create(volunteer=volunteer, channel=Intake.Channel.HOTLINE, is_urgent=True)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(reverse("coordinator_home"))
