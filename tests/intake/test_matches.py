"""Returning clients: the volunteer sees only what they typed; coordinators confirm field by field."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from intake.models import AdverseParty, Client, ClientMatch, Intake
from intake.services import (
    Identity,
    Means,
    Party,
    Situation,
    client_create,
    client_match_confirm,
    client_match_proposals,
    client_match_reject,
    intake_emergency_create,
    intake_start,
    intake_submit,
)
from tests.intake.test_views import HOUSEHOLD, IDENTITY, SITUATION, _detail, _step


@pytest.fixture
def known(coordinator):
    client = client_create(
        identity=Identity(
            given_names="Yolanda",
            family_names="Quintero Báez",
            a_number="012345678",
            date_of_birth=date(1980, 2, 3),
            phone="555-4242",
            address="Calle Nueve 9",
            safe_contact_name="Marisol Quintero",
            safe_contact_note="Solo después de las 6",
            languages=["es"],
        ),
        acting_user=coordinator,
    )
    client.aliases.create(name="Yoli Quintero")
    AdverseParty.objects.create(client=client, name="Ernesto Villalba", never_contact=True)
    return client


def _submit(volunteer, principal, *, parties=()):
    return intake_submit(
        intake=intake_start(acting_user=volunteer),
        principal=principal,
        members=[],
        parties=list(parties),
        situation=Situation(channel=Intake.Channel.WALK_IN),
        means=Means(),
        narrative="",
        acting_user=volunteer,
    )


def _known_state(client: Client) -> tuple:
    client = Client.objects.get(pk=client.pk)
    return (
        client.given_names,
        client.phone,
        client.address,
        client.safe_contact_name,
        client.safe_contact_note,
        sorted(a.name for a in client.aliases.all()),
        sorted(p.name for p in client.adverse_parties.all()),
        client.household_id,
        client.history.count(),
    )


# The volunteer --------------------------------------------------------------------------------------


def test_a_second_volunteer_typing_a_known_a_number_sees_nothing_of_that_client(
    client, other_volunteer, known
):
    before = _known_state(known)
    client.force_login(other_volunteer)
    pages = [client.post(reverse("intake:new"), follow=True)]
    intake = Intake.objects.get(status=Intake.Status.DRAFT)
    typed = {**IDENTITY, "given_names": "Nadia", "family_names": "Ferrer", "a_number": "A 012 345 678"}
    steps = [("identity", typed), ("situation", SITUATION), ("household", HOUSEHOLD)]
    steps += [
        ("parties", {"parties-TOTAL_FORMS": "0", "parties-INITIAL_FORMS": "0"}),
        ("narrative", {"narrative": ""}),
    ]
    for step, data in steps:
        pages.append(client.post(_step(intake, step), data, follow=True))
    pages.append(client.get(_step(intake, "review")))
    pages.append(client.post(_step(intake, "review"), follow=True))
    pages += [client.get(_detail(intake)), client.get(reverse("intake:home"))]
    intake.refresh_from_db()
    assert intake.status == Intake.Status.OPEN
    assert intake.client_matches.get().known_client == known  # coordinators will see it
    everything = "".join(page.content.decode() for page in pages)
    for secret in (
        "Yolanda",
        "Quintero",
        "Yoli",
        "Ernesto",
        "Villalba",
        "555-4242",
        "Calle Nueve",
        "Marisol",
        "returning",
        "match",
    ):
        assert secret not in everything
    assert "Nadia" in everything
    assert "A coordinator must review this intake before anyone contacts this person." in everything
    assert _known_state(known) == before


def test_a_match_page_is_refused_to_the_volunteer_who_typed_the_intake(client, volunteer, known):
    intake = _submit(volunteer, Identity(given_names="Nadia", family_names="Ferrer", a_number="012345678"))
    match = intake.client_matches.get()
    client.force_login(volunteer)
    url = reverse("intake:match_review", args=[intake.public_id, match.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "confirm"}).status_code == 403
    match.refresh_from_db()
    assert match.status == ClientMatch.Status.PENDING


def test_the_known_clients_never_contact_party_is_not_refused_to_the_volunteer_by_name(volunteer, known):
    intake = _submit(
        volunteer,
        Identity(
            given_names="Nadia",
            family_names="Ferrer",
            a_number="012345678",
            safe_contact_name="Ernesto Villalba",
        ),
    )
    assert intake.status == Intake.Status.OPEN
    [proposal] = [
        p for p in client_match_proposals(match=intake.client_matches.get()) if p.key == "safe_contact_name"
    ]
    assert "never contact" in proposal.warning


def test_an_emergency_with_a_known_a_number_gets_its_own_record_and_a_match(volunteer, known):
    intake = intake_emergency_create(
        identity=Identity(given_names="Nadia", family_names="Ferrer", a_number="012345678"),
        facility="Centro de detención",
        detained_on=None,
        caller_name="Primo",
        callback_phone="555-0000",
        narrative="",
        acting_user=volunteer,
    )
    assert intake.client.full_name == "Nadia Ferrer"
    assert intake.client_matches.get().known_client == known


# The coordinator --------------------------------------------------------------------------------


def test_the_queue_and_intake_page_show_coordinators_the_possible_match(
    client, coordinator, volunteer, known
):
    intake = _submit(volunteer, Identity(given_names="Nadia", family_names="Ferrer", a_number="012345678"))
    client.force_login(coordinator)
    queue = client.get(reverse("intake:queue")).content.decode()
    assert "Possible returning client" in queue
    page = client.get(_detail(intake)).content.decode()
    assert "Yolanda Quintero Báez" in page and "Same A-number" in page


def test_an_intake_with_a_pending_match_cannot_be_accepted(coordinator, volunteer, known):
    from intake.services import IntakeStateError, intake_mark_accepted

    intake = _submit(volunteer, Identity(given_names="Nadia", family_names="Ferrer", a_number="012345678"))
    with pytest.raises(IntakeStateError, match="returning client"):
        intake_mark_accepted(intake=intake, acting_user=coordinator)


def test_confirming_takes_only_the_accepted_details_and_history_names_the_coordinator(
    coordinator, volunteer, known
):
    intake = _submit(
        volunteer,
        Identity(
            given_names="Yolanda",
            family_names="Quintero",
            a_number="012345678",
            phone="555-9999",
            address="Otra calle 1",
            safe_contact_name="Pedro Páramo",
            languages=["es", "en"],
        ),
        parties=[Party(name="Patrón Ficticio LLC", kind=AdverseParty.Kind.ORGANISATION)],
    )
    match = intake.client_matches.get()
    offered = {p.key: p for p in client_match_proposals(match=match)}
    assert offered["phone"].known == "555-4242" and offered["phone"].proposed == "555-9999"
    assert {"alias:0", "phone", "address", "safe_contact_name", "languages"} <= set(offered)
    typed = intake.client

    client_match_confirm(match=match, accept=["phone", "alias:0"], acting_user=coordinator)

    known.refresh_from_db()
    assert (known.phone, known.address, known.safe_contact_name) == (
        "555-9999",
        "Calle Nueve 9",
        "Marisol Quintero",
    )
    assert known.languages == ["es"]
    assert sorted(a.name for a in known.aliases.all()) == ["Yolanda Quintero", "Yoli Quintero"]
    assert "Patrón Ficticio LLC" in [p.name for p in known.adverse_parties.all()]
    intake.refresh_from_db()
    assert (intake.client, intake.submitted_client) == (known, typed)
    typed.refresh_from_db()
    assert typed.merged_into == known
    latest = known.history.first()
    assert latest.history_user == coordinator and latest.history_change_reason == "merged"
    assert latest.prev_record.phone == "555-4242"
    match.refresh_from_db()
    assert (match.status, match.accepted_fields, match.decided_by) == (
        "confirmed",
        ["alias:0", "phone"],
        coordinator,
    )


def test_the_merged_record_leaves_the_conflict_search(coordinator, volunteer, known):
    from intake.models import SearchName

    intake = _submit(volunteer, Identity(given_names="Nadia", family_names="Ferrer", a_number="012345678"))
    typed = intake.client
    assert SearchName.objects.filter(client=typed).exists()
    client_match_confirm(match=intake.client_matches.get(), accept=[], acting_user=coordinator)
    assert not SearchName.objects.filter(client=typed).exists()


def test_a_never_contact_party_cannot_be_accepted_as_the_safe_contact(coordinator, volunteer, known):
    intake = _submit(
        volunteer,
        Identity(
            given_names="Nadia",
            family_names="Ferrer",
            a_number="012345678",
            safe_contact_name="Ernesto Villalba",
        ),
    )
    before = _known_state(known)
    with pytest.raises(ValidationError, match="never contact"):
        client_match_confirm(
            match=intake.client_matches.get(), accept=["safe_contact_name"], acting_user=coordinator
        )
    assert _known_state(known) == before


def test_only_coordinators_decide_a_match(volunteer, known):
    intake = _submit(volunteer, Identity(given_names="Nadia", family_names="Ferrer", a_number="012345678"))
    with pytest.raises(PermissionDenied):
        client_match_confirm(match=intake.client_matches.get(), accept=["phone"], acting_user=volunteer)
    with pytest.raises(PermissionDenied):
        client_match_reject(match=intake.client_matches.get(), reason="no", acting_user=volunteer)


def test_rejecting_needs_a_reason_and_leaves_two_people(coordinator, volunteer, known):
    intake = _submit(volunteer, Identity(given_names="Nadia", family_names="Ferrer", a_number="012345678"))
    match = intake.client_matches.get()
    with pytest.raises(ValidationError):
        client_match_reject(match=match, reason="  ", acting_user=coordinator)
    client_match_reject(match=match, reason="Different date of birth", acting_user=coordinator)
    match.refresh_from_db()
    intake.refresh_from_db()
    assert match.status == ClientMatch.Status.REJECTED and intake.client != known
    with pytest.raises(ValidationError, match="already been decided"):
        client_match_confirm(match=match, accept=[], acting_user=coordinator)


def test_the_coordinator_confirms_with_checkboxes_on_the_match_page(client, coordinator, volunteer, known):
    intake = _submit(
        volunteer,
        Identity(given_names="Nadia", family_names="Ferrer", a_number="012345678", phone="555-7777"),
    )
    match = intake.client_matches.get()
    url = reverse("intake:match_review", args=[intake.public_id, match.pk])
    client.force_login(coordinator)
    page = client.get(url)
    content = page.content.decode()
    assert page.status_code == 200
    assert "555-4242" in content and "555-7777" in content and 'name="accept_phone"' in content
    assert "checked" not in content
    response = client.post(url, {"action": "confirm", "accept_alias:0": "on"})
    assert response.status_code == 302
    known.refresh_from_db()
    assert known.phone == "555-4242"
    assert "Nadia Ferrer" in [a.name for a in known.aliases.all()]


def test_rejecting_without_a_reason_shows_the_error_beside_the_field(client, coordinator, volunteer, known):
    intake = _submit(volunteer, Identity(given_names="Nadia", family_names="Ferrer", a_number="012345678"))
    match = intake.client_matches.get()
    client.force_login(coordinator)
    response = client.post(
        reverse("intake:match_review", args=[intake.public_id, match.pk]), {"action": "reject", "reason": ""}
    )
    assert response.status_code == 400
    assert response.context["reject_form"].errors["reason"]


def test_after_a_coordinator_confirms_the_volunteer_still_sees_only_what_they_typed(
    client, coordinator, other_volunteer, known
):
    intake = _submit(
        other_volunteer,
        Identity(given_names="Nadia", family_names="Ferrer", a_number="012345678"),
        parties=[Party(name="Casero Inventado", never_contact=True)],
    )
    client_match_confirm(match=intake.client_matches.get(), accept=["alias:0"], acting_user=coordinator)
    client.force_login(other_volunteer)
    pages = client.get(reverse("intake:home")).content.decode() + client.get(_detail(intake)).content.decode()
    assert "Nadia Ferrer" in pages and "Casero Inventado" in pages
    for secret in ("Yolanda", "Quintero", "Ernesto", "Villalba", "Yoli"):
        assert secret not in pages
