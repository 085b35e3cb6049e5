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


def test_the_admin_reads_deadlines_rules_and_hearings_but_does_not_change_them(
    client, superuser, case, attorney
):
    import datetime as dt

    from cases import services
    from cases.models import Court, DeadlineRule, Trigger

    event, [deadline, *_] = services.case_event_record(
        case=case, kind=Trigger.IJ_DECISION, occurred_on=dt.date(2030, 1, 2), acting_user=attorney
    )
    client.force_login(superuser)
    for name, obj in [
        ("deadline", deadline),
        ("deadlinerule", DeadlineRule.objects.get(code="bia-appeal")),
        ("caseevent", event),
        ("court", Court.objects.get(code="chicago")),
    ]:
        assert client.get(reverse(f"admin:cases_{name}_changelist")).status_code == 200, name
        assert client.get(reverse(f"admin:cases_{name}_change", args=[obj.pk])).status_code == 200, name
    response = client.post(
        reverse("admin:cases_deadline_change", args=[deadline.pk]), {"due_date": "2031-01-01"}
    )
    assert response.status_code == 403
    deadline.refresh_from_db()
    assert deadline.due_date != dt.date(2031, 1, 1)
