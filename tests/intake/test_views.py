import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clinic.models import AccessEvent
from intake.models import Client, ClientMatch, Intake
from intake.services import conflict_check_run, draft_content
from tests.intake.factories import ClientFactory, IntakeFactory

IDENTITY = {
    "given_names": "Lucía",
    "family_names": "Paredes Ríos",
    "aliases": "Lucy Paredes",
    "date_of_birth": "1991-05-06",
    "a_number": "A-012-345-678",
    "country_of_birth": "Honduras",
    "preferred_language": "es",
    "languages": ["es", "en"],
    "phone": "555-0199",
    "address": "",
    "safe_contact_name": "",
    "safe_contact_note": "",
}
SITUATION = {"channel": "walk_in", "help_needed": "asylum", "facility": "", "court": ""}
HOUSEHOLD = {
    "means-household_size": "2",
    "means-annual_income": "18000",
    "means-region": "contiguous",
    "members-TOTAL_FORMS": "1",
    "members-INITIAL_FORMS": "0",
    "members-0-given_names": "Mateo",
    "members-0-family_names": "Paredes",
    "members-0-relationship": "child",
}
PARTIES = {
    "parties-TOTAL_FORMS": "1",
    "parties-INITIAL_FORMS": "0",
    "parties-0-name": "Héctor Salas",
    "parties-0-kind": "person",
    "parties-0-never_contact": "on",
}


def _step(intake, step):
    return reverse("intake:step", args=[intake.public_id, step])


def _detail(intake):
    return reverse("intake:detail", args=[intake.public_id])


# Home and queue -----------------------------------------------------------------------------------


def test_a_volunteer_sees_only_their_own_open_intakes(client, volunteer, other_volunteer):
    mine = IntakeFactory(volunteer=volunteer, client=ClientFactory(given_names="Mine"))
    IntakeFactory(volunteer=other_volunteer, client=ClientFactory(given_names="Theirs"))
    IntakeFactory(
        volunteer=volunteer, status=Intake.Status.DECLINED, client=ClientFactory(given_names="Closed")
    )
    client.force_login(volunteer)
    response = client.get(reverse("intake:home"))
    assert list(response.context["intakes"]) == [mine]
    assert b"Theirs" not in response.content and b"Closed" not in response.content
    assert reverse("intake:emergency").encode() in response.content


def test_home_query_count_does_not_grow_with_intakes(client, volunteer, django_assert_num_queries):
    IntakeFactory.create_batch(15, volunteer=volunteer)
    client.force_login(volunteer)
    with django_assert_num_queries(3):
        client.get(reverse("intake:home"))


@pytest.mark.parametrize("actor", ["attorney", "administrator"])
def test_home_refuses_other_roles(client, request, actor):
    client.force_login(request.getfixturevalue(actor))
    assert client.get(reverse("intake:home")).status_code == 403


def _text(response) -> str:
    """The page with Django's non-breaking spaces ("3\xa0hours") as plain ones."""
    return response.content.decode().replace("\xa0", " ")


def _waiting_since(intake, delta):
    """Back-dates when an intake reached the queue (auto_now_add cannot be set on create)."""
    Intake.objects.filter(pk=intake.pk).update(created_at=timezone.now() - delta, submitted_at=None)
    return intake


def test_the_queue_puts_emergencies_and_urgent_intakes_first(client, coordinator):
    calm = IntakeFactory(conflict_status=Intake.ConflictStatus.CLEAR)
    urgent = IntakeFactory(is_urgent=True)
    emergency = IntakeFactory(is_urgent=True, is_emergency=True)
    IntakeFactory(status=Intake.Status.DRAFT)
    client.force_login(coordinator)
    response = client.get(reverse("intake:queue"))
    assert [row.pk for row in response.context["intakes"]] == [emergency.pk, urgent.pk, calm.pk]
    assert reverse("cases:intake_accept", args=[calm.public_id]).encode() in response.content


def test_emergencies_come_newest_first_and_the_other_intakes_longest_waiting_first(client, coordinator):
    old_calm = _waiting_since(IntakeFactory(), timedelta(days=6))
    new_calm = _waiting_since(IntakeFactory(), timedelta(hours=1))
    old_urgent = _waiting_since(IntakeFactory(is_urgent=True), timedelta(days=3))
    new_urgent = _waiting_since(IntakeFactory(is_urgent=True), timedelta(minutes=5))
    old_emergency = _waiting_since(IntakeFactory(is_urgent=True, is_emergency=True), timedelta(hours=20))
    new_emergency = _waiting_since(IntakeFactory(is_urgent=True, is_emergency=True), timedelta(minutes=2))
    client.force_login(coordinator)
    shown = [row.pk for row in client.get(reverse("intake:queue")).context["intakes"]]
    expected = [new_emergency, old_emergency, old_urgent, new_urgent, old_calm, new_calm]
    assert shown == [intake.pk for intake in expected]


