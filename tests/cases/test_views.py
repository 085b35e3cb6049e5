import datetime as dt
import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.urls import URLPattern, reverse
from django.utils import timezone, translation

from cases import services
from cases import urls as case_urls
from cases.models import Assignment, Case, CaseType, Offer
from clinic import registry
from clinic.models import AccessEvent
from clinic.registry import register_panel
from tests.cases.factories import (
    AttorneyProfileFactory,
    CaseFactory,
    ClientFactory,
    HearingFactory,
    OfferFactory,
)

# Role-guarded, tested on their own.
NOT_CASE_URLS = {"intake_accept", "response_open_case", "funder_edit", "grant_edit"}


def _case_urls(case, offer, assignment):
    """Every cases URL that names an object, filled in with objects `attorney` may reach."""
    hearing = HearingFactory(case=case)
    deadline = services.deadline_create(
        case=case, title="File the brief", due_date=dt.date(2030, 1, 7), acting_user=case.opened_by
    )
    values = {
        "public_id": case.public_id,
        "offer_pk": offer.pk,
        "assignment_pk": assignment.pk,
        "hearing_pk": hearing.pk,
        "deadline_pk": deadline.pk,
    }
    for pattern in case_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        params = re.findall(r"<(?:int|uuid):(\w+)>", str(pattern.pattern))
        if not params or pattern.name in NOT_CASE_URLS:
            continue
        if pattern.name.startswith("offer_") and "offer_pk" not in params:
            yield pattern.name, reverse(f"cases:{pattern.name}", args=[offer.pk])
        else:
            yield pattern.name, reverse(f"cases:{pattern.name}", kwargs={p: values[p] for p in params})


def test_other_attorney_gets_404_on_every_case_url(client, attorney, other_attorney, coordinator, case):
    offer = OfferFactory(attorney=attorney, offered_by=coordinator)
    assignment = case.assignments.get()
    client.force_login(other_attorney)
    walked = []
    for name, url in _case_urls(case, offer, assignment):
        walked.append(name)
        assert client.get(url).status_code in {404, 405}, name
        assert client.post(url, {"body": "x", "reason": "x"}).status_code == 404, name
    assert len(walked) >= 18, walked
    case.refresh_from_db()
    assert case.status == Case.Status.ACTIVE and not case.notes.exists()


def test_the_attorney_holding_the_case_reads_it_and_the_read_is_logged(client, attorney, case):
    client.force_login(attorney)
    response = client.get(reverse("cases:case_detail", args=[case.public_id]))
    assert response.status_code == 200
    assert case.client.full_name in response.content.decode()
    assert AccessEvent.objects.filter(actor=attorney, object_id=str(case.client.pk)).exists()


def test_the_attorney_holding_the_case_is_refused_the_coordinator_pages(client, attorney, case):
    client.force_login(attorney)
    assert client.get(reverse("cases:case_match", args=[case.public_id])).status_code == 404
    assert client.get(reverse("cases:case_edit", args=[case.public_id])).status_code == 404


def test_a_volunteer_is_refused_case_pages(client, volunteer, case):
    client.force_login(volunteer)
    assert client.get(reverse("cases:case_detail", args=[case.public_id])).status_code == 403
    assert client.get(reverse("cases:case_list")).status_code == 403


def test_the_coordinator_reaches_every_case_and_the_history_tab(client, coordinator, attorney, case):
    client.force_login(coordinator)
    assert client.get(reverse("cases:case_detail", args=[case.public_id])).status_code == 200
    response = client.get(reverse("cases:case_history", args=[case.public_id]))
    assert response.status_code == 200
    assert "created the assignment" in response.content.decode()


def test_the_history_tab_shows_who_changed_what(client, coordinator, attorney, case):
    client.force_login(attorney)
    client.post(
        reverse("cases:case_close", args=[case.public_id]), {"closing_code": "A", "outcome": "withdrawn"}
    )
    response = client.get(reverse("cases:case_history", args=[case.public_id]))
    body = response.content.decode()
    assert f"{attorney} changed the case" in body
    assert "to Closed" in body and "Status: from" in body  # labels and choice names, not codes
    assert "Outcome: from Pending to Withdrawn" in body


