import pytest
from django.urls import reverse

from cases.models import Funder, Grant
from intake.models import Client
from tests.cases.factories import CaseFactory, ClientFactory, FunderFactory, GrantFactory


def test_the_coordinator_lists_funders_and_grants(client, coordinator):
    GrantFactory(name="Detained defense fund")
    client.force_login(coordinator)
    response = client.get(reverse("cases:funding"))
    assert response.status_code == 200
    assert "Detained defense fund" in response.content.decode()


def test_the_coordinator_creates_a_funder_and_a_grant(client, coordinator):
    client.force_login(coordinator)
    client.post(reverse("cases:funder_create"), {"name": "Riverside Foundation", "notes": ""})
    funder = Funder.objects.get(name="Riverside Foundation")
    response = client.post(
        reverse("cases:grant_create"),
        {"funder": funder.pk, "name": "Youth fund", "code": "RF-1", "is_active": "on"},
    )
    assert response.status_code == 302
    grant = Grant.objects.get(code="RF-1")
    assert grant.history.first().history_user == coordinator


def test_a_grant_paying_for_ineligible_clients_cannot_become_lsc_money(client, coordinator):
    grant = GrantFactory(is_lsc_funded=False, funder=FunderFactory(name="Mixed"))
    CaseFactory(client=ClientFactory(lsc_eligibility=Client.LscEligibility.NONE), grant=grant)
    client.force_login(coordinator)
    response = client.post(
        reverse("cases:grant_edit", args=[grant.pk]),
        {
            "funder": grant.funder_id,
            "name": grant.name,
            "code": grant.code,
            "is_lsc_funded": "on",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "non-LSC money" in response.content.decode()
    grant.refresh_from_db()
    assert not grant.is_lsc_funded


@pytest.mark.parametrize("actor", ["attorney", "volunteer", "administrator"])
def test_only_coordinators_manage_funding(client, request, actor, db):
    grant = GrantFactory()
    client.force_login(request.getfixturevalue(actor))
    for url in (
        reverse("cases:funding"),
        reverse("cases:grant_edit", args=[grant.pk]),
        reverse("cases:funder_create"),
    ):
        assert client.get(url).status_code == 403