def test_the_queue_counts_the_wait_from_submission_not_from_the_first_draft(client, coordinator):
    intake = _waiting_since(IntakeFactory(), timedelta(days=9))
    Intake.objects.filter(pk=intake.pk).update(submitted_at=timezone.now() - timedelta(hours=3))
    client.force_login(coordinator)
    html = _text(client.get(reverse("intake:queue")))
    assert ">3 hours</time>" in html and "9 days" not in html


def test_the_queue_shows_each_intakes_age_in_words(client, coordinator):
    _waiting_since(IntakeFactory(), timedelta(hours=3, minutes=10))
    _waiting_since(IntakeFactory(), timedelta(days=2, hours=5))
    client.force_login(coordinator)
    html = _text(client.get(reverse("intake:queue")))
    assert ">3 hours</time>" in html and ">2 days</time>" in html


def test_the_queue_shows_the_age_in_spanish_too(client, coordinator):
    _waiting_since(IntakeFactory(), timedelta(days=2, hours=5))
    client.force_login(coordinator)
    client.cookies["django_language"] = "es"
    html = _text(client.get(reverse("intake:queue")))
    assert ">2 días</time>" in html


def test_an_emergency_in_the_queue_shows_the_facility_where_the_person_is_held(client, coordinator):
    IntakeFactory(
        is_urgent=True,
        is_emergency=True,
        is_detained=True,
        facility="Broadview Processing Center",
        detained_on=date(2025, 3, 1),
        channel=Intake.Channel.RAPID_RESPONSE,
    )
    IntakeFactory(facility="")
    client.force_login(coordinator)
    html = client.get(reverse("intake:queue")).content.decode()
    assert html.count("Broadview Processing Center") == 1
    assert 'data-label="Detained at"' in html


def test_the_queue_offers_review_instead_of_accept_until_the_conflict_check_is_clear(client, coordinator):
    unchecked = IntakeFactory()
    in_review = IntakeFactory(conflict_status=Intake.ConflictStatus.REVIEW)
    client.force_login(coordinator)
    html = client.get(reverse("intake:queue")).content.decode()
    for intake in (unchecked, in_review):
        assert reverse("cases:intake_accept", args=[intake.public_id]) not in html
        assert reverse("intake:detail", args=[intake.public_id]) in html


def _queue_of(size: int) -> None:
    """`size` open intakes of every kind a row can show: emergencies, a possible returning client,
    a cleared conflict check, an intake without a client yet."""
    for n in range(size):
        intake = IntakeFactory(
            client=None if n % 5 == 4 else ClientFactory(),
            is_urgent=n % 3 == 0,
            is_emergency=n % 3 == 0,
            is_detained=n % 3 == 0,
            facility="Broadview" if n % 2 else "",
            detained_on=date(2025, 3, 1) if n % 3 == 0 else None,
            conflict_status=[Intake.ConflictStatus.CLEAR, Intake.ConflictStatus.REVIEW][n % 2],
        )
        if n % 4 == 1 and intake.client:
            ClientMatch.objects.create(
                intake=intake, typed_client=intake.client, known_client=ClientFactory(), key="a_number"
            )


@pytest.mark.parametrize("size", [1, 20])
def test_queue_query_count_does_not_grow_with_intakes(client, coordinator, size, django_assert_num_queries):
    _queue_of(size)
    client.force_login(coordinator)
    # 3 for the page; 4 for the access-log row: the last row, and the insert in its savepoint
    # (the test runs in a transaction, as a service's append would).
    with django_assert_num_queries(7):
        assert len(client.get(reverse("intake:queue")).context["intakes"]) == size


def test_the_queue_names_each_button_for_screen_readers_and_escapes_what_was_typed(
    client, coordinator, volunteer
):
    clear = IntakeFactory(
        conflict_status=Intake.ConflictStatus.CLEARED,
        client=ClientFactory(given_names="<b>Ana</b>", family_names="O'Brien & Ríos"),
    )
    unchecked = IntakeFactory(is_urgent=True, is_emergency=True, facility="<i>Broadview</i>")
    client.force_login(coordinator)
    html = client.get(reverse("intake:queue")).content.decode()
    assert '<caption class="visually-hidden">Open intakes</caption>' in html
    assert '<th scope="col"><span class="visually-hidden">Next step</span></th>' in html
    accept = reverse("cases:intake_accept", args=[clear.public_id])
    assert f'<form method="post" action="{accept}" class="inline-form"><input type="hidden"' in html
    assert f'Accept<span class="visually-hidden"> · {clear}</span></button>' in html
    review = f'href="{_detail(unchecked)}">Review<span class="visually-hidden"> · {unchecked}</span></a>'
    assert review in html
    assert f'<strong class="badge badge--urgent">Emergency</strong> <a href="{_detail(unchecked)}">' in html
    assert "<bdi>&lt;b&gt;Ana&lt;/b&gt; O&#x27;Brien &amp; Ríos</bdi>" in html
    assert "<bdi>&lt;i&gt;Broadview&lt;/i&gt;</bdi>" in html and "<b>Ana" not in html
    client.force_login(volunteer)
    assert client.get(reverse("intake:queue")).status_code == 403