def test_the_history_tab_reads_in_spanish_and_names_durations_in_words(client, coordinator, awaiting_case):
    from cases.services import offer_accept, offer_create
    from clinic.roles import Role
    from tests.factories import UserFactory

    lawyer = UserFactory(role=Role.ATTORNEY)
    [offer] = offer_create(case=awaiting_case, attorneys=[lawyer], acting_user=coordinator)
    offer_accept(offer=offer, acting_user=lawyer)
    client.force_login(coordinator)
    client.post(reverse("set_language"), {"language": "es"})
    body = client.get(reverse("cases:case_history", args=[awaiting_case.public_id])).content.decode()
    assert re.search(r"Estado: \w+ Ofrecido \w+ Activo", body)  # the field and choices in Spanish


def test_the_history_page_query_count_does_not_grow_with_assignments(
    client, coordinator, case, django_assert_max_num_queries
):
    from cases.services import assignment_create, assignment_end
    from clinic.roles import Role
    from tests.factories import UserFactory

    client.force_login(coordinator)
    url = reverse("cases:case_history", args=[case.public_id])
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    baseline = len(few.captured_queries)
    for _ in range(8):
        assignment = assignment_create(
            case=case, attorney=UserFactory(role=Role.ATTORNEY), role="mentor", acting_user=coordinator
        )
        assignment_end(assignment=assignment, acting_user=coordinator)
    with django_assert_max_num_queries(baseline) as many:
        client.get(url)
    assert len(many.captured_queries) == baseline


def test_the_caseload_shows_offers_on_top_and_cases_by_next_hearing(client, attorney, coordinator):
    later = CaseFactory(attorney=attorney, client=ClientFactory(given_names="Later"))
    sooner = CaseFactory(attorney=attorney, client=ClientFactory(given_names="Sooner"))
    HearingFactory(case=later, starts_at=timezone.now() + dt.timedelta(days=40))
    HearingFactory(case=sooner, starts_at=timezone.now() + dt.timedelta(days=3))
    offer = OfferFactory(
        attorney=attorney, offered_by=coordinator, case__client=ClientFactory(given_names="Offered")
    )
    client.force_login(attorney)
    body = client.get(reverse("cases:caseload")).content.decode()
    assert body.index(offer.case.reference) < body.index("Sooner") < body.index("Later")
    assert "Offered" not in body  # the offered client's name waits until the attorney accepts
    assert "list__item--urgent" in body


def test_the_caseload_does_not_show_other_attorneys_cases(client, attorney, other_attorney):
    CaseFactory(attorney=other_attorney, client=ClientFactory(given_names="Elsewhere"))
    client.force_login(attorney)
    assert "Elsewhere" not in client.get(reverse("cases:caseload")).content.decode()


