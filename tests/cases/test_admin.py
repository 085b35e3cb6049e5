import pytest
from django.urls import reverse

from tests.cases.factories import AttorneyProfileFactory, GrantFactory, OfferFactory
from tests.factories import UserFactory


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def test_the_admin_lists_and_opens_every_cases_and_organisation_model(client, superuser, case, coordinator):
    offer = OfferFactory(offered_by=coordinator)
    profile = AttorneyProfileFactory()
    grant = GrantFactory()
    client.force_login(superuser)
    for model, obj in [
        ("cases/case", case),
        ("cases/offer", offer),
        ("cases/attorneyprofile", profile),
        ("cases/grant", grant),
        ("cases/funder", grant.funder),
    ]:
        app, name = model.split("/")
        assert client.get(reverse(f"admin:{app}_{name}_changelist")).status_code == 200, model
        assert client.get(reverse(f"admin:{app}_{name}_change", args=[obj.pk])).status_code == 200, model


def test_an_attorney_is_kept_out_of_the_admin(client, attorney):
    client.force_login(attorney)
    assert client.get(reverse("admin:cases_case_changelist")).status_code == 302
