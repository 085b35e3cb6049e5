from io import StringIO

from django.core.management import call_command

from cases.models import AttorneyProfile, Case, Offer


def test_seed_demo_makes_cases_in_every_state_and_offers_for_attorney(db):
    call_command("seed_demo", password="demo-password-1", stdout=StringIO())
    assert set(Case.objects.values_list("status", flat=True)) == set(Case.Status.values)
    assert Offer.objects.filter(attorney__username="attorney", status=Offer.Status.OPEN).exists()
    assert AttorneyProfile.objects.filter(user__username__in=["attorney", "attorney2"]).count() == 2


def test_seed_demo_twice_creates_no_duplicates(db):
    call_command("seed_demo", password="demo-password-1", stdout=StringIO())
    counts = (Case.objects.count(), Offer.objects.count(), AttorneyProfile.objects.count())
    call_command("seed_demo", password="demo-password-1", stdout=StringIO())
    assert (Case.objects.count(), Offer.objects.count(), AttorneyProfile.objects.count()) == counts


def test_every_demo_case_client_is_in_the_conflict_index_and_has_history(db):
    from intake.matching import find_similar_names
    from intake.normalise import conflict_name

    call_command("seed_demo", password="demo-password-1", stdout=StringIO())
    for case in Case.objects.select_related("client"):
        hits = find_similar_names(conflict_name(case.client.full_name))
        assert any(hit.client_id == case.client_id for hit in hits), case.client.full_name
        assert case.history.exists()
        assert case.client.history.exists()