@pytest.mark.parametrize("how_many", [1, 25])
def test_caseload_query_count_does_not_grow_with_cases(
    client, attorney, coordinator, how_many, django_assert_num_queries
):
    for case in CaseFactory.create_batch(how_many, attorney=attorney):
        HearingFactory(case=case)
    for case in CaseFactory.create_batch(1 + how_many // 5, status=Case.Status.OFFERED):
        HearingFactory(case=case)
        OfferFactory(case=case, attorney=attorney, offered_by=coordinator)
    client.force_login(attorney)
    # session, user (with its roles), offers, cases
    with django_assert_num_queries(4):
        response = client.get(reverse("cases:caseload"))
    assert response.status_code == 200
    assert len(response.context["offers"]) == 1 + how_many // 5
    assert len(response.context["table"].rows) == how_many


def test_an_attorney_accepts_an_offer_from_their_page(client, attorney, offer):
    client.force_login(attorney)
    response = client.post(reverse("cases:offer_accept", args=[offer.pk]))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == Offer.Status.ACCEPTED
    assert client.get(reverse("cases:case_detail", args=[offer.case.public_id])).status_code == 200


def test_an_attorney_declines_with_a_reason(client, attorney, offer):
    client.force_login(attorney)
    client.post(reverse("cases:offer_decline", args=[offer.pk]), {"reason": "Out of the country"})
    offer.refresh_from_db()
    assert offer.status == Offer.Status.DECLINED


def test_another_attorney_cannot_answer_an_offer(client, other_attorney, offer):
    client.force_login(other_attorney)
    assert client.post(reverse("cases:offer_accept", args=[offer.pk])).status_code == 404
    offer.refresh_from_db()
    assert offer.status == Offer.Status.OPEN


def test_the_coordinator_sees_ranked_attorneys_and_sends_offers(client, coordinator, awaiting_case):
    first = AttorneyProfileFactory(practice_areas=["removal"], takes_detained=True, languages=["es"])
    AttorneyProfileFactory(practice_areas=["asylum"], takes_detained=True)
    client.force_login(coordinator)
    response = client.get(reverse("cases:case_match", args=[awaiting_case.public_id]))
    assert response.status_code == 200
    assert str(first.user) in response.content.decode()
    assert "client&#x27;s language" in response.content.decode()
    client.post(reverse("cases:case_match", args=[awaiting_case.public_id]), {"attorneys": [first.user.pk]})
    assert awaiting_case.offers.get().attorney == first.user


def test_the_coordinator_ends_an_assignment_and_the_attorney_loses_access(
    client, coordinator, attorney, case
):
    assignment = case.assignments.get()
    client.force_login(coordinator)
    client.post(reverse("cases:assignment_end", args=[case.public_id, assignment.pk]))
    client.force_login(attorney)
    assert client.get(reverse("cases:case_detail", args=[case.public_id])).status_code == 404


def test_the_attorney_records_time_and_notes(client, attorney, case):
    client.force_login(attorney)
    client.post(reverse("cases:note_add", args=[case.public_id]), {"body": "Called the client."})
    client.post(
        reverse("cases:time_add", args=[case.public_id]),
        {"worked_on": "2026-11-20", "hours": "1.3", "description": "Drafted the I-589"},
    )
    assert case.notes.get().body == "Called the client."
    assert str(case.time_entries.get().hours) == "1.3"


def test_time_that_is_not_in_tenths_is_refused_with_a_message(client, attorney, case):
    client.force_login(attorney)
    response = client.post(
        reverse("cases:time_add", args=[case.public_id]),
        {"worked_on": "2026-11-20", "hours": "0.25", "description": "Call"},
        follow=True,
    )
    assert not case.time_entries.exists()
    assert "tenths" in response.content.decode() or "decimal" in response.content.decode()


def test_the_coordinator_filters_cases_by_status(client, coordinator, attorney, awaiting_case):
    CaseFactory(attorney=attorney, client=ClientFactory(given_names="Holding"))
    client.force_login(coordinator)
    body = client.get(reverse("cases:case_list"), {"status": "awaiting"}).content.decode()
    assert awaiting_case.client.full_name in body and "Holding" not in body


def test_accepting_an_intake_opens_a_case(client, coordinator):
    from intake.services import conflict_check_run
    from tests.cases.factories import IntakeFactory

    intake = IntakeFactory()
    conflict_check_run(intake=intake, acting_user=coordinator)
    client.force_login(coordinator)
    response = client.post(reverse("cases:intake_accept", args=[intake.public_id]))
    case = Case.objects.get(intake=intake)
    assert case.status == Case.Status.AWAITING_ASSIGNMENT
    assert response.url == reverse("cases:case_detail", args=[case.public_id])  # the next step: matching


def test_an_intake_without_a_conflict_check_is_not_accepted(client, coordinator):
    from tests.cases.factories import IntakeFactory

    intake = IntakeFactory()
    client.force_login(coordinator)
    response = client.post(reverse("cases:intake_accept", args=[intake.public_id]), follow=True)
    assert not Case.objects.filter(intake=intake).exists()
    assert "Run the conflict check before accepting this intake." in response.content.decode()


def test_an_attorney_cannot_accept_an_intake(client, attorney):
    from tests.cases.factories import IntakeFactory

    client.force_login(attorney)
    assert client.post(reverse("cases:intake_accept", args=[IntakeFactory().public_id])).status_code == 403


def test_a_mentor_cannot_close_the_case(client, coordinator, other_attorney, case):
    from cases import services

    services.assignment_create(
        case=case, attorney=other_attorney, role=Assignment.Role.MENTOR, acting_user=coordinator
    )
    client.force_login(other_attorney)
    assert client.get(reverse("cases:case_detail", args=[case.public_id])).status_code == 200
    assert (
        client.post(
            reverse("cases:case_close", args=[case.public_id]), {"closing_code": "A", "outcome": "other"}
        ).status_code
        == 404
    )


@pytest.mark.parametrize("how_many", [1, 20])
def test_the_case_list_query_count_does_not_grow_with_cases(
    client, coordinator, how_many, django_assert_num_queries
):
    for case in CaseFactory.create_batch(how_many):
        HearingFactory(case=case)
    client.force_login(coordinator)
    # session, user with roles, the page's cases (nothing counts the table)
    with django_assert_num_queries(3):
        assert client.get(reverse("cases:case_list")).status_code == 200
    with django_assert_num_queries(3):
        assert client.get(reverse("cases:case_list"), {"status": "awaiting", "page": 2}).status_code == 200


def test_the_case_list_pages_detained_first_then_oldest_without_counting(client, coordinator, volunteer):
    from cases import selectors

    CaseFactory.create_batch(3)
    detained = CaseFactory(is_detained=True)
    first = selectors.case_list(per_page=2)
    assert first.cases[0].pk == detained.pk and first.has_next and not first.has_previous
    second = selectors.case_list(per_page=2, page=2)
    assert len(second.cases) == 2 and not second.has_next and second.has_previous
    assert not {row.pk for row in first.cases} & {row.pk for row in second.cases}

    client.force_login(coordinator)
    past_the_end = client.get(reverse("cases:case_list"), {"page": "2"}).content.decode()
    assert "No more cases" in past_the_end
    assert client.get(reverse("cases:case_list"), {"page": "x"}).status_code == 200
    client.force_login(volunteer)
    assert client.get(reverse("cases:case_list")).status_code == 403


def test_the_case_list_counts_the_next_hearing_from_the_moment_of_each_view(db, monkeypatch):
    """Its query is compiled once per connection; the time is bound on each view, not frozen in."""
    from cases import selectors
    from cases.selectors import cases as case_selectors

    now = timezone.now()
    case = CaseFactory(status=Case.Status.AWAITING_ASSIGNMENT)
    HearingFactory(case=case, starts_at=now + dt.timedelta(hours=1))
    HearingFactory(case=case, starts_at=now + dt.timedelta(days=3))
    for status in (None, Case.Status.AWAITING_ASSIGNMENT):
        [row] = selectors.case_list(status=status).cases
        assert row.next_hearing_at == now + dt.timedelta(hours=1)
    monkeypatch.setattr(case_selectors.timezone, "now", lambda: now + dt.timedelta(hours=2))
    for status in (None, Case.Status.AWAITING_ASSIGNMENT):
        [row] = selectors.case_list(status=status).cases
        assert row.next_hearing_at == now + dt.timedelta(days=3)  # the first has been heard
    assert selectors.case_list(status=Case.Status.CLOSED).cases == []  # the status is bound too


def test_the_funding_page_query_count_does_not_grow_with_grants(
    client, coordinator, django_assert_num_queries
):
    from tests.cases.factories import FunderFactory, GrantFactory

    for name in ("North fund", "South fund", "East fund"):
        GrantFactory.create_batch(3, funder=FunderFactory(name=name))
    client.force_login(coordinator)
    with django_assert_num_queries(4):
        assert client.get(reverse("cases:funding")).status_code == 200


def test_the_case_page_query_count_does_not_grow_with_notes_time_and_history(client, attorney, coordinator):
    from django.test.utils import CaptureQueriesContext

    from cases import services

    def queries_for(case) -> int:
        client.force_login(attorney)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("cases:case_detail", args=[case.public_id])).status_code == 200
            assert client.get(reverse("cases:case_history", args=[case.public_id])).status_code == 200
        return len(ctx.captured_queries)

    small, large = CaseFactory(attorney=attorney), CaseFactory(attorney=attorney)
    for n in range(8):
        services.note_create(case=large, body=f"Note {n}", acting_user=attorney)
        services.time_entry_create(
            case=large,
            worked_by=attorney,
            worked_on=timezone.localdate(),
            hours="0.5",
            description="Call",
            grant=None,
            acting_user=attorney,
        )
        HearingFactory(case=large)
    assert queries_for(small) == queries_for(large)


