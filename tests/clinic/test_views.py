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
