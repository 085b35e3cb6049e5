import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from intake.matching import find_similar_names
from intake.models import ConflictHit, Intake, NameKind
from intake.normalise import conflict_name
from intake.services import (
    IntakeStateError,
    Party,
    adverse_parties_set,
    conflict_check_run,
    conflict_hit_clear,
    intake_mark_accepted,
)
from tests.intake.factories import ClientFactory, IntakeFactory


def _check_names(volunteer, given, family, *, parties=(), aliases=()):
    client = ClientFactory(
        given_names=given, family_names=family, aliases=list(aliases), parties=list(parties)
    )
    intake = IntakeFactory(client=client, volunteer=volunteer)
    check = conflict_check_run(intake=intake, acting_user=volunteer)
    return check, list(check.hits.all())


@pytest.mark.parametrize(
    ("existing", "new"),
    [
        (("José", "Hernández"), ("Jose", "Hernandez")),  # accents
        (("María", "García López"), ("López, María", "García")),  # order and commas
        (("María", "García López"), ("Maria", "Garcia")),  # missing second surname
        (("Jose", "Garcia"), ("Jose", "Garsia")),  # small typo
        (("Małgorzata", "Wiśniewska"), ("Malgorzata", "Wisniewska")),  # Polish letters
        (("Mohammed", "Al-Rashid"), ("Mohammed", "Al Rashid")),  # hyphen
    ],
)
def test_it_finds_the_same_person_written_differently(volunteer, existing, new):
    known = ClientFactory(given_names=existing[0], family_names=existing[1])
    _check, hits = _check_names(volunteer, *new)
    assert [hit.matched_client_id for hit in hits] == [known.pk]


def test_it_does_not_flag_unrelated_names(volunteer):
    ClientFactory(given_names="Ana", family_names="Torres")
    ClientFactory(given_names="María", family_names="Pérez")
    _check, hits = _check_names(volunteer, "María", "López")
    assert hits == []


def test_a_single_shared_given_name_is_not_a_conflict(volunteer):
    ClientFactory(given_names="Maria", family_names="Kowalska")
    _check, hits = _check_names(volunteer, "Maria", "Fernández")
    assert hits == []


def test_a_new_adverse_party_matching_an_existing_client_is_a_hit(volunteer):
    known = ClientFactory(given_names="Rosa", family_names="Quispe Mamani")
    _check, hits = _check_names(volunteer, "Elena", "Vargas", parties=["Rosa Quispe"])
    assert [(h.searched_kind, h.matched_kind, h.matched_client_id) for h in hits] == [
        (NameKind.ADVERSE, NameKind.CLIENT, known.pk)
    ]


def test_a_new_client_matching_an_existing_adverse_party_or_alias_is_a_hit(volunteer):
    ClientFactory(given_names="Ewa", family_names="Nowak", parties=["Dariusz Zieliński"])
    ClientFactory(given_names="Chen", family_names="Jing", aliases=["Fatima Haddad"])
    _check, hits = _check_names(volunteer, "Dariusz", "Zielinski", aliases=["Fátima Hadad"])
    assert sorted((h.searched_kind, h.matched_kind) for h in hits) == [
        (NameKind.ALIAS, NameKind.ALIAS),
        (NameKind.CLIENT, NameKind.ADVERSE),
    ]


def test_the_clients_own_family_is_not_a_conflict(volunteer):
    from intake.services import household_create

    household = household_create(acting_user=volunteer)
    sister = ClientFactory(given_names="Inés", family_names="Mora Díaz", household=household)
    client = ClientFactory(given_names="Ines", family_names="Mora", household=household)
    intake = IntakeFactory(client=client, volunteer=volunteer)
    check = conflict_check_run(intake=intake, acting_user=volunteer)
    assert sister.pk not in {hit.matched_client_id for hit in check.hits.all()}