def test_the_coordinator_adds_a_mentor_who_then_reads_the_case(client, coordinator, other_attorney, case):
    client.force_login(coordinator)
    client.post(
        reverse("cases:assignment_add", args=[case.public_id]),
        {"attorney": other_attorney.pk, "role": "mentor"},
    )
    assert case.assignments.filter(attorney=other_attorney, role=Assignment.Role.MENTOR).exists()
    client.force_login(other_attorney)
    assert client.get(reverse("cases:case_detail", args=[case.public_id])).status_code == 200


def test_an_attorney_cannot_add_attorneys_to_their_own_case(client, attorney, other_attorney, case):
    client.force_login(attorney)
    response = client.post(
        reverse("cases:assignment_add", args=[case.public_id]),
        {"attorney": other_attorney.pk, "role": "lead"},
    )
    assert response.status_code == 404
    assert not case.assignments.filter(attorney=other_attorney).exists()


def test_the_matching_page_query_count_does_not_grow_with_attorneys(client, coordinator, awaiting_case):
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("cases:case_match", args=[awaiting_case.public_id])).status_code == 200
        return len(ctx.captured_queries)

    client.force_login(coordinator)
    AttorneyProfileFactory(practice_areas=["removal"], takes_detained=True)
    few = queries()
    AttorneyProfileFactory.create_batch(15, practice_areas=["removal"], takes_detained=True)
    assert queries() == few


