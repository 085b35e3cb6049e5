from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from clinic.roles import Role
from intake.models import Client, ClientMatch, Intake
from intake.services import (
    Identity,
    IntakeStateError,
    Means,
    Party,
    Situation,
    client_create,
    intake_decline,
    intake_emergency_create,
    intake_refer,
    intake_start,
    intake_submit,
)
from tests.factories import UserFactory
from tests.intake.factories import ClientFactory, IntakeFactory


def _submit(intake, volunteer, *, principal=None, members=(), parties=(), situation=None, means=None):
    return intake_submit(
        intake=intake,
        principal=principal or Identity(given_names="Lucía", family_names="Paredes Ríos"),
        members=list(members),
        parties=list(parties),
        situation=situation or Situation(channel=Intake.Channel.WALK_IN),
        means=means or Means(),
        narrative="Llegó en 2019.",
        acting_user=volunteer,
    )


def _raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608 (test constants)
        return cursor.fetchone()[0]


def test_personal_data_is_not_stored_in_plaintext(volunteer):
    client = client_create(
        identity=Identity(
            given_names="Samira",
            family_names="Haddad",
            a_number="012345678",
            date_of_birth=date(1990, 3, 14),
            phone="+1 555 010 4477",
            address="12 Calle Imaginaria, Springfield",
        ),
        acting_user=volunteer,
    )
    for column, secret in [
        ("a_number", "012345678"),
        ("date_of_birth", "1990-03-14"),
        ("phone", "555 010 4477"),
        ("address", "Calle Imaginaria"),
    ]:
        stored = _raw("intake_client", column, client.pk)
        assert stored.startswith("v1:test1:")
        assert secret not in stored
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {column} FROM intake_historicalclient WHERE id = %s", [client.pk])  # noqa: S608
            assert all(secret not in row[0] for row in cursor.fetchall())
    assert "012345678" not in client.a_number_index
    reloaded = Client.objects.get(pk=client.pk)
    assert (reloaded.a_number, reloaded.date_of_birth) == ("012345678", date(1990, 3, 14))


def test_the_narrative_and_draft_are_not_stored_in_plaintext(volunteer):
    intake = _submit(intake_start(acting_user=volunteer), volunteer)
    assert "Llegó" not in _raw("intake_intake", "narrative", intake.pk)
    assert Intake.objects.get(pk=intake.pk).narrative == "Llegó en 2019."


def test_a_known_a_number_is_only_a_possible_match_and_the_known_client_is_untouched(volunteer):
    known = client_create(
        identity=Identity(given_names="Lucía", family_names="Paredes", a_number="012345678", phone="555-1"),
        acting_user=volunteer,
    )
    intake = _submit(
        intake_start(acting_user=volunteer),
        volunteer,
        principal=Identity(
            given_names="Lucia", family_names="Paredes Rios", a_number="012345678", phone="555-2"
        ),
    )
    assert intake.client != known and intake.client == intake.submitted_client
    [match] = intake.client_matches.all()
    assert (match.known_client, match.key, match.status) == (known, ClientMatch.Key.A_NUMBER, "pending")
    known.refresh_from_db()
    assert (known.phone, list(known.aliases.all()), known.history.count()) == ("555-1", [], 1)


def test_a_known_name_and_date_of_birth_are_a_possible_match(volunteer):
    identity = Identity(given_names="Wei", family_names="Zhang", date_of_birth=date(1985, 1, 2))
    known = client_create(identity=identity, acting_user=volunteer)
    again = Identity(given_names="ZHANG", family_names="wei", date_of_birth=date(1985, 1, 2), phone="555")
    intake = _submit(intake_start(acting_user=volunteer), volunteer, principal=again)
    [match] = intake.client_matches.all()
    assert (match.known_client, match.key) == (known, ClientMatch.Key.NAME_DOB)


def test_a_family_comes_in_as_linked_clients_of_their_own(volunteer):
    intake = _submit(
        intake_start(acting_user=volunteer),
        volunteer,
        members=[
            Identity(given_names="Mateo", family_names="Paredes", relationship=Client.Relationship.CHILD),
            Identity(given_names="Andrés", family_names="Vega", relationship=Client.Relationship.SPOUSE),
        ],
    )
    household = intake.client.household
    assert household is not None
    assert sorted(m.full_name for m in household.members.all()) == [
        "Andrés Vega",
        "Lucía Paredes Ríos",
        "Mateo Paredes",
    ]


def test_submitting_computes_eligibility_urgency_and_runs_the_check(volunteer):
    intake = _submit(
        intake_start(acting_user=volunteer),
        volunteer,
        situation=Situation(
            channel=Intake.Channel.WORKSHOP, next_hearing_date=date.today() + timedelta(days=5)
        ),
        means=Means(household_size=3, annual_income=Decimal("30000")),
    )
    assert intake.status == Intake.Status.OPEN
    assert (intake.poverty_year, intake.poverty_percent, intake.eligibility_band) == (
        2025,
        Decimal("112.6"),
        Intake.Band.UNDER_125,
    )
    assert intake.is_urgent
    assert intake.conflict_status == Intake.ConflictStatus.CLEAR
    assert intake.draft == ""