def test_the_check_records_who_ran_it_and_marks_the_intake(volunteer):
    ClientFactory(given_names="José", family_names="Hernández")
    check, _hits = _check_names(volunteer, "Jose", "Hernandez")
    assert check.run_by == volunteer
    assert check.hit_count == 1
    assert check.intake.conflict_status == Intake.ConflictStatus.REVIEW
    assert check.history.first().history_user == volunteer


def test_an_intake_cannot_be_accepted_before_the_check_runs(coordinator, open_intake):
    with pytest.raises(IntakeStateError, match="Run the conflict check"):
        intake_mark_accepted(intake=open_intake, acting_user=coordinator)


def test_an_intake_with_uncleared_hits_cannot_be_accepted(volunteer, coordinator):
    ClientFactory(given_names="José", family_names="Hernández")
    check, _hits = _check_names(volunteer, "Jose", "Hernandez")
    with pytest.raises(IntakeStateError, match="clear the possible conflicts"):
        intake_mark_accepted(intake=check.intake, acting_user=coordinator)


def test_a_coordinator_clears_a_hit_with_a_reason_and_the_intake_can_be_accepted(volunteer, coordinator):
    ClientFactory(given_names="José", family_names="Hernández")
    check, [hit] = _check_names(volunteer, "Jose", "Hernandez")
    conflict_hit_clear(hit=hit, reason="Different date of birth and country.", acting_user=coordinator)
    hit.refresh_from_db()
    assert (hit.cleared_by, hit.clear_reason) == (coordinator, "Different date of birth and country.")
    assert hit.history.first().history_user == coordinator
    intake = intake_mark_accepted(intake=check.intake, acting_user=coordinator)
    assert intake.status == Intake.Status.ACCEPTED


def test_a_volunteer_cannot_clear_a_hit(volunteer):
    ClientFactory(given_names="José", family_names="Hernández")
    _check, [hit] = _check_names(volunteer, "Jose", "Hernandez")
    with pytest.raises(PermissionDenied):
        conflict_hit_clear(hit=hit, reason="Looks fine to me.", acting_user=volunteer)


def test_clearing_needs_a_reason(volunteer, coordinator):
    ClientFactory(given_names="José", family_names="Hernández")
    _check, [hit] = _check_names(volunteer, "Jose", "Hernandez")
    with pytest.raises(ValidationError):
        conflict_hit_clear(hit=hit, reason="  ", acting_user=coordinator)


def test_running_again_keeps_clearances_for_the_same_names(volunteer, coordinator):
    ClientFactory(given_names="José", family_names="Hernández")
    check, [hit] = _check_names(volunteer, "Jose", "Hernandez")
    conflict_hit_clear(hit=hit, reason="Different person.", acting_user=coordinator)
    again = conflict_check_run(intake=check.intake, acting_user=coordinator)
    assert [h.clear_reason for h in again.hits.all()] == ["Different person."]
    assert Intake.objects.get(pk=check.intake.pk).conflict_status == Intake.ConflictStatus.CLEARED


def test_changing_adverse_parties_runs_the_check_again(volunteer, coordinator, open_intake):
    conflict_check_run(intake=open_intake, acting_user=volunteer)
    known = ClientFactory(given_names="Kateryna", family_names="Bondarenko")
    adverse_parties_set(
        client=open_intake.client, parties=[Party(name="Katerina Bondarenko")], acting_user=coordinator
    )
    open_intake.refresh_from_db()
    assert open_intake.conflict_status == Intake.ConflictStatus.REVIEW
    assert ConflictHit.objects.filter(check_run__intake=open_intake, matched_client=known).exists()


def test_removing_an_adverse_party_keeps_its_history(coordinator):
    client = ClientFactory(parties=["Empresa Ficticia S.A."])
    adverse_parties_set(client=client, parties=[], acting_user=coordinator)
    assert client.adverse_parties.count() == 0
    assert client.adverse_parties.model.history.filter(history_type="-").count() == 1