def test_an_attorney_is_refused_the_coordinator_case_list(client, attorney):
    client.force_login(attorney)
    assert client.get(reverse("cases:case_list")).status_code == 403


@pytest.fixture
def scratch_panel():
    yield "test-panel"
    registry.registry.panels["case"].pop("test-panel", None)


def test_a_panel_appears_on_the_case_page_for_those_who_may_see_the_case(
    scratch_panel, client, attorney, other_attorney, case
):
    register_panel("case", scratch_panel, lambda request, obj: f'<p id="panel">{obj.reference}</p>')
    client.force_login(attorney)
    assert (
        f'<p id="panel">{case.reference}</p>'
        in client.get(reverse("cases:case_detail", args=[case.public_id])).content.decode()
    )
    client.force_login(other_attorney)
    assert client.get(reverse("cases:case_detail", args=[case.public_id])).status_code == 404


def _clear_intake(coordinator, **fields):
    from intake.services import conflict_check_run
    from tests.cases.factories import IntakeFactory

    intake = IntakeFactory(**fields)
    conflict_check_run(intake=intake, acting_user=coordinator)
    return intake


def test_what_the_intake_knows_the_case_knows(client, coordinator):
    intake = _clear_intake(
        coordinator,
        help_needed="asylum",
        court="Chicago Immigration Court",
        next_hearing_date=timezone.localdate() + dt.timedelta(days=20),
        is_detained=True,
    )
    client.force_login(coordinator)
    client.post(reverse("cases:intake_accept", args=[intake.public_id]))
    case = Case.objects.get(intake=intake)
    assert (case.case_type, case.court, case.is_detained) == ("asylum", "Chicago Immigration Court", True)
    hearing = case.hearings.get()
    assert timezone.localtime(hearing.starts_at).date() == intake.next_hearing_date


