"""What a grant pays for, whom it is meant for and what its funder asks for; time charged to a grant."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import CaseType, ClientGroup, Grant, ReportMetric
from tests.cases.factories import CaseFactory, FunderFactory, GrantFactory


def _grant_post(grant, **changes) -> dict:
    data = {
        "funder": grant.funder_id,
        "name": grant.name,
        "code": grant.code,
        "is_active": "on",
        "amount": "",
        "case_types": [],
        "client_groups": [],
        "metrics": [],
    }
    data.update(changes)
    return data


def test_the_coordinator_records_amount_coverage_people_and_metrics(client, coordinator):
    funder = FunderFactory(name="Lakeshore Community Foundation")
    client.force_login(coordinator)
    form_page = client.get(reverse("cases:grant_create")).content.decode()
    assert "What the funder asks the report for" in form_page and "Tables by quarter" in form_page
    response = client.post(
        reverse("cases:grant_create"),
        {
            "funder": funder.pk,
            "name": "Detained defense fund",
            "code": "LCF-DD",
            "is_active": "on",
            "amount": "250000.00",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "case_types": [CaseType.BOND, CaseType.REMOVAL_DEFENSE],
            "client_groups": [ClientGroup.DETAINED],
            # Ticked in another order than the report's: kept in the report's.
            "metrics": [ReportMetric.CLIENTS_BY_WARD, ReportMetric.CASES_OPENED],
        },
    )
    assert response.status_code == 302
    grant = Grant.objects.get(code="LCF-DD")
    assert grant.amount == Decimal("250000.00")
    assert grant.case_types == ["bond", "removal"]
    assert grant.client_groups == ["detained"]
    assert grant.metrics == ["cases_opened", "clients_by_ward"]
    assert grant.history.first().history_user == coordinator
    page = client.get(reverse("cases:funding")).content.decode()
    for shown in ("$250,000.00", "Bond", "Removal defense", "People in immigration detention",
                  "Clients by Chicago ward", "Cases opened"):  # fmt: skip
        assert shown in page


def test_a_grant_that_names_no_case_types_pays_for_every_type(client, coordinator):
    GrantFactory(name="General support")
    client.force_login(coordinator)
    assert "Every case type" in client.get(reverse("cases:funding")).content.decode()


def test_an_unknown_choice_is_refused_by_the_service(coordinator):
    grant = GrantFactory()
    with pytest.raises(ValidationError) as caught:
        services.grant_save(
            grant=grant,
            funder=grant.funder,
            name=grant.name,
            code=grant.code,
            is_lsc_funded=False,
            case_types=["time_travel"],
            metrics=["clients_by_horoscope"],
            acting_user=coordinator,
        )
    assert set(caught.value.message_dict) == {"case_types", "metrics"}


def test_a_negative_amount_is_a_field_error(client, coordinator):
    grant = GrantFactory()
    client.force_login(coordinator)
    response = client.post(reverse("cases:grant_edit", args=[grant.pk]), _grant_post(grant, amount="-5"))
    assert response.status_code == 200
    assert "amount" in response.context["form"].errors


def test_a_grant_cannot_stop_paying_for_a_type_its_cases_have(client, coordinator):
    grant = GrantFactory()
    CaseFactory(grant=grant, case_type=CaseType.ASYLUM)
    client.force_login(coordinator)
    response = client.post(
        reverse("cases:grant_edit", args=[grant.pk]), _grant_post(grant, case_types=[CaseType.BOND])
    )
    assert response.status_code == 200
    assert "Asylum" in str(response.context["form"].errors["case_types"])
    grant.refresh_from_db()
    assert grant.case_types == []


@pytest.mark.parametrize("actor", ["volunteer", "attorney"])
def test_volunteers_and_attorneys_cannot_change_what_a_grant_pays_for(client, request, actor, db):
    grant = GrantFactory()
    client.force_login(request.getfixturevalue(actor))
    response = client.post(
        reverse("cases:grant_edit", args=[grant.pk]), _grant_post(grant, case_types=[CaseType.BOND])
    )
    assert response.status_code == 403
    grant.refresh_from_db()
    assert grant.case_types == []


# Charging a case or time to a grant ---------------------------------------------------------------


@pytest.fixture
def bond_fund(db):
    return GrantFactory(name="Bond fund", case_types=[CaseType.BOND, CaseType.REMOVAL_DEFENSE])


def test_a_case_of_a_type_the_grant_does_not_pay_for_is_a_field_error_beside_the_grant(
    client, coordinator, bond_fund
):
    case = CaseFactory(case_type=CaseType.ASYLUM)
    client.force_login(coordinator)
    response = client.post(
        reverse("cases:case_edit", args=[case.public_id]),
        {"case_type": CaseType.ASYLUM, "problem_code": "81", "court": "", "grant": bond_fund.pk},
    )
    assert response.status_code == 200
    errors = str(response.context["form"].errors["grant"])
    assert "pays only for these case types: Bond, Removal defense" in errors
    assert "This is a case of type Asylum" in errors
    case.refresh_from_db()
    assert case.grant is None


def test_retyping_a_case_to_one_its_grant_does_not_cover_is_refused(coordinator, bond_fund):
    case = CaseFactory(case_type=CaseType.BOND, grant=bond_fund)
    with pytest.raises(ValidationError, match="pays only for"):
        services.case_update(
            case=case,
            acting_user=coordinator,
            case_type=CaseType.DACA,
            problem_code="81",
            is_detained=False,
            court="",
            grant=bond_fund,
        )
    case.refresh_from_db()
    assert case.case_type == CaseType.BOND


def test_a_covered_case_type_is_charged(coordinator, bond_fund):
    case = CaseFactory(case_type=CaseType.ASYLUM)
    services.case_update(
        case=case,
        acting_user=coordinator,
        case_type=CaseType.REMOVAL_DEFENSE,
        problem_code="81",
        is_detained=True,
        court="",
        grant=bond_fund,
    )
    case.refresh_from_db()
    assert case.grant == bond_fund


def _time(case, attorney, **extra):
    return services.time_entry_create(
        case=case,
        worked_by=attorney,
        worked_on=timezone.localdate(),
        hours=Decimal("1.0"),
        description="Bond packet",
        acting_user=attorney,
        **extra,
    )


def test_time_is_charged_to_the_cases_grant_when_none_is_given(attorney, bond_fund):
    case = CaseFactory(case_type=CaseType.BOND, grant=bond_fund, attorney=attorney)
    assert _time(case, attorney).grant == bond_fund
    assert _time(case, attorney, grant=None).grant == bond_fund


def test_time_may_be_charged_to_another_grant(attorney, bond_fund):
    other = GrantFactory(name="General support")
    case = CaseFactory(case_type=CaseType.BOND, grant=bond_fund, attorney=attorney)
    assert _time(case, attorney, grant=other).grant == other


def test_time_on_a_case_without_a_grant_is_charged_to_none(attorney, case):
    assert _time(case, attorney).grant is None


def test_time_on_a_grant_that_does_not_pay_for_the_case_type_is_refused(attorney, bond_fund):
    case = CaseFactory(case_type=CaseType.ASYLUM, attorney=attorney)
    with pytest.raises(ValidationError, match="pays only for"):
        _time(case, attorney, grant=bond_fund)
    assert not case.time_entries.exists()


def test_the_time_form_starts_on_the_cases_grant_and_says_so(client, attorney, bond_fund):
    case = CaseFactory(case_type=CaseType.BOND, grant=bond_fund, attorney=attorney)
    client.force_login(attorney)
    page = client.get(reverse("cases:case_detail", args=[case.public_id]))
    form = page.context["time_form"]
    assert form["grant"].value() == bond_fund.pk
    assert "The case&#x27;s grant" in page.content.decode() or "The case's grant" in page.content.decode()
    client.post(
        reverse("cases:time_add", args=[case.public_id]),
        {"worked_on": timezone.localdate().isoformat(), "hours": "0.7", "description": "Call", "grant": ""},
    )
    assert case.time_entries.get().grant == bond_fund


def test_closing_with_final_hours_charges_them_to_the_cases_grant(attorney, bond_fund):
    case = CaseFactory(case_type=CaseType.BOND, grant=bond_fund, attorney=attorney)
    services.case_close(
        case=case, closing_code="A", outcome="other", final_hours=Decimal("0.4"), acting_user=attorney
    )
    assert case.time_entries.get().grant == bond_fund


def test_other_attorneys_cannot_record_time_on_a_case_they_do_not_hold(client, other_attorney, bond_fund):
    case = CaseFactory(case_type=CaseType.BOND, grant=bond_fund)
    client.force_login(other_attorney)
    response = client.post(
        reverse("cases:time_add", args=[case.public_id]),
        {"worked_on": timezone.localdate().isoformat(), "hours": "0.7", "description": "Call"},
    )
    assert response.status_code == 404
    assert not case.time_entries.exists()
