"""The coordinator's client search and client page: find, read (logged), correct, merge."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from clinic.models import AccessEvent
from intake.models import Client, Intake
from intake.services import Identity, client_create, client_identity_update, client_merge
from tests.intake.factories import ClientFactory, IntakeFactory


@pytest.fixture
def samira(coordinator):
    client = client_create(
        identity=Identity(
            given_names="Samira",
            family_names="Haddad Nasser",
            a_number="087654321",
            date_of_birth=date(1988, 7, 9),
            phone="555-3131",
        ),
        acting_user=coordinator,
    )
    IntakeFactory(client=client, submitted_client=client)
    return client


def _search(client, **data):
    return client.post(reverse("intake:client_search"), {"name": "", "a_number": "", **data})


def test_a_coordinator_finds_a_client_by_a_number_typed_any_way(client, coordinator, samira):
    client.force_login(coordinator)
    response = _search(client, a_number="A ٠٨٧-٦٥٤-٣٢١")
    assert [c.pk for c in response.context["results"]] == [samira.pk]
    event = AccessEvent.objects.get(action=AccessEvent.Action.SEARCH)
    assert (event.actor, event.object_type, event.detail) == (
        coordinator,
        "intake.client_search",
        f"clients {samira.pk}",
    )
    assert "087654321" not in event.detail and "Samira" not in event.detail


def test_a_coordinator_finds_a_client_by_a_misspelt_name(client, coordinator, samira):
    ClientFactory(given_names="Otra", family_names="Persona")
    client.force_login(coordinator)
    response = _search(client, name="Samirah Hadad")
    assert [c.pk for c in response.context["results"]] == [samira.pk]


def test_the_search_keeps_names_out_of_the_url(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("intake:client_search"), {"name": "Samira Haddad"})
    assert response.status_code == 200 and response.context["results"] is None


def test_a_search_for_nothing_is_a_form_error(client, coordinator):
    client.force_login(coordinator)
    assert _search(client).status_code == 400


@pytest.mark.parametrize("actor", ["volunteer", "attorney"])
def test_only_coordinators_search(client, request, actor, samira):
    client.force_login(request.getfixturevalue(actor))
    assert _search(client, a_number="087654321").status_code == 403


def test_the_client_page_shows_identity_intakes_household_and_history_and_is_logged(
    client, coordinator, samira
):
    client.force_login(coordinator)
    response = client.get(reverse("intake:client_detail", args=[samira.public_id]))
    content = response.content.decode()
    assert "Samira Haddad Nasser" in content and "A-087-654-321" in content and "555-3131" in content
    assert reverse("intake:detail", args=[samira.intakes.get().public_id]) in content
    assert "Registry panel hook" not in content  # a template comment, not output
    event = AccessEvent.objects.get()
    assert (event.object_type, event.object_id) == ("intake.client", str(samira.pk))


@pytest.mark.parametrize("actor", ["volunteer", "attorney"])
def test_the_client_page_is_refused(client, request, actor, samira):
    client.force_login(request.getfixturevalue(actor))
    assert client.get(reverse("intake:client_detail", args=[samira.public_id])).status_code in (403, 404)
    assert not AccessEvent.objects.exists()


def test_a_coordinator_corrects_the_identity_and_history_shows_who(client, coordinator, samira):
    client.force_login(coordinator)
    url = reverse("intake:client_edit", args=[samira.public_id])
    response = client.post(
        url,
        {
            "given_names": "Samira",
            "family_names": "Haddad",
            "aliases": "Samira Haddad Nasser\nSamira Nasser",
            "a_number": "A-087-654-322",
            "date_of_birth": "1988-07-09",
            "country_of_birth": "Líbano",
        },
    )
    assert response.status_code == 302
    samira.refresh_from_db()
    assert (samira.family_names, samira.a_number, samira.country_of_birth) == (
        "Haddad",
        "087654322",
        "Líbano",
    )
    assert sorted(a.name for a in samira.aliases.all()) == ["Samira Haddad Nasser", "Samira Nasser"]
    latest = samira.history.first()
    assert latest.history_user == coordinator
    page = client.get(reverse("intake:client_detail", args=[samira.public_id])).content.decode()
    assert "family names" in page and "A-number" in page


def test_an_implausible_birth_date_on_the_identity_form_is_a_field_error(client, coordinator, samira):
    client.force_login(coordinator)
    response = client.post(
        reverse("intake:client_edit", args=[samira.public_id]),
        {"given_names": "Samira", "family_names": "Haddad", "date_of_birth": "9999-01-01"},
    )
    assert response.status_code == 400 and "date_of_birth" in response.context["form"].errors


def test_only_coordinators_correct_an_identity(volunteer, samira):
    with pytest.raises(PermissionDenied):
        client_identity_update(
            client=samira,
            given_names="X",
            family_names="Y",
            aliases=[],
            a_number="",
            date_of_birth=None,
            country_of_birth="",
            acting_user=volunteer,
        )


def test_merging_two_records_moves_intakes_and_names_and_keeps_both_histories(coordinator, samira):
    other = client_create(
        identity=Identity(given_names="Samira", family_names="Hadad", address="Calle 4"),
        acting_user=coordinator,
    )
    intake = IntakeFactory(client=other, submitted_client=other)
    client_merge(source=other, target=samira, acting_user=coordinator)
    intake.refresh_from_db()
    other.refresh_from_db()
    samira.refresh_from_db()
    assert intake.client == samira and intake.submitted_client == other
    assert other.merged_into == samira
    assert "Samira Hadad" in [a.name for a in samira.aliases.all()]
    assert samira.address == "Calle 4"  # a gap filled, nothing replaced
    assert samira.history.first().history_change_reason == "merged"
    assert other.history.first().history_change_reason == "merged"
    assert other.history.first().history_user == coordinator
    with pytest.raises(ValidationError):
        client_merge(source=other, target=samira, acting_user=coordinator)


def test_merging_never_replaces_a_known_detail(coordinator, samira):
    other = client_create(
        identity=Identity(given_names="Samira", family_names="Hadad", phone="555-0000"),
        acting_user=coordinator,
    )
    client_merge(source=other, target=samira, acting_user=coordinator)
    samira.refresh_from_db()
    assert samira.phone == "555-3131"


def test_the_page_offers_to_merge_a_possible_duplicate_and_the_post_merges(client, coordinator, samira):
    other = ClientFactory(given_names="Samira", family_names="Hadad Naser")
    client.force_login(coordinator)
    page = client.get(reverse("intake:client_detail", args=[samira.public_id])).content.decode()
    url = reverse("intake:client_merge", args=[samira.public_id, other.public_id])
    assert url in page
    assert client.post(url).status_code == 302
    assert Client.objects.get(pk=other.pk).merged_into_id == samira.pk


def test_a_volunteer_cannot_merge(client, volunteer, samira):
    other = ClientFactory()
    client.force_login(volunteer)
    response = client.post(reverse("intake:client_merge", args=[samira.public_id, other.public_id]))
    assert response.status_code == 403
    assert Client.objects.get(pk=other.pk).merged_into_id is None


def test_the_intake_page_links_a_conflict_hit_to_the_client_it_names(client, coordinator, volunteer):
    from intake.services import conflict_check_run

    named = ClientFactory(given_names="Lucía", family_names="Paredes")
    intake = IntakeFactory(client=ClientFactory(given_names="Lucia", family_names="Paredes"))
    conflict_check_run(intake=intake, acting_user=coordinator)
    client.force_login(coordinator)
    page = client.get(reverse("intake:detail", args=[intake.public_id])).content.decode()
    assert reverse("intake:client_detail", args=[named.public_id]) in page
    assert Intake.objects.get(pk=intake.pk).conflict_status == Intake.ConflictStatus.REVIEW