def test_the_coordinator_corrects_the_case_details_when_accepting(client, coordinator):
    intake = _clear_intake(coordinator, help_needed="other", court="")
    client.force_login(coordinator)
    page = client.get(reverse("intake:detail", args=[intake.public_id])).content.decode()
    assert 'name="accept-case_type"' in page  # the panel cases adds to the intake page
    response = client.post(
        reverse("cases:intake_accept", args=[intake.public_id]),
        {
            "accept-case_type": "bond",
            "accept-court": "Chicago Immigration Court",
            "accept-is_detained": "on",
            "accept-first_hearing_at": "2027-01-12T13:30",
            "accept-hearing_kind": "bond",
        },
    )
    case = Case.objects.get(intake=intake)
    assert response.url == reverse("cases:case_detail", args=[case.public_id])
    assert (case.case_type, case.court, case.is_detained) == ("bond", "Chicago Immigration Court", True)
    hearing = case.hearings.get()
    assert (hearing.kind, timezone.localtime(hearing.starts_at).strftime("%Y-%m-%d %H:%M")) == (
        "bond",
        "2027-01-12 13:30",
    )


def test_an_impossible_hearing_year_is_a_field_error_and_opens_nothing(client, coordinator):
    intake = _clear_intake(coordinator)
    client.force_login(coordinator)
    response = client.post(
        reverse("cases:intake_accept", args=[intake.public_id]),
        {
            "accept-case_type": "removal",
            "accept-first_hearing_at": "9999-01-12T13:30",
            "accept-hearing_kind": "master",
        },
    )
    assert response.status_code == 400
    assert "Check the year" in response.content.decode()
    assert not Case.objects.filter(intake=intake).exists()


def test_volunteers_and_attorneys_cannot_accept_an_intake(client, coordinator, volunteer, attorney):
    intake = _clear_intake(coordinator, volunteer=volunteer)
    for user in (volunteer, attorney):
        client.force_login(user)
        assert client.post(reverse("cases:intake_accept", args=[intake.public_id])).status_code == 403
        page = client.get(reverse("intake:detail", args=[intake.public_id])).content.decode()
        assert 'name="accept-case_type"' not in page
    assert not Case.objects.filter(intake=intake).exists()


def test_every_kind_of_help_a_volunteer_can_choose_is_a_case_type():
    from intake.models import Intake

    assert set(Intake.HelpNeeded.values) <= set(CaseType.values)


def test_an_offer_says_what_the_attorney_would_accept_but_not_who(client, coordinator, attorney):
    from cases.services import offer_create
    from tests.cases.factories import ClientFactory, HearingFactory

    person = ClientFactory(given_names="Itzel", family_names="Coyotl Anaya", languages=["es", "nah"])
    case = CaseFactory(client=person, is_detained=True, court="Chicago Immigration Court")
    HearingFactory(case=case, starts_at=timezone.now() + dt.timedelta(days=5))
    offer_create(case=case, attorneys=[attorney], acting_user=coordinator)
    client.force_login(attorney)
    html = client.get(reverse("cases:caseload")).content.decode()
    assert "Chicago Immigration Court" in html
    assert "Spanish" in html
    assert "Urgent: detained or a hearing within 14 days" in html
    assert case.reference in html
    assert "Itzel" not in html and "Coyotl" not in html


def test_the_attorney_opens_the_client_section_and_the_read_is_logged(client, attorney, other_attorney, case):

    person = case.client
    person.phone, person.safe_contact_note, person.a_number = (
        "+1 555 010 0142",
        "Solo por la tarde",
        "201234567",
    )
    person.save()
    client.force_login(attorney)
    before = AccessEvent.objects.count()
    html = client.get(reverse("cases:case_client", args=[case.public_id])).content.decode()
    assert "+1 555 010 0142" in html
    assert "Solo por la tarde" in html
    assert "A-201-234-567" in html
    assert AccessEvent.objects.count() == before + 1
    assert (
        "+1 555 010 0142"
        not in client.get(reverse("cases:case_detail", args=[case.public_id])).content.decode()
    )
    client.force_login(other_attorney)
    assert client.get(reverse("cases:case_client", args=[case.public_id])).status_code == 404