def test_a_possible_returning_client_is_reviewed_before_the_intake_can_be_accepted(
    client, coordinator, attorney
):
    intake = IntakeFactory(conflict_status=Intake.ConflictStatus.CLEAR)
    ClientMatch.objects.create(
        intake=intake, typed_client=intake.client, known_client=ClientFactory(), key="a_number"
    )
    client.force_login(coordinator)
    html = client.get(reverse("intake:queue")).content.decode()
    assert '<span class="badge badge--warn">Possible returning client</span>' in html
    assert reverse("cases:intake_accept", args=[intake.public_id]) not in html
    client.force_login(attorney)
    assert client.get(reverse("intake:queue")).status_code == 403


def test_the_queue_reads_in_spanish(client, coordinator, volunteer):
    IntakeFactory(
        is_urgent=True,
        is_emergency=True,
        facility="",
        detained_on=date(2025, 3, 1),
        conflict_status=Intake.ConflictStatus.CLEAR,
    )
    client.force_login(coordinator)
    client.cookies["django_language"] = "es"
    html = _text(client.get(reverse("intake:queue")))
    assert '<caption class="visually-hidden">Admisiones abiertas</caption>' in html
    assert '<strong class="badge badge--urgent">Emergencia</strong>' in html
    assert '<td data-label="Detención"><bdi>Aún no se sabe</bdi> · 01/03/2025</td>' in html
    assert 'class="button button--small">Aceptar<span class="visually-hidden"> · Admisión ' in html
    client.force_login(volunteer)
    assert client.get(reverse("intake:queue")).status_code == 403


def test_each_view_of_the_queue_is_one_access_log_row_naming_the_clients_shown(client, coordinator):
    shown = IntakeFactory.create_batch(3)
    IntakeFactory(status=Intake.Status.DECLINED)
    client.force_login(coordinator)
    client.get(reverse("intake:queue"))
    event = AccessEvent.objects.get()
    assert (event.actor, event.object_type, event.object_id) == (coordinator, "intake.queue", "3")
    assert sorted(event.detail.removeprefix("clients ").split(",")) == sorted(str(i.client_id) for i in shown)


@pytest.mark.parametrize("actor", ["volunteer", "attorney", "administrator"])
def test_the_queue_refuses_everyone_but_coordinators(client, request, actor):
    client.force_login(request.getfixturevalue(actor))
    assert client.get(reverse("intake:queue")).status_code == 403


def test_the_volunteer_who_reported_an_emergency_cannot_read_the_queue(client, volunteer):
    IntakeFactory(volunteer=volunteer, is_urgent=True, is_emergency=True, facility="Broadview")
    IntakeFactory(client=ClientFactory(given_names="Otra"), facility="Elsewhere")
    client.force_login(volunteer)
    response = client.get(reverse("intake:queue"))
    assert response.status_code == 403
    assert b"Otra" not in response.content and b"Broadview" not in response.content


# The intake page ---------------------------------------------------------------------------------


@pytest.fixture
def intake_with_hit(volunteer):
    ClientFactory(given_names="José", family_names="Hernández Soto", phone="555-7777", a_number="099999999")
    intake = IntakeFactory(
        volunteer=volunteer, client=ClientFactory(given_names="Jose", family_names="Hernandez")
    )
    conflict_check_run(intake=intake, acting_user=volunteer)
    return intake


def test_a_volunteer_sees_only_that_a_coordinator_must_review(client, volunteer, intake_with_hit):
    client.force_login(volunteer)
    response = client.get(_detail(intake_with_hit))
    assert response.status_code == 200
    assert b"Possible conflict: a coordinator must review" in response.content
    for secret in (b"Soto", b"555-7777", b"A-099"):
        assert secret not in response.content


def test_a_coordinator_sees_the_hits_and_the_access_is_logged(client, coordinator, intake_with_hit):
    client.force_login(coordinator)
    response = client.get(_detail(intake_with_hit))
    assert b"Hern\xc3\xa1ndez Soto" in response.content
    assert AccessEvent.objects.filter(actor=coordinator, object_id=str(intake_with_hit.client_id)).exists()


@pytest.mark.parametrize("actor", ["other_volunteer", "attorney"])
def test_others_cannot_see_an_intake(client, request, intake_with_hit, actor):
    client.force_login(request.getfixturevalue(actor))
    assert client.get(_detail(intake_with_hit)).status_code in {403, 404}