def test_a_never_contact_party_is_refused_as_safe_contact_and_nothing_is_saved(volunteer):
    draft = intake_start(acting_user=volunteer)
    with pytest.raises(ValidationError, match="never contact"):
        _submit(
            draft,
            volunteer,
            principal=Identity(given_names="Rosa", family_names="Mendoza", safe_contact_name="Héctor Salas"),
            parties=[Party(name="Hector Salas", never_contact=True)],
        )
    assert Client.objects.count() == 0
    assert Intake.objects.get(pk=draft.pk).status == Intake.Status.DRAFT


def test_a_submitted_intake_cannot_be_submitted_again(volunteer):
    intake = _submit(intake_start(acting_user=volunteer), volunteer)
    with pytest.raises(IntakeStateError):
        _submit(intake, volunteer)


def test_an_emergency_is_urgent_and_mails_on_call_coordinators_without_personal_data(
    volunteer, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    coordinator.is_on_call = True
    coordinator.save()
    UserFactory(role=Role.COORDINATOR, is_on_call=False)
    with django_capture_on_commit_callbacks(execute=True):
        intake = intake_emergency_create(
            identity=Identity(given_names="Yusuf", family_names="Karimi", a_number="087654321"),
            facility="Centro de Detención Ficticio",
            detained_on=date.today(),
            caller_name="Nadia Karimi",
            callback_phone="555-0100",
            narrative="",
            acting_user=volunteer,
        )
    assert intake.is_urgent and intake.is_emergency and intake.status == Intake.Status.OPEN
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [coordinator.email]
    assert str(intake.public_id) in mail.body
    for secret in ("Yusuf", "Karimi", "087654321", "555-0100", "Ficticio"):
        assert secret not in mail.body and secret not in mail.subject


def test_no_mail_is_sent_before_the_transaction_commits(volunteer, coordinator, mailoutbox):
    coordinator.is_on_call = True
    coordinator.save()
    intake_emergency_create(
        identity=Identity(given_names="Yusuf", family_names="Karimi"),
        facility="x",
        detained_on=None,
        caller_name="y",
        callback_phone="1",
        narrative="",
        acting_user=volunteer,
    )
    assert mailoutbox == []


def test_a_coordinator_refers_out_and_declines_with_a_reason(coordinator):
    referred = intake_refer(
        intake=IntakeFactory(), referred_to="Asociación Legal Ejemplo", reason="", acting_user=coordinator
    )
    declined = intake_decline(
        intake=IntakeFactory(), reason="Outside our service area.", acting_user=coordinator
    )
    assert (referred.status, referred.referred_to, referred.decided_by) == (
        Intake.Status.REFERRED,
        "Asociación Legal Ejemplo",
        coordinator,
    )
    assert (declined.status, declined.decision_reason) == (
        Intake.Status.DECLINED,
        "Outside our service area.",
    )


def test_a_decided_intake_cannot_be_decided_again(coordinator):
    intake = intake_decline(intake=IntakeFactory(), reason="No.", acting_user=coordinator)
    with pytest.raises(IntakeStateError, match="Only an open intake"):
        intake_refer(intake=intake, referred_to="Elsewhere", acting_user=coordinator)


def test_declining_needs_a_reason(coordinator):
    with pytest.raises(ValidationError):
        intake_decline(intake=IntakeFactory(), reason=" ", acting_user=coordinator)


def test_client_factory_names_are_synthetic(db):
    assert ClientFactory().given_names.startswith("Persona")


def test_each_on_call_coordinator_is_written_to_in_their_language_with_the_site_link(
    db, settings, mailoutbox
):
    from django.contrib.auth.models import Group

    from clinic.roles import Role
    from intake.services import emergency_notify
    from tests.factories import UserFactory
    from tests.intake.factories import IntakeFactory

    settings.CLINIC_SITE_URL = "https://clinic.example.org"
    group = Group.objects.get(name=Role.COORDINATOR)
    for username, language in (("guardia_es", "es"), ("oncall_en", "en")):
        user = UserFactory(username=username, is_on_call=True, language=language)
        user.groups.add(group)
    intake = IntakeFactory(is_emergency=True)
    assert emergency_notify(intake=intake) == 2
    by_recipient = {message.to[0]: message for message in mailoutbox}
    assert by_recipient["guardia_es@clinic.example"].subject == "Admisión urgente en espera"
    assert by_recipient["oncall_en@clinic.example"].subject == "Urgent intake waiting"
    link = f"https://clinic.example.org/intake/{intake.public_id}/"
    assert all(link in message.body for message in mailoutbox)
    assert intake.client.family_names not in by_recipient["guardia_es@clinic.example"].body


def test_an_intakes_name_does_not_reveal_how_many_the_clinic_has_taken(volunteer):
    first, second = IntakeFactory(volunteer=volunteer), IntakeFactory(volunteer=volunteer)
    for intake in (first, second):
        assert str(intake.pk) not in str(intake).split()
        assert intake.reference in str(intake)
    assert first.reference != second.reference