def test_the_client_page_lists_the_clients_cases_for_coordinators(client, coordinator, attorney, case):
    client.force_login(coordinator)
    html = client.get(reverse("intake:client_detail", args=[case.client.public_id])).content.decode()
    assert reverse("cases:case_detail", args=[case.public_id]) in html
    client.force_login(attorney)
    assert client.get(reverse("intake:client_detail", args=[case.client.public_id])).status_code == 403


def test_the_case_history_query_count_does_not_grow_with_assignments_and_offers(
    client, coordinator, django_assert_num_queries, django_assert_max_num_queries
):
    from cases import services
    from tests.factories import UserFactory

    case = CaseFactory(attorney=UserFactory(role="attorney"))
    OfferFactory(case=case, offered_by=coordinator)
    url = reverse("cases:case_history", args=[case.public_id])
    client.force_login(coordinator)
    # one query per kind of record and per related model it names, whatever their number
    with django_assert_max_num_queries(24) as few:
        assert client.get(url).status_code == 200

    for _ in range(5):
        held = services.assignment_create(
            case=case, attorney=UserFactory(role="attorney"), role="co_counsel", acting_user=coordinator
        )
        services.assignment_end(assignment=held, acting_user=coordinator)
        if Case.objects.get(pk=case.pk).status != Case.Status.ACTIVE:
            Case.objects.filter(pk=case.pk).update(status=Case.Status.ACTIVE)
    OfferFactory.create_batch(5, case=case, offered_by=coordinator)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("Co-counsel") >= 5


def test_another_attorney_cannot_read_a_case_history(client, other_attorney, case):
    client.force_login(other_attorney)
    assert client.get(reverse("cases:case_history", args=[case.public_id])).status_code == 404


def test_the_caseload_shows_fifty_cases_a_page(client, attorney, other_attorney):
    from cases.views.offers import CASELOAD_PAGE

    for _ in range(CASELOAD_PAGE + 2):
        CaseFactory(attorney=attorney)
    client.force_login(attorney)
    first = client.get(reverse("cases:caseload"))
    assert len(first.context["table"].rows) == CASELOAD_PAGE and first.context["page"].has_next
    second = client.get(reverse("cases:caseload"), {"page": 2})
    assert len(second.context["table"].rows) == 2 and not second.context["page"].has_next
    client.force_login(other_attorney)
    assert client.get(reverse("cases:caseload")).context["table"].rows == []


@pytest.mark.parametrize("year", ["9999", "0001", "3000"])
def test_an_impossible_hearing_year_is_a_field_error_not_a_server_error(client, attorney, case, year):
    client.force_login(attorney)
    response = client.post(
        reverse("cases:hearing_add", args=[case.public_id]),
        {"kind": "master", "starts_at": f"{year}-03-01T09:00", "mode": "in_person", "judge": ""},
    )
    assert response.status_code in {200, 400}
    assert "Check the year" in response.content.decode()
    assert not case.hearings.exists()


def test_the_history_names_a_note_by_its_case_reference_not_a_row_number(client, attorney, case):
    from cases.services import note_create

    note_create(case=case, body="Llamar por la mañana.", acting_user=attorney)
    client.force_login(attorney)
    body = client.get(reverse("cases:case_history", args=[case.public_id])).content.decode()
    assert f"(Note on Case {case.reference})" in body
    assert f"(Note on {case.pk})" not in body


def _offer_row(**values):
    from types import SimpleNamespace
    from uuid import uuid4

    row = {
        "pk": 7,
        "expires_at": timezone.now() + dt.timedelta(days=1, hours=1, minutes=1),
        "case__public_id": uuid4(),
        "case__case_type": "asylum",
        "case__is_detained": False,
        "case__court": "",
        "case__client__languages": [],
        "next_hearing_at": None,
    }
    return SimpleNamespace(**{**row, **values})


