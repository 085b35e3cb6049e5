"""What an intake records for funders' counts: age group, gender, ZIP code, community area, ward."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from intake.models import AgeBand, CommunityArea, Gender, Intake
from intake.models.demographics import age_band_for
from intake.services import (
    Demographics,
    Identity,
    Means,
    Situation,
    client_identity_update,
    intake_demographics_update,
    intake_start,
    intake_submit,
)
from tests.intake.factories import ClientFactory, IntakeFactory
from tests.intake.test_views import HOUSEHOLD, IDENTITY, PARTIES, SITUATION, _detail, _step

WHERE = {"zip_code": "60623", "community_area": CommunityArea.SOUTH_LAWNDALE, "ward": "22"}


def _years_before(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year - years)


@pytest.mark.parametrize(
    ("years", "band"),
    [
        (0, AgeBand.UNDER_18),
        (17, AgeBand.UNDER_18),
        (18, AgeBand.FROM_18),
        (24, AgeBand.FROM_18),
        (25, AgeBand.FROM_25),
        (44, AgeBand.FROM_35),
        (45, AgeBand.FROM_45),
        (64, AgeBand.FROM_55),
        (65, AgeBand.FROM_65),
        (101, AgeBand.FROM_65),
    ],
)
def test_the_age_group_starts_on_the_birthday(years, band):
    day = dt.date(2025, 6, 15)
    assert age_band_for(_years_before(day, years), on=day) == band


def test_an_unknown_or_impossible_birth_date_is_an_unknown_age_group():
    day = dt.date(2025, 6, 15)
    assert age_band_for(None, on=day) == AgeBand.UNKNOWN
    assert age_band_for(day + dt.timedelta(days=1), on=day) == AgeBand.UNKNOWN


def test_the_day_before_the_18th_birthday_is_still_under_18():
    assert age_band_for(dt.date(2007, 6, 16), on=dt.date(2025, 6, 15)) == AgeBand.UNDER_18


def test_someone_born_on_29_february_turns_18_on_1_march():
    born = dt.date(2008, 2, 29)
    assert age_band_for(born, on=dt.date(2026, 2, 28)) == AgeBand.UNDER_18
    assert age_band_for(born, on=dt.date(2026, 3, 1)) == AgeBand.FROM_18


def _submit(volunteer, *, born, demographics=None) -> Intake:
    return intake_submit(
        intake=intake_start(acting_user=volunteer),
        principal=Identity(given_names="Ana", family_names="Inventada", date_of_birth=born),
        members=[],
        parties=[],
        situation=Situation(channel=Intake.Channel.WALK_IN),
        means=Means(),
        narrative="",
        demographics=demographics,
        acting_user=volunteer,
    )


def test_submitting_records_the_age_group_on_the_day_and_what_the_client_said(volunteer):
    today = timezone.localdate()
    intake = _submit(
        volunteer,
        born=_years_before(today, 30),
        demographics=Demographics(
            gender=Gender.NON_BINARY, zip_code="60608", community_area=CommunityArea.LOWER_WEST_SIDE, ward=25
        ),
    )
    assert intake.age_band == AgeBand.FROM_25
    assert (intake.gender, intake.zip_code, intake.community_area, intake.ward) == (
        Gender.NON_BINARY,
        "60608",
        CommunityArea.LOWER_WEST_SIDE,
        25,
    )
    assert intake.history.first().history_user == volunteer


def test_an_intake_without_answers_records_not_asked_and_unknown(volunteer):
    intake = _submit(volunteer, born=None)
    assert (intake.age_band, intake.gender, intake.zip_code, intake.community_area, intake.ward) == (
        AgeBand.UNKNOWN,
        Gender.NOT_ASKED,
        "",
        "",
        None,
    )


def test_a_ward_outside_chicago_is_refused_by_the_service(volunteer):
    with pytest.raises(ValidationError, match="Wards are parts of Chicago"):
        _submit(
            volunteer,
            born=None,
            demographics=Demographics(community_area=CommunityArea.OUTSIDE_CHICAGO, ward=3),
        )


def test_correcting_the_date_of_birth_moves_the_age_group_of_each_intake(coordinator, volunteer):
    today = timezone.localdate()
    intake = _submit(volunteer, born=_years_before(today, 40))
    earlier = IntakeFactory(client=intake.client, submitted_at=timezone.now() - dt.timedelta(days=365 * 3))
    client_identity_update(
        client=intake.client,
        given_names="Ana",
        family_names="Inventada",
        aliases=[],
        a_number="",
        date_of_birth=_years_before(today, 20),
        country_of_birth="",
        acting_user=coordinator,
    )
    intake.refresh_from_db()
    earlier.refresh_from_db()
    assert intake.age_band == AgeBand.FROM_18
    assert earlier.age_band == AgeBand.UNDER_18  # 17 on the day of that intake
    assert intake.history.first().history_user == coordinator


def test_the_migration_fills_the_age_group_of_earlier_intakes(db):
    migration = importlib.import_module("intake.migrations.0009_intake_demographics")
    client = ClientFactory(date_of_birth=dt.date(1990, 7, 1))
    intake = IntakeFactory(client=client, submitted_at=timezone.make_aware(dt.datetime(2025, 6, 30, 12)))
    never_submitted = IntakeFactory(client=client, submitted_at=None)
    migration.age_bands_from_dates_of_birth(apps, None)
    intake.refresh_from_db()
    never_submitted.refresh_from_db()
    assert intake.age_band == AgeBand.FROM_25  # 34, a day before turning 35
    assert never_submitted.age_band == AgeBand.UNKNOWN


# The volunteer's form ------------------------------------------------------------------------------


def test_the_volunteer_is_asked_gender_and_where_the_client_lives_and_the_review_shows_it(
    client, volunteer, draft_intake
):
    client.force_login(volunteer)
    identity_page = client.get(_step(draft_intake, "identity")).content.decode()
    assert 'name="gender"' in identity_page
    situation_page = client.get(_step(draft_intake, "situation")).content.decode()
    assert "Where the client lives" in situation_page
    assert 'name="zip_code"' in situation_page and 'inputmode="numeric"' in situation_page
    born = _years_before(timezone.localdate(), 50).isoformat()
    for step, data in [
        ("identity", {**IDENTITY, "date_of_birth": born, "gender": Gender.WOMAN}),
        ("situation", {**SITUATION, **WHERE, "zip_code": "60623-1234"}),
        ("household", HOUSEHOLD),
        ("parties", PARTIES),
        ("narrative", {"narrative": ""}),
    ]:
        assert client.post(_step(draft_intake, step), data).status_code == 302, step
    review = client.get(_step(draft_intake, "review")).content.decode()
    for shown in ("45–54", "Woman", "ZIP code 60623", "South Lawndale", "Ward 22"):
        assert shown in review
    client.post(_step(draft_intake, "review"))
    draft_intake.refresh_from_db()
    assert (draft_intake.age_band, draft_intake.gender, draft_intake.zip_code) == ("45_54", "woman", "60623")
    assert (draft_intake.community_area, draft_intake.ward) == ("30", 22)
    page = client.get(_detail(draft_intake)).content.decode()
    assert "South Lawndale" in page and "Ward 22" in page


def test_every_question_about_the_client_may_go_unanswered(client, volunteer, draft_intake):
    client.force_login(volunteer)
    identity = {key: value for key, value in IDENTITY.items() if key != "gender"}
    assert client.post(_step(draft_intake, "identity"), identity).status_code == 302
    assert client.post(_step(draft_intake, "situation"), SITUATION).status_code == 302


@pytest.mark.parametrize("zip_code", ["6062", "606231", "ABCDE", "60623-12", "٦٠٦٢٣"])
def test_a_zip_code_that_is_not_five_digits_is_a_field_error(client, volunteer, draft_intake, zip_code):
    client.force_login(volunteer)
    response = client.post(_step(draft_intake, "situation"), {**SITUATION, "zip_code": zip_code})
    assert response.status_code == 200
    assert "5-digit ZIP code" in str(response.context["form"].errors["zip_code"])


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"community_area": CommunityArea.OUTSIDE_CHICAGO, "ward": "3"}, "ward"),
        ({"ward": "51"}, "ward"),
        ({"ward": "0"}, "ward"),
        ({"community_area": "78"}, "community_area"),
    ],
)
def test_a_ward_or_area_that_does_not_exist_is_a_field_error(client, volunteer, draft_intake, data, field):
    client.force_login(volunteer)
    response = client.post(_step(draft_intake, "situation"), {**SITUATION, **data})
    assert response.status_code == 200
    assert field in response.context["form"].errors


# The coordinator's correction -----------------------------------------------------------------------


@pytest.fixture
def submitted(volunteer):
    return _submit(volunteer, born=dt.date(1980, 1, 1))


def _demographics(intake):
    return reverse("intake:demographics", args=[intake.public_id])


def test_a_coordinator_corrects_what_funders_count_on_the_intake(client, coordinator, submitted):
    client.force_login(coordinator)
    assert "Correct what funders count" in client.get(_detail(submitted)).content.decode()
    response = client.post(_demographics(submitted), {"gender": Gender.DECLINED, **WHERE})
    assert response.url == _detail(submitted)
    submitted.refresh_from_db()
    assert (submitted.gender, submitted.zip_code, submitted.ward) == (Gender.DECLINED, "60623", 22)
    assert submitted.history.first().history_user == coordinator


def test_a_bad_correction_is_shown_beside_the_field(client, coordinator, submitted):
    client.force_login(coordinator)
    response = client.post(_demographics(submitted), {"zip_code": "1234", "ward": "99"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"zip_code", "ward"}


@pytest.mark.parametrize("actor", ["volunteer", "attorney"])
def test_only_coordinators_correct_what_funders_count(client, request, submitted, actor):
    client.force_login(request.getfixturevalue(actor))
    assert client.get(_demographics(submitted)).status_code == 403
    assert client.post(_demographics(submitted), {"gender": Gender.MAN}).status_code == 403
    submitted.refresh_from_db()
    assert submitted.gender == Gender.NOT_ASKED


def test_the_service_refuses_anyone_but_a_coordinator(volunteer, submitted):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        intake_demographics_update(
            intake=submitted, gender="man", zip_code="", community_area="", ward=None, acting_user=volunteer
        )


def test_a_draft_has_nothing_to_correct_yet(client, coordinator, draft_intake):
    client.force_login(coordinator)
    assert client.get(_demographics(draft_intake)).status_code == 404


def test_the_client_pages_show_the_latest_intakes_answers(client, coordinator, submitted):
    intake_demographics_update(
        intake=submitted,
        gender=Gender.WOMAN,
        zip_code="60640",
        community_area=CommunityArea.UPTOWN,
        ward=46,
        acting_user=coordinator,
    )
    client.force_login(coordinator)
    for url in (
        reverse("intake:client_detail", args=[submitted.client.public_id]),
        reverse("intake:client_edit", args=[submitted.client.public_id]),
    ):
        page = client.get(url).content.decode()
        assert "Uptown" in page and "Ward 46" in page and "ZIP code 60640" in page