def test_a_never_contact_party_cannot_become_the_safe_contact(coordinator):
    client = ClientFactory(safe_contact_name="Ramón Castillo")
    with pytest.raises(ValidationError, match="never contact"):
        adverse_parties_set(
            client=client, parties=[Party(name="Ramon Castillo", never_contact=True)], acting_user=coordinator
        )


def test_sharing_a_given_name_and_one_surname_is_not_the_same_person(volunteer):
    ClientFactory(given_names="María", family_names="García Pérez")
    _check, hits = _check_names(volunteer, "María", "García López")
    assert hits == []


def test_a_typo_and_a_missing_surname_together_still_match(volunteer):
    known = ClientFactory(given_names="José", family_names="García López")
    _check, hits = _check_names(volunteer, "Jose", "Garsia")
    assert [hit.matched_client_id for hit in hits] == [known.pk]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("jose", "hose", True),
        ("garcia", "garsia", True),
        ("zhang", "zahng", True),
        ("li", "liu", False),
        ("hu", "zhu", False),
        ("lopez", "perez", False),
        ("martin", "martinez", False),
    ],
)
def test_one_typo_per_word_is_allowed_but_short_names_must_be_equal(a, b, same):
    from intake.matching import same_token

    assert same_token(a, b) is same


def test_a_different_first_name_with_the_same_surname_is_not_a_match(volunteer):
    ClientFactory(given_names="John", family_names="Blackwell")
    _check, hits = _check_names(volunteer, "Owen", "Blackwell")
    assert hits == []


@pytest.mark.parametrize(
    ("existing", "new"),
    [
        # initials
        (("José", "Hernández"), ("J.", "Hernández")),
        (("Juan", "Hernández"), ("J.", "Hernández")),
        (("J.", "Hernández"), ("Juan", "Hernández")),
        (("José Luis", "Ramírez Ortiz"), ("José L.", "Ramírez Ortiz")),
        # short forms of given names
        (("María", "Castillo Reyes"), ("Ma.", "Castillo Reyes")),
        (("María", "Castillo Reyes"), ("Ma", "Castillo Reyes")),
        (("María Guadalupe", "Salazar"), ("Ma. Gpe.", "Salazar")),
        (("Francisco", "Bonilla"), ("Fco.", "Bonilla")),
        (("José", "Bonilla"), ("Jse.", "Bonilla")),
        (("José", "Bonilla"), ("Jos.", "Bonilla")),
        (("Guadalupe", "Zelaya"), ("Gpe.", "Zelaya")),
        (("Fernando", "Zelaya"), ("Fdo.", "Zelaya")),
        (("Antonio", "Zelaya"), ("Ant.", "Zelaya")),
        (("Antonio", "Zelaya"), ("Anto.", "Zelaya")),
        # particles and joined surnames
        (("María", "de la Cruz"), ("María", "Delacruz")),
        (("María", "Delacruz"), ("Maria", "De La Cruz")),
        (("Pedro", "del Río"), ("Pedro", "Delrio")),
        (("Anna", "van der Berg"), ("Anna", "Vanderberg")),
        (("Rosa", "García López"), ("Rosa", "García y López")),
        # the Arabic article
        (("Omar", "Al-Hassan"), ("Omar", "Al Hassan")),
        (("Omar", "Al-Hassan"), ("Omar", "Alhassan")),
        (("Omar", "Al-Hassan"), ("Omar", "El-Hassan")),
        (("Abd al-Rahman", "Saleh"), ("Abdulrahman", "Saleh")),
        (("Abd al-Rahman", "Saleh"), ("Abdel Rahman", "Saleh")),
        # transliterations
        (("Mohammed", "Darwish"), ("Muhammad", "Darwish")),
        (("Mohamed", "Darwish"), ("Mohammad", "Darwish")),
        (("Muhamad", "Darwish"), ("Mohammed", "Darwish")),
        (("Yusuf", "Khalil"), ("Youssef", "Khalil")),
        (("Yousef", "Khalil"), ("Yusuf", "Khalil")),
        (("Hussein", "Nasser"), ("Husain", "Nasser")),
        (("Hussain", "Nasser"), ("Hussein", "Nasser")),
        (("Ahmed", "Qasim"), ("Ahmad", "Qasim")),
        (("Oleksandr", "Shevchenko"), ("Aleksandr", "Shevchenko")),
        (("Alexander", "Shevchenko"), ("Oleksandr", "Shevchenko")),
        (("Sergei", "Ivanov"), ("Sergey", "Ivanov")),
        (("Yevgeny", "Petrov"), ("Evgeny", "Petrov")),
        (("Lan", "Nguyễn"), ("Lan", "Nguyen")),
        (("Lan", "Nguyen"), ("Lan", "Ngyuen")),
        (("Jesús", "Ramos"), ("Jesus", "Ramos")),
    ],
)
def test_it_finds_the_same_person_written_as_clinics_write_names(volunteer, existing, new):
    known = ClientFactory(given_names=existing[0], family_names=existing[1])
    _check, hits = _check_names(volunteer, *new)
    assert [hit.matched_client_id for hit in hits] == [known.pk]