def test_another_volunteer_gets_404_not_403(client, other_volunteer, intake_with_hit):
    client.force_login(other_volunteer)
    assert client.get(_detail(intake_with_hit)).status_code == 404


def test_a_volunteer_loses_sight_of_an_intake_once_decided(client, volunteer):
    intake = IntakeFactory(volunteer=volunteer, status=Intake.Status.REFERRED)
    client.force_login(volunteer)
    assert client.get(_detail(intake)).status_code == 404


def test_a_never_contact_party_is_shown_as_a_warning(client, coordinator):
    intake = IntakeFactory(client=ClientFactory(parties=[("Héctor Salas", True)]))
    client.force_login(coordinator)
    response = client.get(_detail(intake))
    assert b"Never contact:" in response.content


def test_a_coordinator_clears_a_hit_on_the_page(client, coordinator, intake_with_hit):
    hit = intake_with_hit.conflict_checks.first().hits.get()
    client.force_login(coordinator)
    url = reverse("intake:hit_clear", args=[intake_with_hit.public_id, hit.pk])
    client.post(url, {"clear_reason": "Different person: other country of birth."})
    hit.refresh_from_db()
    assert hit.cleared_by == coordinator
    assert Intake.objects.get(pk=intake_with_hit.pk).conflict_status == Intake.ConflictStatus.CLEARED


@pytest.mark.parametrize("actor", ["volunteer", "attorney"])
def test_only_coordinators_clear_hits(client, request, intake_with_hit, actor):
    hit = intake_with_hit.conflict_checks.first().hits.get()
    client.force_login(request.getfixturevalue(actor))
    response = client.post(
        reverse("intake:hit_clear", args=[intake_with_hit.public_id, hit.pk]), {"clear_reason": "fine"}
    )
    assert response.status_code == 403
    hit.refresh_from_db()
    assert hit.cleared_at is None


def test_accepting_with_an_uncleared_conflict_is_refused_with_a_message(client, coordinator, intake_with_hit):
    client.force_login(coordinator)
    response = client.post(reverse("cases:intake_accept", args=[intake_with_hit.public_id]), follow=True)
    assert b"clear the possible conflicts" in response.content
    assert Intake.objects.get(pk=intake_with_hit.pk).status == Intake.Status.OPEN


def test_a_coordinator_refers_and_declines_from_the_page(client, coordinator):
    referred, declined = IntakeFactory(), IntakeFactory()
    client.force_login(coordinator)
    client.post(
        reverse("intake:refer", args=[referred.public_id]), {"referred_to": "Otra Clínica", "reason": ""}
    )
    client.post(reverse("intake:decline", args=[declined.public_id]), {"reason": "Conflict."})
    assert Intake.objects.get(pk=referred.pk).status == Intake.Status.REFERRED
    assert Intake.objects.get(pk=declined.pk).status == Intake.Status.DECLINED


@pytest.mark.parametrize("actor", ["volunteer", "attorney"])
def test_only_coordinators_decide(client, db, request, actor):
    intake = IntakeFactory()
    client.force_login(request.getfixturevalue(actor))
    assert client.post(reverse("intake:decline", args=[intake.public_id]), {"reason": "x"}).status_code == 403
    assert Intake.objects.get(pk=intake.pk).status == Intake.Status.OPEN


# The multi-step form ------------------------------------------------------------------------------


def test_a_volunteer_goes_through_every_step_and_submits(client, volunteer):
    client.force_login(volunteer)
    response = client.post(reverse("intake:new"))
    intake = Intake.objects.get()
    assert response.url == _step(intake, "identity")
    for step, data in [
        ("identity", IDENTITY),
        ("situation", SITUATION),
        ("household", HOUSEHOLD),
        ("parties", PARTIES),
        ("narrative", {"narrative": "Vino en 2019."}),
    ]:
        response = client.post(_step(intake, step), data)
        assert response.status_code == 302, (step, response.context and response.context.get("form"))
    review = client.get(_step(intake, "review"))
    assert b"Lucy Paredes" in review.content
    response = client.post(_step(intake, "review"))
    assert response.url == _detail(intake)
    intake.refresh_from_db()
    assert intake.status == Intake.Status.OPEN
    assert intake.client.a_number == "012345678"
    assert intake.client.household.members.count() == 2
    assert intake.poverty_percent is not None
    assert intake.client.adverse_parties.get().never_contact


def test_a_step_with_errors_keeps_what_was_typed(client, volunteer, draft_intake):
    client.force_login(volunteer)
    response = client.post(_step(draft_intake, "identity"), {**IDENTITY, "a_number": "B-12"})
    assert response.status_code == 200
    assert "letter A followed by 8 or 9 digits" in response.content.decode()
    saved = draft_content(Intake.objects.get(pk=draft_intake.pk))
    assert saved["steps"]["identity"]["given_names"] == ["Lucía"]
    assert "identity" not in saved["completed"]
    again = client.get(_step(draft_intake, "identity"))
    assert 'value="Paredes Ríos"' in again.content.decode()


