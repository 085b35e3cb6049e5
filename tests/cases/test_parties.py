"""Changing a case's adverse parties runs the conflict check again (issue 4, on the case page)."""

import pytest
from django.urls import reverse

from cases import services
from cases.models import ClosingCode, Outcome
from cases.services import CaseStateError
from intake.models import Intake
from intake.services import Party, conflict_check_run, search_index_rebuild
from tests.cases.factories import CaseFactory, ClientFactory, IntakeFactory


@pytest.fixture
def case_from_intake(attorney, coordinator):
    intake = IntakeFactory(client=ClientFactory(given_names="Amara", family_names="Diallo"))
    search_index_rebuild(client=intake.client)
    conflict_check_run(intake=intake, acting_user=coordinator)
    intake.status = Intake.Status.ACCEPTED
    intake.save(update_fields=["status"])
    return CaseFactory(client=intake.client, intake=intake, attorney=attorney)


@pytest.fixture
def existing_client():
    """Someone the clinic already represents: naming them as an adverse party is a conflict."""
    client = ClientFactory(given_names="Jorge Luis", family_names="Ramírez Soto")
    search_index_rebuild(client=client)
    return client


def _post(client, case, *rows):
    data = {"parties-TOTAL_FORMS": str(len(rows)), "parties-INITIAL_FORMS": "0"}
    for i, (name, kind, never) in enumerate(rows):
        data |= {f"parties-{i}-name": name, f"parties-{i}-kind": kind}
        if never:
            data[f"parties-{i}-never_contact"] = "on"
    return client.post(reverse("cases:case_parties", args=[case.public_id]), data, follow=True)


def test_naming_an_existing_client_as_adverse_party_flags_a_conflict(
    coordinator, case_from_intake, existing_client
):
    check = services.case_parties_set(
        case=case_from_intake, parties=[Party(name="Ramirez Soto, Jorge")], acting_user=coordinator
    )
    assert check.hit_count == 1
    assert check.hits.get().matched_client_id == existing_client.pk
    case_from_intake.intake.refresh_from_db()
    assert case_from_intake.intake.conflict_status == Intake.ConflictStatus.REVIEW
    assert [p.name for p in case_from_intake.client.adverse_parties.all()] == ["Ramirez Soto, Jorge"]


def test_an_unrelated_party_leaves_the_check_clear(coordinator, case_from_intake, existing_client):
    check = services.case_parties_set(
        case=case_from_intake,
        parties=[Party(name="Acme Staffing LLC", kind="organisation")],
        acting_user=coordinator,
    )
    assert check.hit_count == 0
    assert check.run_by == coordinator


def test_a_closed_case_keeps_its_parties(coordinator, case_from_intake):
    services.case_close(
        case=case_from_intake, closing_code=ClosingCode.A, outcome=Outcome.OTHER, acting_user=coordinator
    )
    with pytest.raises(CaseStateError, match="Reopen"):
        services.case_parties_set(case=case_from_intake, parties=[Party(name="X Y")], acting_user=coordinator)
    assert not case_from_intake.client.adverse_parties.exists()


def test_the_assigned_attorney_changes_parties_and_is_warned_of_a_conflict(
    client, attorney, case_from_intake, existing_client
):
    client.force_login(attorney)
    response = _post(client, case_from_intake, ("Jorge Ramirez", "person", False))
    assert "Possible conflict: a coordinator must review." in response.content.decode()
    assert "Ramírez Soto" not in response.content.decode()  # the attorney never sees the other client


def test_the_coordinator_sees_a_clean_check_confirmed(client, coordinator, case_from_intake):
    client.force_login(coordinator)
    response = _post(client, case_from_intake, ("Acme Staffing LLC", "organisation", False))
    assert "the conflict check found nothing new" in response.content.decode()


def test_another_attorney_gets_404_on_the_parties_page(client, other_attorney, case_from_intake):
    client.force_login(other_attorney)
    assert client.get(reverse("cases:case_parties", args=[case_from_intake.public_id])).status_code == 404
    assert _post(client, case_from_intake, ("A B", "person", False)).status_code == 404
    assert not case_from_intake.client.adverse_parties.exists()


def test_a_volunteer_is_refused_the_parties_page(client, volunteer, case_from_intake):
    client.force_login(volunteer)
    assert client.get(reverse("cases:case_parties", args=[case_from_intake.public_id])).status_code == 403
