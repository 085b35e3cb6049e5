import datetime as dt

import pytest
from django.utils import timezone

from cases import matching
from cases.matching import normalise_name, rank_attorneys
from cases.models import AttorneyProfile, CaseType, Offer
from tests.cases.factories import (
    AdversePartyFactory,
    AttorneyProfileFactory,
    CaseFactory,
    ClientFactory,
    HearingFactory,
    OfferFactory,
)
from tests.factories import UserFactory

REMOVAL = CaseType.REMOVAL_DEFENSE


@pytest.fixture
def detained_spanish_speaker(db):
    client = ClientFactory(
        given_names="Marisol", family_names="Ocampo", preferred_language="es", languages=["es"]
    )
    AdversePartyFactory(client=client, name="Hartley & Ross, LLP")
    return CaseFactory(client=client, case_type=REMOVAL, is_detained=True)


def profile(**kwargs) -> AttorneyProfile:
    defaults = {"practice_areas": [REMOVAL], "takes_detained": True, "capacity": 3}
    return AttorneyProfileFactory(**{**defaults, **kwargs})


def names(matches) -> list[str]:
    return [m.candidate.firm for m in matches]


def test_it_normalises_names_for_conflict_search():
    assert normalise_name("Hartley & Ross, LLP") == normalise_name("  HARTLEY ross llp ")
    assert normalise_name("José Núñez") == "jose nunez"
    assert normalise_name("Núñez, José") == normalise_name("jose nunez")


def test_the_spanish_speaking_removal_attorney_with_capacity_ranks_first(detained_spanish_speaker):
    profile(firm="English only", languages=["en"], experience=AttorneyProfile.Experience.EXPERT)
    profile(firm="Spanish speaker", languages=["en", "es"], experience=AttorneyProfile.Experience.EXPERIENCED)
    profile(firm="Spanish but busy", languages=["es"], capacity=1)
    CaseFactory(attorney=AttorneyProfile.objects.get(firm="Spanish but busy").user)

    matches = rank_attorneys(case=detained_spanish_speaker)

    assert names(matches) == ["Spanish speaker", "English only"]
    assert any("client's language" in reason for reason in matches[0].reasons)
    assert any("interpreter" in reason for reason in matches[1].reasons)


def test_the_attorney_whose_firm_is_adverse_never_appears(detained_spanish_speaker):
    profile(firm="Hartley and Ross LLP".replace("and", "&"), languages=["es"])
    profile(firm="Clear firm")
    assert names(rank_attorneys(case=detained_spanish_speaker)) == ["Clear firm"]


def test_a_short_list_is_filled_past_the_best_placed_attorneys_whose_firm_is_adverse(
    detained_spanish_speaker,
):
    """The name check is asked of the best placed first, only until the list is full: a conflicted
    attorney at the top leaves a place for the next one, never a shorter list."""
    expert = AttorneyProfile.Experience.EXPERT
    profile(firm="Hartley & Ross LLP", languages=["es"], experience=expert)
    profile(firm="HARTLEY & ROSS, LLP", languages=["es"], experience=expert)
    profile(firm="Second", languages=["es"])
    profile(firm="Third", languages=["en"])
    assert names(rank_attorneys(case=detained_spanish_speaker, limit=1)) == ["Second"]
    assert names(rank_attorneys(case=detained_spanish_speaker, limit=2)) == ["Second", "Third"]
    assert names(rank_attorneys(case=detained_spanish_speaker, limit=None)) == ["Second", "Third"]
    relaxed = rank_attorneys(case=detained_spanish_speaker, limit=None, relax=frozenset({"conflicts"}))
    assert set(names(relaxed[:2])) == {"Hartley & Ross LLP", "HARTLEY & ROSS, LLP"}


def test_an_attorney_named_as_an_adverse_party_never_appears(detained_spanish_speaker):
    named = profile(firm="Solo", user=UserFactory(first_name="Gustavo", last_name="Peña", role="attorney"))
    AdversePartyFactory(client=detained_spanish_speaker.client, name="PEÑA, Gustavo", kind="person")
    assert named.user_id not in [m.attorney_id for m in rank_attorneys(case=detained_spanish_speaker)]


def test_an_attorney_representing_an_adverse_party_never_appears(detained_spanish_speaker):
    conflicted = profile(firm="Represents the other side", capacity=5)
    other_side = ClientFactory(given_names="Hartley &", family_names="Ross LLP")
    CaseFactory(client=other_side, attorney=conflicted.user)
    profile(firm="Clear firm")
    assert names(rank_attorneys(case=detained_spanish_speaker)) == ["Clear firm"]