def test_autosave_keeps_a_draft_without_leaving_the_page(client, volunteer, draft_intake):
    client.force_login(volunteer)
    response = client.post(
        _step(draft_intake, "narrative"), {"narrative": "A medio escribir"}, headers={"X-Autosave": "1"}
    )
    assert response.status_code == 204
    saved = draft_content(Intake.objects.get(pk=draft_intake.pk))
    assert saved["steps"]["narrative"]["narrative"] == ["A medio escribir"]


def test_submitting_with_unfinished_steps_sends_the_volunteer_back(client, volunteer, draft_intake):
    client.force_login(volunteer)
    client.post(_step(draft_intake, "identity"), IDENTITY)
    response = client.post(_step(draft_intake, "review"))
    assert response.url == _step(draft_intake, "situation")
    assert Client.objects.count() == 0


@pytest.mark.parametrize("actor", ["other_volunteer", "coordinator", "attorney"])
def test_only_its_volunteer_edits_a_draft(client, request, draft_intake, actor):
    client.force_login(request.getfixturevalue(actor))
    response = client.post(_step(draft_intake, "identity"), IDENTITY)
    assert response.status_code in {403, 404}
    assert draft_content(Intake.objects.get(pk=draft_intake.pk))["steps"] == {}


# Bad input ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("given_names", "x" * 151, "at most 150 characters"),
        ("family_names", "Pérez\x07", "control characters"),
        ("date_of_birth", "2999-01-01", "cannot be in the future"),
        ("date_of_birth", "31/31/1990", "Enter a valid date"),
        ("given_names", "", "This field is required"),
    ],
)
def test_bad_identity_input_is_refused_beside_the_field(
    client, volunteer, draft_intake, field, value, message
):
    client.force_login(volunteer)
    response = client.post(_step(draft_intake, "identity"), {**IDENTITY, field: value})
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert f'id="id_{field}_error"' in response.content.decode()
    assert Client.objects.count() == 0


def test_script_tags_and_right_to_left_text_are_stored_as_typed_and_shown_escaped(client, volunteer):
    intake = IntakeFactory(
        volunteer=volunteer,
        client=ClientFactory(given_names="<script>alert(1)</script>", family_names="عبد الله"),
    )
    client.force_login(volunteer)
    content = client.get(_detail(intake)).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<bdi>&lt;script&gt;alert(1)&lt;/script&gt; عبد الله</bdi>" in content


# Emergency -----------------------------------------------------------------------------------------