@pytest.mark.parametrize(
    ("existing", "new"),
    [
        (("María", "García López"), ("José", "García López")),
        (("Juan", "Hernández"), ("Pedro", "Hernández")),
        (("Mario", "García López"), ("María", "García López")),  # masculine and feminine forms
        (("Juan", "Ortiz"), ("Juana", "Ortiz")),
        (("Ma.", "Castillo Reyes"), ("José", "Castillo Reyes")),
        (("J.", "Hernández"), ("Pedro", "Hernández")),
        (("Mohammed", "Darwish"), ("Ahmed", "Darwish")),
        (("María", "de la Cruz"), ("José", "Delacruz")),
    ],
)
def test_different_given_names_with_the_same_surnames_do_not_match(volunteer, existing, new):
    ClientFactory(given_names=existing[0], family_names=existing[1])
    _check, hits = _check_names(volunteer, *new)
    assert hits == []


@pytest.mark.parametrize(
    ("existing", "new"),
    [
        # a name of two words, found from a longer one
        (("María", "García"), ("María", "García López")),
        (("Maria", "Garsia"), ("María", "García López")),
        (("J.", "Hernández"), ("Juan Carlos", "Hernández López")),
        # a longer name, found from a name of three words
        (("María Guadalupe", "Salazar Rojas"), ("Ma.", "Salazar Rojas")),
        (("José Luis", "Ramírez Ortiz"), ("J. Luis", "Ramírez")),
    ],
)
def test_a_longer_or_shorter_name_of_the_same_person_is_found(volunteer, existing, new):
    known = ClientFactory(given_names=existing[0], family_names=existing[1])
    _check, hits = _check_names(volunteer, *new)
    assert [hit.matched_client_id for hit in hits] == [known.pk]


def test_organisations_that_share_common_words_are_told_apart(volunteer):
    castro = ClientFactory(parties=["Castro Construction Inc."])
    ClientFactory(parties=["Lopez Construction Inc."])
    # Two words of the three, as a missing second surname is.
    unnamed = ClientFactory(parties=["Construction Inc."])
    _check, hits = _check_names(volunteer, "Elena", "Vargas", parties=["Castro Construction, Inc"])
    assert sorted((hit.matched_client_id, hit.matched_name) for hit in hits) == [
        (castro.pk, "Castro Construction Inc."),
        (unnamed.pk, "Construction Inc."),
    ]


def test_a_one_word_name_meets_only_one_word_names(volunteer):
    known = ClientFactory(parties=["ICE"])
    ClientFactory(parties=["Ice Cold Staffing"])
    _check, hits = _check_names(volunteer, "Elena", "Vargas", parties=["I.C.E"])
    assert hits == []
    _check, hits = _check_names(volunteer, "Rosa", "Quispe", parties=["Ice"])
    assert [hit.matched_client_id for hit in hits] == [known.pk]