def test_hard_filters_drop_wrong_area_no_detained_unavailable_and_full(detained_spanish_speaker):
    HearingFactory(case=detained_spanish_speaker, starts_at=timezone.now() + dt.timedelta(days=10))
    today = timezone.localdate()
    profile(firm="Asylum only", practice_areas=[CaseType.ASYLUM])
    profile(firm="No detained", takes_detained=False)
    profile(firm="Back after the hearing", available_from=today + dt.timedelta(days=30))
    profile(firm="Gone", available_to=today - dt.timedelta(days=1))
    full = profile(firm="Full", capacity=1)
    CaseFactory(attorney=full.user)
    profile(firm="Available", available_from=today + dt.timedelta(days=3))
    assert names(rank_attorneys(case=detained_spanish_speaker)) == ["Available"]


def test_lighter_load_and_better_acceptance_rank_higher(detained_spanish_speaker):
    busy = profile(firm="Busy", capacity=4)
    CaseFactory(attorney=busy.user)
    CaseFactory(attorney=busy.user)
    profile(firm="Free", capacity=4)
    ranked = rank_attorneys(case=detained_spanish_speaker)
    assert names(ranked) == ["Free", "Busy"]
    assert "2 of 4 cases in use" in ranked[1].reasons

    for _ in range(3):
        OfferFactory(attorney=busy.user, status=Offer.Status.ACCEPTED)
    free = AttorneyProfile.objects.get(firm="Free")
    for _ in range(3):
        OfferFactory(attorney=free.user, status=Offer.Status.DECLINED)
    ranked = rank_attorneys(case=detained_spanish_speaker)
    assert "Accepted 3 of 3 offers" in ranked[names(ranked).index("Busy")].reasons


def test_experience_with_the_case_type_counts(detained_spanish_speaker):
    veteran = profile(firm="Veteran", capacity=10)
    for _ in range(3):
        CaseFactory(attorney=veteran.user, case_type=REMOVAL, status="closed", closing_code="IB")
    profile(firm="Newcomer", capacity=10)
    ranked = rank_attorneys(case=detained_spanish_speaker)
    assert names(ranked) == ["Veteran", "Newcomer"]


def test_ranking_takes_a_fixed_number_of_queries(detained_spanish_speaker, django_assert_num_queries):
    for i in range(25):
        profile(firm=f"Firm {i}", languages=["es"] if i % 2 else ["en"])
    with django_assert_num_queries(6):
        matches = rank_attorneys(case=detained_spanish_speaker)
    assert len(matches) == 25


def test_when_nobody_passes_the_page_says_which_filter_removed_how_many_and_offers_to_relax_one(
    client, coordinator, awaiting_case
):
    from django.urls import reverse

    # Detained removal case: two attorneys take removal but not detained cases, one takes only asylum.
    profile(firm="No detained A", takes_detained=False)
    profile(firm="No detained B", takes_detained=False)
    profile(firm="Asylum only", practice_areas=[CaseType.ASYLUM], takes_detained=True)
    client.force_login(coordinator)
    url = reverse("cases:case_match", args=[awaiting_case.public_id])
    html = client.get(url).content.decode()
    assert "No attorney passes the filters for this case" in html
    steps = {step.key: (step.removed, step.left) for step in matching.filter_funnel(case=awaiting_case)}
    assert steps["practice_area"] == (1, 2)
    assert steps["detained"] == (2, 0)
    assert f"{url}?relax=detained" in html
    relaxed = client.get(url, {"relax": "detained"}).content.decode()
    assert "No detained A" in relaxed and "No detained B" in relaxed
    assert "Asylum only" not in relaxed
    assert "takes detained cases" in relaxed  # it says which filter is lifted


def test_an_unknown_filter_name_relaxes_nothing(client, coordinator, awaiting_case, attorney):
    from django.urls import reverse

    profile(firm="No detained", takes_detained=False)
    client.force_login(coordinator)
    html = client.get(reverse("cases:case_match", args=[awaiting_case.public_id]), {"relax": "everything"})
    assert "No detained" not in html.content.decode()
    client.force_login(attorney)
    assert client.get(reverse("cases:case_match", args=[awaiting_case.public_id])).status_code == 404


def test_ranking_reads_stored_loads_instead_of_counting_the_history(
    detained_spanish_speaker, django_assert_num_queries
):
    busy = profile(firm="Busy", capacity=50)
    for _ in range(6):
        CaseFactory(attorney=busy.user, case_type=REMOVAL)
    for _ in range(4):
        CaseFactory(attorney=busy.user, case_type=REMOVAL, status="closed", closing_code="IB")
    with django_assert_num_queries(6):
        (match,) = rank_attorneys(case=detained_spanish_speaker)
    assert (match.candidate.load, match.candidate.same_type_cases) == (6, 10)