def test_the_hotline_records_an_emergency_in_one_short_form(
    client, volunteer, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    coordinator.is_on_call = True
    coordinator.save()
    client.force_login(volunteer)
    data = {
        "given_names": "Yusuf",
        "family_names": "Karimi",
        "a_number": "",
        "facility": "Centro Ficticio",
        "detained_on": date.today().isoformat(),
        "caller_name": "Nadia",
        "callback_phone": "555-0100",
        "narrative": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("intake:emergency"), data)
    intake = Intake.objects.get()
    assert response.url == _detail(intake)
    assert intake.is_emergency and intake.is_urgent
    assert len(mailoutbox) == 1


def test_an_incomplete_emergency_saves_nothing(client, volunteer):
    client.force_login(volunteer)
    response = client.post(reverse("intake:emergency"), {"given_names": "Yusuf", "a_number": "12"})
    assert response.status_code == 400
    assert "family_names" in response.context["form"].errors
    assert "a_number" in response.context["form"].errors
    assert Intake.objects.count() == 0


def test_attorneys_cannot_record_emergencies(client, attorney):
    client.force_login(attorney)
    assert client.get(reverse("intake:emergency")).status_code == 403


# Guidelines -----------------------------------------------------------------------------------------


def test_a_coordinator_adds_a_years_figures(client, coordinator):
    client.force_login(coordinator)
    data = {"year": "2026", "region": "hawaii", "base_amount": "18500", "per_additional_person": "6500"}
    assert client.post(reverse("intake:guidelines"), data).status_code == 302
    assert b"2026" in client.get(reverse("intake:guidelines")).content


@pytest.mark.parametrize("actor", ["volunteer", "attorney"])
def test_only_coordinators_edit_guidelines(client, request, actor):
    client.force_login(request.getfixturevalue(actor))
    assert client.get(reverse("intake:guidelines")).status_code == 403


def test_the_forms_speak_spanish(client, volunteer, draft_intake):
    client.force_login(volunteer)
    client.cookies["django_language"] = "es"
    response = client.post(_step(draft_intake, "identity"), {**IDENTITY, "a_number": "123"})
    content = response.content.decode()
    assert "Un número A es la letra A seguida de 8 o 9 dígitos" in content
    assert "Guardar y continuar" in content


def test_the_volunteer_runs_the_conflict_check_again(client, volunteer, open_intake):
    client.force_login(volunteer)
    response = client.post(reverse("intake:conflict_check", args=[open_intake.public_id]))
    assert response.url == _detail(open_intake)
    assert Intake.objects.get(pk=open_intake.pk).conflict_status == Intake.ConflictStatus.CLEAR


@pytest.mark.parametrize(("actor", "status"), [("other_volunteer", 404), ("attorney", 403)])
def test_others_cannot_run_someone_elses_check(client, request, open_intake, actor, status):
    client.force_login(request.getfixturevalue(actor))
    assert client.post(reverse("intake:conflict_check", args=[open_intake.public_id])).status_code == status
    assert not open_intake.conflict_checks.exists()


@pytest.mark.parametrize("actor", ["attorney", "coordinator"])
def test_only_volunteers_start_intakes(client, request, actor):
    client.force_login(request.getfixturevalue(actor))
    assert client.post(reverse("intake:new")).status_code == 403
    assert not Intake.objects.exists()


def test_an_all_zero_a_number_is_a_field_error(client, volunteer, draft_intake):
    client.force_login(volunteer)
    response = client.post(_step(draft_intake, "identity"), {**IDENTITY, "a_number": "A-000-000-000"})
    assert response.status_code == 200
    assert "cannot be an A-number" in str(response.context["form"].errors["a_number"])


def test_an_a_number_in_arabic_indic_digits_finds_the_same_known_client(volunteer):
    from intake.forms import IdentityForm
    from intake.services import Identity, client_create, client_find_known

    known = client_create(
        identity=Identity(given_names="Samira", family_names="Haddad", a_number="012345678"),
        acting_user=volunteer,
    )
    form = IdentityForm({**IDENTITY, "a_number": "A-٠١٢-٣٤٥-٦٧٨"})
    assert form.is_valid(), form.errors
    typed = Identity(given_names="S", family_names="H", a_number=form.cleaned_data["a_number"])
    assert client_find_known(identity=typed)[0] == known


def test_a_draft_keeps_only_the_fields_its_form_declares(client, volunteer, draft_intake):
    client.force_login(volunteer)
    client.post(_step(draft_intake, "identity"), {**IDENTITY, "padding": "x" * 5000, "given_names_2": "y"})
    client.post(
        _step(draft_intake, "household"),
        {**HOUSEHOLD, "members-TOTAL_FORMS": "900", "members-500-given_names": "Relleno"},
    )
    steps = draft_content(Intake.objects.get(pk=draft_intake.pk))["steps"]
    assert "padding" not in steps["identity"] and "given_names_2" not in steps["identity"]
    assert steps["identity"]["given_names"] == ["Lucía"]
    assert "members-500-given_names" not in steps["household"]
    assert steps["household"]["members-0-given_names"] == ["Mateo"]


def test_a_draft_over_the_size_cap_is_refused_with_a_message_and_the_old_draft_stays(
    client, volunteer, draft_intake
):
    client.force_login(volunteer)
    client.post(_step(draft_intake, "narrative"), {"narrative": "Primera versión"})
    aliases = "\n".join("N" * 100 for _ in range(10))
    for step in ("identity",):
        client.post(_step(draft_intake, step), {**IDENTITY, "aliases": aliases})
    huge = {**PARTIES, "parties-TOTAL_FORMS": "20"}
    for n in range(20):
        huge[f"parties-{n}-name"] = "ش" * 3000
        huge[f"parties-{n}-kind"] = "person"
    response = client.post(_step(draft_intake, "parties"), huge)
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    autosave = client.post(_step(draft_intake, "parties"), huge, headers={"X-Autosave": "1"})
    assert autosave.status_code == 413
    steps = draft_content(Intake.objects.get(pk=draft_intake.pk))["steps"]
    assert steps["narrative"]["narrative"] == ["Primera versión"] and "parties" not in steps


def test_a_long_narrative_in_arabic_script_fits_in_a_draft(client, volunteer, draft_intake):
    client.force_login(volunteer)
    response = client.post(_step(draft_intake, "narrative"), {"narrative": "ش" * 10_000})
    assert response.status_code == 302


def test_referring_without_a_recipient_shows_the_error_beside_the_field(client, coordinator, volunteer):
    intake = IntakeFactory()
    client.force_login(coordinator)
    response = client.post(
        reverse("intake:refer", args=[intake.public_id]), {"referred_to": "", "reason": "x"}
    )
    assert response.status_code == 400
    assert response.context["refer_form"].errors["referred_to"]
    assert 'aria-invalid="true"' in response.content.decode()
    assert Intake.objects.get(pk=intake.pk).status == Intake.Status.OPEN
    client.force_login(volunteer)
    assert (
        client.post(reverse("intake:refer", args=[intake.public_id]), {"referred_to": "x"}).status_code == 403
    )


def test_declining_without_a_reason_shows_the_error_beside_the_field(client, coordinator):
    intake = IntakeFactory()
    client.force_login(coordinator)
    response = client.post(reverse("intake:decline", args=[intake.public_id]), {"reason": "  "})
    assert response.status_code == 400
    assert response.context["decline_form"].errors["reason"]
    assert Intake.objects.get(pk=intake.pk).status == Intake.Status.OPEN


def test_clearing_a_hit_without_a_reason_shows_the_error_beside_that_hit(
    client, coordinator, intake_with_hit
):
    hit = intake_with_hit.conflict_checks.first().hits.get()
    client.force_login(coordinator)
    response = client.post(
        reverse("intake:hit_clear", args=[intake_with_hit.public_id, hit.pk]), {"clear_reason": ""}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert f'id="clear-{hit.pk}-error"' in content and f'aria-describedby="clear-{hit.pk}-error"' in content
    hit.refresh_from_db()
    assert hit.cleared_at is None


def test_clearing_a_hit_of_an_older_run_says_so_beside_that_hit(client, coordinator, intake_with_hit):
    hit = intake_with_hit.conflict_checks.first().hits.get()
    conflict_check_run(intake=intake_with_hit, acting_user=coordinator)
    client.force_login(coordinator)
    response = client.post(
        reverse("intake:hit_clear", args=[intake_with_hit.public_id, hit.pk]),
        {"clear_reason": "Other person"},
    )
    assert response.status_code == 400
    assert "run again since" in response.content.decode()


@pytest.mark.parametrize(
    ("step", "data", "field"),
    [
        ("identity", {**IDENTITY, "date_of_birth": "9999-12-31"}, "date_of_birth"),
        ("identity", {**IDENTITY, "date_of_birth": "0001-01-01"}, "date_of_birth"),
        ("identity", {**IDENTITY, "date_of_birth": "1850-01-01"}, "date_of_birth"),
        ("situation", {**SITUATION, "next_hearing_date": "9999-12-31"}, "next_hearing_date"),
        ("situation", {**SITUATION, "next_hearing_date": "3000-01-01"}, "next_hearing_date"),
        ("situation", {**SITUATION, "next_hearing_date": "1999-05-01"}, "next_hearing_date"),
        ("situation", {**SITUATION, "detained_on": "9999-12-31"}, "detained_on"),
        ("situation", {**SITUATION, "detained_on": "1970-01-01"}, "detained_on"),
    ],
)
def test_implausible_dates_are_field_errors(client, volunteer, draft_intake, step, data, field):
    client.force_login(volunteer)
    response = client.post(_step(draft_intake, step), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors


def test_an_implausible_member_birth_date_is_a_field_error(client, volunteer, draft_intake):
    client.force_login(volunteer)
    response = client.post(
        _step(draft_intake, "household"), {**HOUSEHOLD, "members-0-date_of_birth": "9999-01-01"}
    )
    assert response.status_code == 200
    assert "date_of_birth" in response.context["members"].errors[0]


def test_an_emergency_dated_9999_is_a_field_error(client, volunteer):
    client.force_login(volunteer)
    response = client.post(
        reverse("intake:emergency"),
        {
            "given_names": "Ana",
            "family_names": "Ruiz",
            "facility": "Centro",
            "detained_on": "9999-12-31",
            "caller_name": "Primo",
            "callback_phone": "555",
        },
    )
    assert response.status_code == 400
    assert "detained_on" in response.context["form"].errors


def test_a_guideline_for_a_far_year_is_a_field_error(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("intake:guidelines"),
        {"year": "9999", "region": "contiguous", "base_amount": "15000", "per_additional_person": "5000"},
    )
    assert response.status_code == 400
    assert "year" in response.context["form"].errors


# The volunteer's forms, without dead ends --------------------------------------------------------


def _fill_every_step(client, intake, household=HOUSEHOLD):
    situation = {**SITUATION, "court": "Chicago Immigration Court", "next_hearing_date": "2027-02-03"}
    for step, data in [
        ("identity", {**IDENTITY, "address": "1200 W Cermak Rd, Chicago"}),
        ("situation", situation),
        ("household", household),
        ("parties", PARTIES),
        ("narrative", {"narrative": "Vino en 2019 con su hijo."}),
    ]:
        assert client.post(_step(intake, step), data).status_code == 302, step


def test_the_review_shows_everything_the_intake_will_submit(client, volunteer, draft_intake):
    client.force_login(volunteer)
    _fill_every_step(client, draft_intake)
    html = _text(client.get(_step(draft_intake, "review")))
    for shown in [
        "Lucía Paredes Ríos",
        "Lucy Paredes",
        "A-012-345-678",
        "Honduras",
        "Prefers Spanish",
        "555-0199",
        "1200 W Cermak Rd, Chicago",
        "Walk-in",
        "Afraid to go back (asylum)",
        "Chicago Immigration Court",
        "2027",
        "People in the household, the client included",
        "$18000",
        "Eligibility",
        "Vino en 2019 con su hijo.",
        "Mateo Paredes",
        "Child",
        "Héctor Salas",
        "Never contact",
    ]:
        assert shown in html, shown


def test_the_household_size_says_that_it_counts_the_client(client, volunteer, draft_intake):
    client.force_login(volunteer)
    html = client.get(_step(draft_intake, "household")).content.decode()
    assert "People in the household, the client included" in html


def test_no_relationship_is_chosen_for_the_volunteer(client, volunteer, draft_intake):
    client.force_login(volunteer)
    response = client.get(_step(draft_intake, "household"))
    relationship = response.context["members"].forms[0]["relationship"]
    assert relationship.value() in (None, "")
    assert '<option value="" selected>' in str(relationship)


def test_a_family_member_without_a_relationship_is_a_field_error(client, volunteer, draft_intake):
    client.force_login(volunteer)
    response = client.post(_step(draft_intake, "household"), {**HOUSEHOLD, "members-0-relationship": ""})
    assert response.status_code == 200
    assert response.context["members"].forms[0].errors["relationship"] == [
        "Say how this person is related to the client."
    ]


def test_add_a_family_member_keeps_what_was_typed_and_shows_one_more_form(client, volunteer, draft_intake):
    client.force_login(volunteer)
    response = client.post(_step(draft_intake, "household"), {**HOUSEHOLD, "action": "add_member"})
    assert response.status_code == 302
    assert response.url == _step(draft_intake, "household") + "#member-2"
    page = client.get(_step(draft_intake, "household"))
    members = page.context["members"]
    assert len(members.forms) == 2 and members.forms[0]["given_names"].value() == "Mateo"
    assert 'id="member-2"' in page.content.decode()
    assert 'value="add_member"' in page.content.decode()


def test_a_household_larger_than_the_forms_first_shown_is_submitted_whole(client, volunteer, draft_intake):
    children = ["Mateo", "Ana", "Luis", "Rosa", "Iván", "Sara"]
    household = {
        "means-household_size": "7",
        "means-annual_income": "30000",
        "means-region": "contiguous",
        "members-TOTAL_FORMS": str(len(children)),
        "members-INITIAL_FORMS": "0",
    }
    for index, name in enumerate(children):
        household |= {
            f"members-{index}-given_names": name,
            f"members-{index}-family_names": "Paredes",
            f"members-{index}-relationship": "child",
        }
    client.force_login(volunteer)
    _fill_every_step(client, draft_intake, household=household)
    client.post(_step(draft_intake, "review"))
    intake = Intake.objects.get(pk=draft_intake.pk)
    assert intake.status == Intake.Status.OPEN
    assert intake.client.household.members.count() == 7


def test_save_draft_and_leave_leaves_even_with_a_field_to_correct(client, volunteer, draft_intake):
    client.force_login(volunteer)
    response = client.post(
        _step(draft_intake, "identity"), {**IDENTITY, "a_number": "B-12", "action": "save"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("intake:home")
    assert "Some fields still need correcting" in response.content.decode()
    saved = draft_content(Intake.objects.get(pk=draft_intake.pk))
    assert saved["steps"]["identity"]["a_number"] == ["B-12"]
    assert "identity" not in saved["completed"]


def test_a_draft_is_listed_by_the_name_typed_on_it(client, volunteer, draft_intake):
    client.force_login(volunteer)
    client.post(_step(draft_intake, "identity"), {**IDENTITY, "a_number": "B-12", "action": "save"})
    html = client.get(reverse("intake:home")).content.decode()
    assert "Lucía Paredes Ríos" in html and "(not yet named)" not in html


def test_another_volunteer_does_not_see_a_draft_or_its_typed_name(client, other_volunteer, draft_intake):
    draft_intake.draft = '{"steps": {"identity": {"given_names": ["Lucía"], "family_names": ["Paredes"]}}}'
    draft_intake.save(update_fields=["draft"])
    client.force_login(other_volunteer)
    assert b"Paredes" not in client.get(reverse("intake:home")).content
    assert client.get(_step(draft_intake, "household")).status_code == 404


def test_the_phone_field_brings_up_the_phone_keypad(client, volunteer, draft_intake):
    client.force_login(volunteer)
    html = client.get(_step(draft_intake, "identity")).content.decode()
    phone = re.search(r'<input[^>]*name="phone"[^>]*>', html).group(0)
    assert 'type="tel"' in phone and 'inputmode="tel"' in phone