def test_an_offer_card_is_prepared_escaped_with_its_links_and_words(settings):
    from cases.views.offers import offer_cards

    settings.TIME_ZONE = "America/Chicago"
    now = timezone.now()
    hearing = now + dt.timedelta(days=5, hours=1)
    row = _offer_row(
        case__is_detained=True,
        case__court="Smith & <Wesson>",
        case__client__languages=["es", "qu"],
        next_hearing_at=hearing,
    )
    [card] = offer_cards([row], now=now)
    reference = row.case__public_id.hex[:10].upper()
    assert card.css == "list__item list__item--urgent"
    assert card.title == f'<strong class="badge badge--urgent">Detained</strong> Asylum · Case {reference}'
    assert card.detained == "yes"
    assert card.court == "Smith &amp; &lt;Wesson&gt;"
    date = Template('{{ when|date:"SHORT_DATETIME_FORMAT" }}').render(Context({"when": hearing}))
    assert card.next_hearing == f"{date} (in 5\xa0days, 1\xa0hour)"
    assert card.languages == "Spanish, Quechua"
    assert card.urgency == "<strong>Urgent: detained or a hearing within 14 days</strong>"
    assert card.answer_within == "Answer within 1\xa0day, 1\xa0hour"
    assert card.accept_url == reverse("cases:offer_accept", args=[7])
    assert card.decline_url == reverse("cases:offer_decline", args=[7])


def test_an_offer_card_without_a_hearing_court_or_languages_says_so_in_the_readers_language():
    from cases.views.offers import offer_cards

    with translation.override("es"):
        [card] = offer_cards([_offer_row()], now=timezone.now())
    assert card.css == "list__item" and card.detained == "no"
    assert card.title.startswith("Asilo · Caso ")
    assert card.court == "—" and card.languages == "—"
    assert card.next_hearing == "Ninguna programada"
    assert card.urgency == "No urgente"


def test_an_offer_never_reads_or_shows_the_clients_name(client, coordinator, attorney):
    from cases.selectors import open_offers_for_attorney
    from cases.selectors.cases import OFFER_COLUMNS
    from cases.views.offers import OfferCard, offer_cards

    assert not [column for column in OFFER_COLUMNS if "name" in column]
    offer = OfferFactory(
        attorney=attorney,
        offered_by=coordinator,
        case__client=ClientFactory(given_names="Xochitl", family_names="Tlapaltótoli"),
        case__court="Chicago Immigration Court",
    )
    [row] = open_offers_for_attorney(user=attorney)
    assert "Xochitl" not in repr(row) and "Tlapaltótoli" not in repr(row)
    [card] = offer_cards([row], now=timezone.now())
    assert not [f for f in OfferCard.__dataclass_fields__ if "Xochitl" in str(getattr(card, f))]
    client.force_login(attorney)
    html = client.get(reverse("cases:caseload")).content.decode()
    assert offer.case.reference in html and "Chicago Immigration Court" in html
    assert "Xochitl" not in html and "Tlapaltótoli" not in html


def test_an_offer_cards_forms_each_carry_the_csrf_field_and_label_their_reason(client, attorney, offer):
    client.force_login(attorney)
    html = client.get(reverse("cases:caseload")).content.decode()
    accept = reverse("cases:offer_accept", args=[offer.pk])
    decline = reverse("cases:offer_decline", args=[offer.pk])
    assert re.search(
        rf'<form method="post" action="{accept}" class="inline-form"><input type="hidden" '
        r'name="csrfmiddlewaretoken" value="[^"]+">',
        html,
    )
    assert re.search(
        rf'<form method="post" action="{decline}"><input type="hidden" '
        r'name="csrfmiddlewaretoken" value="[^"]+">',
        html,
    )
    assert f'<label for="reason-{offer.pk}">Why do you decline?</label>' in html
    assert f'<textarea id="reason-{offer.pk}" name="reason"' in html


def test_an_offer_whose_time_is_up_or_that_went_to_another_attorney_is_not_shown(
    client, attorney, other_attorney, coordinator
):
    mine = OfferFactory(attorney=attorney, offered_by=coordinator)
    expired = OfferFactory(attorney=attorney, offered_by=coordinator, expires_at=timezone.now())
    theirs = OfferFactory(attorney=other_attorney, offered_by=coordinator)
    client.force_login(attorney)
    html = client.get(reverse("cases:caseload")).content.decode()
    assert mine.case.reference in html
    assert expired.case.reference not in html and theirs.case.reference not in html