def test_a_long_name_still_finds_a_short_one(volunteer):
    known = ClientFactory(parties=["Homeland Security"])
    _check, hits = _check_names(
        volunteer,
        "Elena",
        "Vargas",
        parties=["Immigration and Customs Enforcement, Department of Homeland Security"],
    )
    assert [hit.matched_client_id for hit in hits] == [known.pk]


def test_initials_alone_match_nobody(volunteer):
    ClientFactory(given_names="Juan", family_names="Hernández")
    _check, hits = _check_names(volunteer, "J.", "H.")
    assert hits == []


def test_an_initial_scores_below_the_written_name(volunteer):
    known = ClientFactory(given_names="Juan", family_names="Hernández")
    _check, [initial] = _check_names(volunteer, "J.", "Hernández")
    _check, hits = _check_names(volunteer, "Juan", "Hernández")
    [written] = [hit for hit in hits if hit.matched_client_id == known.pk]
    assert initial.score < written.score == 100


def test_an_adverse_party_written_with_a_short_form_is_a_hit(volunteer):
    known = ClientFactory(given_names="Francisco", family_names="Mendoza Rivas")
    _check, hits = _check_names(volunteer, "Elena", "Vargas", parties=["Fco. Mendoza Rivas"])
    assert [(h.searched_kind, h.matched_client_id) for h in hits] == [(NameKind.ADVERSE, known.pk)]


def test_a_never_contact_party_written_differently_cannot_become_the_safe_contact(coordinator):
    client = ClientFactory(safe_contact_name="Ma. Gpe. Castillo")
    with pytest.raises(ValidationError, match="never contact"):
        adverse_parties_set(
            client=client,
            parties=[Party(name="María Guadalupe Castillo", never_contact=True)],
            acting_user=coordinator,
        )


def test_rederiving_the_index_gives_what_indexing_gives(volunteer):
    from intake.models import SearchKey, SearchName, SearchToken
    from intake.services.clients import search_index_rederive

    known = ClientFactory(given_names="Ma. Gpe.", family_names="de la Cruz", parties=["Abdel Rahman Saleh"])
    indexed = sorted(SearchName.objects.values_list("normalised", flat=True))
    keys = sorted(SearchKey.objects.values_list("key", "token"))
    SearchName.objects.update(normalised="stale")
    SearchKey.objects.all().delete()
    SearchToken.objects.all().delete()
    assert search_index_rederive() == 2
    assert sorted(SearchName.objects.values_list("normalised", flat=True)) == indexed
    assert indexed == ["abdalrahman saleh", "delacruz guadalupe maria"]
    assert sorted(SearchKey.objects.values_list("key", "token")) == keys
    _check, hits = _check_names(volunteer, "María Guadalupe", "Delacruz")
    assert [hit.matched_client_id for hit in hits] == [known.pk]


def test_the_rebuild_command_indexes_clients_that_were_loaded_without_it(volunteer):
    from io import StringIO

    from django.core.management import call_command

    from intake.models import Client, SearchName

    loaded = Client.objects.create(given_names="Fco.", family_names="Zúñiga Portillo")
    assert not SearchName.objects.filter(client=loaded).exists()
    out = StringIO()
    call_command("conflict_index_rebuild", stdout=out)
    assert "Indexed the names of 1 clients." in out.getvalue()
    _check, hits = _check_names(volunteer, "Francisco", "Zuniga Portillo")
    assert [hit.matched_client_id for hit in hits] == [loaded.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL planner setting")
def test_the_candidate_search_leaves_sequential_scans_as_the_server_has_them(volunteer):
    from django.db import transaction

    ClientFactory(given_names="Elena", family_names="Vargas")
    with transaction.atomic(), connection.cursor() as cursor:
        find_similar_names(conflict_name("Elena Vargas"))
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
