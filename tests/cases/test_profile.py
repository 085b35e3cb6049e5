from django.urls import reverse

from cases.models import AttorneyProfile

FORM = {
    "firm": "Willow Street Legal",
    "bar_admissions": "Illinois 2018",
    "languages": "EN, es , es",
    "practice_areas": ["removal", "bond"],
    "experience": "3",
    "capacity": "4",
    "takes_detained": "on",
}


def test_an_attorney_creates_their_matching_profile(client, attorney):
    client.force_login(attorney)
    assert client.get(reverse("cases:profile_edit")).status_code == 200
    response = client.post(reverse("cases:profile_edit"), FORM)
    assert response.status_code == 302
    profile = AttorneyProfile.objects.get(user=attorney)
    assert profile.languages == ["en", "es"]
    assert profile.practice_areas == ["removal", "bond"]
    assert profile.takes_detained and profile.capacity == 4
    assert profile.history.first().history_user == attorney


def test_an_attorney_updates_their_profile_without_duplicating_it(client, attorney):
    client.force_login(attorney)
    client.post(reverse("cases:profile_edit"), FORM)
    client.post(reverse("cases:profile_edit"), {**FORM, "capacity": "1"})
    assert AttorneyProfile.objects.get(user=attorney).capacity == 1


def test_nonsense_language_codes_are_refused(client, attorney):
    client.force_login(attorney)
    response = client.post(reverse("cases:profile_edit"), {**FORM, "languages": "Spanish!!"})
    assert response.status_code == 200
    assert not AttorneyProfile.objects.filter(user=attorney).exists()


def test_coordinators_and_volunteers_have_no_attorney_profile_page(client, coordinator, volunteer):
    for user in (coordinator, volunteer):
        client.force_login(user)
        assert client.get(reverse("cases:profile_edit")).status_code == 403
