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
        ("attorney", "cases:caseload"),
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
    with django_assert_num_queries(8) as few:
        client.get(reverse("accounts"))
    UserFactory.create_batch(10, role="attorney")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("accounts"))
