"""The deadline pages: the attorney's week, the caseload column, the case page, the coordinators'
list, the rules; with the users who must be refused and the query counts pinned."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import Court, Deadline, DeadlineRule, Hearing, Trigger
from tests.cases.factories import CaseFactory


def _today():
    return timezone.localdate()


def _deadline(case, user, days: int, title: str = "File the brief") -> Deadline:
    return services.deadline_create(
        case=case, title=title, due_date=_today() + dt.timedelta(days=days), acting_user=user
    )


def _hearing(case, user, days: int) -> Hearing:
    chicago = Court.objects.get(code="chicago")
    start = dt.datetime.combine(_today() + dt.timedelta(days=days), dt.time(10), tzinfo=chicago.zone)
    return services.hearing_create(
        case=case, kind=Hearing.Kind.BOND, starts_at=start, court=chicago, acting_user=user
    )


def test_the_attorney_lands_on_their_week_with_overdue_deadlines_first(client, attorney, case):
    _deadline(case, attorney, 5, "Due soon")
    _deadline(case, attorney, -2, "Late one")
    _deadline(case, attorney, 60, "Far off")
    _hearing(case, attorney, 2)
    client.force_login(attorney)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("cases:my_week")
    html = response.content.decode()
    assert html.index("Late one") < html.index("Due soon")
    assert "Overdue by 2 days" in html and "Due in 5 days" in html  # words, not colour alone
    assert "Far off" not in html
    assert "Bond" in html and case.reference in html


def test_the_week_shows_nothing_of_other_attorneys_cases(client, attorney, other_attorney, case):
    _deadline(case, attorney, 1, "Theirs only")
    client.force_login(other_attorney)
    assert "Theirs only" not in client.get(reverse("cases:my_week")).content.decode()


@pytest.mark.parametrize("how_many", [1, 12])
def test_the_week_query_count_does_not_grow(client, attorney, how_many, django_assert_num_queries):
    for _ in range(how_many):
        case = CaseFactory(attorney=attorney)
        _deadline(case, attorney, 3)
        _deadline(case, attorney, -1)
        _hearing(case, attorney, 4)
    client.force_login(attorney)
    # session, user, roles, deadlines, hearings, offers, and the session save (savepoint, update, release)
    with django_assert_num_queries(5):
        assert client.get(reverse("cases:my_week")).status_code == 200


def test_the_caseload_fills_the_next_deadline_column(client, attorney, case):
    _deadline(case, attorney, 30, "Later")
    _deadline(case, attorney, 2, "Sooner one")
    client.force_login(attorney)
    html = client.get(reverse("cases:caseload")).content.decode()
    assert "Sooner one" in html and "Due in 2 days" in html and "Later" not in html


def test_the_case_page_lists_deadlines_with_rule_and_citation(client, attorney, case):
    services.case_event_record(
        case=case,
        kind=Trigger.BIA_DECISION,
        occurred_on=_today() - dt.timedelta(days=3),
        acting_user=attorney,
    )
    _hearing(case, attorney, 9)
    client.force_login(attorney)
    html = client.get(reverse("cases:case_detail", args=[case.public_id])).content.decode()
    assert (
        "Petition for review" in html and "8 USC 1252(b)(1); FRAP 26(a)" in html and "Jurisdictional" in html
    )
    assert "Chicago Immigration Court" in html and "10:00" in html


def test_recording_an_ij_decision_from_the_case_page_creates_its_deadlines(client, attorney, case):
    client.force_login(attorney)
    response = client.post(
        reverse("cases:event_add", args=[case.public_id]),
        {"kind": "ij_decision", "occurred_on": "2030-06-04"},
    )
    assert response.status_code == 302
    assert set(case.deadlines.values_list("rule__code", flat=True)) == {
        "bia-appeal",
        "ij-motion-to-reconsider",
        "ij-motion-to-reopen",
    }


def test_a_hearing_entered_in_court_time_is_stored_as_that_instant(client, attorney, case):
    client.force_login(attorney)
    bia = Court.objects.get(code="bia")  # Falls Church: Eastern time
    client.post(
        reverse("cases:hearing_add", args=[case.public_id]),
        {"court": bia.pk, "kind": "master", "starts_at": "2030-06-04T09:00", "mode": "video", "judge": ""},
    )
    hearing = case.hearings.get()
    assert hearing.starts_at == dt.datetime(2030, 6, 4, 13, 0, tzinfo=dt.UTC)  # 09:00 EDT


def test_moving_a_hearing_from_its_page_moves_the_filing_deadline(client, attorney, case):
    chicago = Court.objects.get(code="chicago")
    hearing = services.hearing_create(
        case=case,
        kind=Hearing.Kind.MASTER,
        starts_at=dt.datetime(2025, 7, 21, 9, tzinfo=chicago.zone),
        court=chicago,
        acting_user=attorney,
    )
    client.force_login(attorney)
    url = reverse("cases:hearing_edit", args=[case.public_id, hearing.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"court": chicago.pk, "kind": "master", "starts_at": "2025-09-10T09:00", "mode": "in_person"}
    )
    assert response.status_code == 302
    assert hearing.deadlines.get().due_date == dt.date(2025, 8, 26)


def test_waiving_a_deadline_from_its_page_needs_a_reason(client, attorney, case):
    deadline = _deadline(case, attorney, 4)
    client.force_login(attorney)
    url = reverse("cases:deadline_edit", args=[case.public_id, deadline.pk])
    assert client.post(url, {"status": "waived", "reason": "", "owner": attorney.pk}).status_code == 200
    assert (
        client.post(url, {"status": "waived", "reason": "Court vacated it", "owner": attorney.pk}).status_code
        == 302
    )
    deadline.refresh_from_db()
    assert deadline.status == "waived"


def _case_urls(case, deadline, hearing):
    return [
        ("get", reverse("cases:hearing_edit", args=[case.public_id, hearing.pk])),
        ("post", reverse("cases:event_add", args=[case.public_id])),
        ("post", reverse("cases:deadline_add", args=[case.public_id])),
        ("get", reverse("cases:deadline_edit", args=[case.public_id, deadline.pk])),
        ("post", reverse("cases:deadline_edit", args=[case.public_id, deadline.pk])),
    ]


def test_other_attorney_gets_404_on_every_deadline_and_hearing_url_of_a_case(
    client, attorney, other_attorney, case
):
    deadline = _deadline(case, attorney, 3)
    hearing = _hearing(case, attorney, 3)
    client.force_login(other_attorney)
    for method, url in _case_urls(case, deadline, hearing):
        assert (
            getattr(client, method)(url, {"kind": "ij_decision", "occurred_on": "2030-01-02"}).status_code
            == 404
        ), url
    assert not case.events.exists() and case.deadlines.count() == 1


def test_a_mentor_may_read_but_not_change_deadlines(client, attorney, case, coordinator):
    from cases.services import assignment_create
    from clinic.roles import Role
    from tests.factories import UserFactory

    mentor = UserFactory(role=Role.ATTORNEY)
    assignment_create(case=case, attorney=mentor, role="mentor", acting_user=coordinator)
    deadline = _deadline(case, attorney, 3)
    client.force_login(mentor)
    assert client.get(reverse("cases:deadline_edit", args=[case.public_id, deadline.pk])).status_code == 404
    assert client.get(reverse("cases:case_detail", args=[case.public_id])).status_code == 200


def test_a_deadline_of_another_case_is_not_reached_through_a_case_the_attorney_holds(client, attorney, case):
    other = CaseFactory()
    foreign = _deadline(other, attorney, 3)
    client.force_login(attorney)
    assert client.get(reverse("cases:deadline_edit", args=[case.public_id, foreign.pk])).status_code == 404


def test_volunteers_are_refused_every_deadline_page(client, volunteer, attorney, case):
    deadline = _deadline(case, attorney, 3)
    hearing = _hearing(case, attorney, 3)
    client.force_login(volunteer)
    pages = [
        reverse(n)
        for n in ("cases:my_week", "cases:deadline_overview", "cases:rule_list", "cases:feed_settings")
    ]
    pages.append(reverse("cases:rule_edit", args=["bia-appeal"]))
    for url in pages + [url for _m, url in _case_urls(case, deadline, hearing)]:
        assert client.get(url).status_code in (403, 405), url


def test_the_coordinator_sees_overdue_and_soon_deadlines_and_which_have_no_attorney(
    client, coordinator, attorney, case, awaiting_case
):
    _deadline(case, attorney, -3, "Overdue owned")
    _deadline(awaiting_case, coordinator, 2, "Nobody's")
    _deadline(case, attorney, 20, "Beyond two weeks")
    client.force_login(coordinator)
    html = client.get(reverse("cases:deadline_overview")).content.decode()
    assert "Overdue owned" in html and "Nobody&#x27;s" in html and "Beyond two weeks" not in html
    assert "No attorney" in html and "1 without an attorney" in html
    assert html.index("Overdue owned") < html.index("Nobody&#x27;s")
    overview = client.get(reverse("coordinator_home")).content.decode()
    assert reverse("cases:deadline_overview") in overview


def test_attorneys_are_refused_the_coordinators_pages(client, attorney):
    client.force_login(attorney)
    for url in (
        reverse("cases:deadline_overview"),
        reverse("cases:rule_list"),
        reverse("cases:rule_edit", args=["bia-appeal"]),
        reverse("cases:rule_review", args=["bia-appeal"]),
    ):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("how_many", [1, 12])
def test_the_coordinators_list_query_count_does_not_grow(
    client, coordinator, attorney, how_many, django_assert_num_queries
):
    for _ in range(how_many):
        case = CaseFactory(attorney=attorney)
        _deadline(case, attorney, 3)
        _deadline(case, attorney, -4)
    client.force_login(coordinator)
    # session, user, roles, deadlines, and the session save
    with django_assert_num_queries(3):
        assert client.get(reverse("cases:deadline_overview")).status_code == 200


def test_the_rules_page_lists_every_rule_in_a_fixed_number_of_queries(
    client, coordinator, django_assert_num_queries
):
    client.force_login(coordinator)
    with django_assert_num_queries(4):  # session, user with roles, rules, versions
        html = client.get(reverse("cases:rule_list")).content.decode()
    assert "8 CFR 1003.38(b)" in html and "voluntary-departure" in html


def test_a_coordinator_changes_a_rule_reviews_and_confirms_the_recalculation(
    client, coordinator, attorney, case
):
    chicago = Court.objects.get(code="chicago")
    hearing = services.hearing_create(
        case=case,
        kind=Hearing.Kind.MASTER,
        starts_at=dt.datetime(2030, 6, 17, 9, tzinfo=chicago.zone),
        court=chicago,
        acting_user=attorney,
    )
    deadline = hearing.deadlines.get()
    old_due = deadline.due_date
    client.force_login(coordinator)
    response = client.post(
        reverse("cases:rule_edit", args=["ij-master-filing"]),
        {
            "effective_from": "2030-01-01",
            "amount": "-21",
            "unit": "days",
            "counting": "calendar",
            "roll": "previous",
            "citation": "EOIR Policy Manual, Part II 3.1(b) (amended)",
            "reminder_days": "14, 7, 1",
            "note": "",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse(
        "cases:rule_review", args=["ij-master-filing"]
    )
    deadline.refresh_from_db()
    assert deadline.due_date == old_due
    review = client.get(response["Location"])
    assert case.reference in review.content.decode() and "moves" in review.content.decode()
    client.post(response["Location"], {"deadline": [str(deadline.pk)]})
    deadline.refresh_from_db()
    assert deadline.due_date == dt.date(2030, 5, 24)  # 17 June - 21 = 27 May, Memorial Day: the Friday before
    assert DeadlineRule.objects.get(code="ij-master-filing").versions.count() == 2
