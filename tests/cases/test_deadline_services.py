"""Deadlines created from events and hearings, moved with hearings, entered by hand, closed, and
recalculated under a new rule version only when a coordinator confirms."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases import services
from cases.models import Assignment, Court, Deadline, DeadlineRule, Hearing, Trigger
from tests.cases.factories import CaseFactory


def _at(day: str, hour: int = 9, court: str = "chicago") -> dt.datetime:
    zone = Court.objects.get(code=court).zone
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=zone)


def _by_rule(deadlines) -> dict[str, str]:
    return {d.rule.code: d.due_date.isoformat() for d in deadlines}


def test_an_ij_decision_creates_the_appeal_and_both_motions_owned_by_the_lead(case, attorney):
    _event, deadlines = services.case_event_record(
        case=case, kind=Trigger.IJ_DECISION, occurred_on=dt.date(2025, 6, 4), acting_user=attorney
    )
    assert _by_rule(deadlines) == {
        "bia-appeal": "2025-07-07",
        "ij-motion-to-reconsider": "2025-07-07",
        "ij-motion-to-reopen": "2025-09-02",  # day 90, the day after Labor Day
    }
    assert {d.owner for d in deadlines} == {attorney}
    assert all(
        d.rule_version.rule_id == d.rule_id and d.trigger_date == dt.date(2025, 6, 4) for d in deadlines
    )


def test_a_bia_decision_creates_the_petition_for_review_and_the_bia_motions(case, attorney):
    _event, deadlines = services.case_event_record(
        case=case, kind=Trigger.BIA_DECISION, occurred_on=dt.date(2027, 6, 4), acting_user=attorney
    )
    assert _by_rule(deadlines) == {
        "petition-for-review": "2027-07-06",
        "bia-motion-to-reconsider": "2027-07-06",
        "bia-motion-to-reopen": "2027-09-02",
    }
    assert next(d for d in deadlines if d.rule.code == "petition-for-review").rule_version.is_jurisdictional


def test_an_arrival_date_creates_the_one_year_asylum_deadline(case, attorney):
    _event, deadlines = services.case_event_record(
        case=case, kind=Trigger.ARRIVAL, occurred_on=dt.date(2024, 2, 29), acting_user=attorney
    )
    assert _by_rule(deadlines) == {"asylum-one-year": "2025-02-28"}


def test_an_inactive_rule_creates_nothing(case, attorney):
    DeadlineRule.objects.filter(code="bia-brief").update(is_active=False)
    _event, deadlines = services.case_event_record(
        case=case, kind=Trigger.BIA_BRIEFING, occurred_on=dt.date(2025, 6, 4), acting_user=attorney
    )
    assert deadlines == []


def test_scheduling_a_master_hearing_creates_the_filing_deadline(case, attorney):
    hearing = services.hearing_create(
        case=case,
        kind=Hearing.Kind.MASTER,
        starts_at=_at("2025-07-21"),
        court=Court.objects.get(code="chicago"),
        acting_user=attorney,
    )
    deadline = hearing.deadlines.get()
    assert (deadline.rule.code, deadline.due_date) == ("ij-master-filing", dt.date(2025, 7, 3))


def test_the_trigger_is_the_hearing_date_at_the_court_not_in_utc(case, attorney):
    # 20:00 in Chicago on 2 Feb is already 3 Feb in UTC; the filing runs from 2 Feb.
    hearing = services.hearing_create(
        case=case,
        kind=Hearing.Kind.MERITS,
        starts_at=_at("2026-02-02", hour=20),
        court=Court.objects.get(code="chicago"),
        acting_user=attorney,
    )
    assert hearing.starts_at.astimezone(dt.UTC).date() == dt.date(2026, 2, 3)
    assert hearing.deadlines.get().due_date == dt.date(2026, 1, 2)


def test_moving_a_hearing_moves_its_filing_deadline_and_history_says_why(case, attorney):
    court = Court.objects.get(code="chicago")
    hearing = services.hearing_create(
        case=case, kind=Hearing.Kind.MASTER, starts_at=_at("2025-07-21"), court=court, acting_user=attorney
    )
    services.hearing_update(
        hearing=hearing,
        kind=Hearing.Kind.MASTER,
        starts_at=_at("2025-09-10"),
        court=court,
        acting_user=attorney,
    )
    deadline = hearing.deadlines.get()
    assert deadline.due_date == dt.date(2025, 8, 26)
    latest = deadline.history.latest()
    assert latest.history_change_reason == "The hearing moved."
    assert latest.history_user == attorney
    assert deadline.history.count() == 2


def test_a_master_hearing_becoming_an_individual_one_swaps_the_filing_deadline(case, attorney):
    court = Court.objects.get(code="chicago")
    hearing = services.hearing_create(
        case=case, kind=Hearing.Kind.MASTER, starts_at=_at("2025-12-15"), court=court, acting_user=attorney
    )
    services.hearing_update(
        hearing=hearing,
        kind=Hearing.Kind.MERITS,
        starts_at=_at("2025-12-15"),
        court=court,
        acting_user=attorney,
    )
    rows = {d.rule.code: d for d in hearing.deadlines.all()}
    assert rows["ij-master-filing"].status == Deadline.Status.WAIVED
    assert rows["ij-individual-filing"].is_open and rows["ij-individual-filing"].due_date == dt.date(
        2025, 11, 14
    )


def test_a_detained_case_gets_no_filing_deadline_from_its_hearings(attorney):
    detained = CaseFactory(attorney=attorney, is_detained=True)
    hearing = services.hearing_create(
        case=detained, kind=Hearing.Kind.MASTER, starts_at=_at("2025-07-21"), acting_user=attorney
    )
    assert not hearing.deadlines.exists()


def test_a_done_filing_deadline_does_not_move_or_come_back(case, attorney):
    court = Court.objects.get(code="chicago")
    hearing = services.hearing_create(
        case=case, kind=Hearing.Kind.MASTER, starts_at=_at("2025-07-21"), court=court, acting_user=attorney
    )
    deadline = hearing.deadlines.get()
    services.deadline_update(
        deadline=deadline, status=Deadline.Status.DONE, owner=attorney, acting_user=attorney
    )
    services.hearing_update(
        hearing=hearing,
        kind=Hearing.Kind.MASTER,
        starts_at=_at("2025-09-10"),
        court=court,
        acting_user=attorney,
    )
    assert list(hearing.deadlines.values_list("status", "due_date")) == [("done", dt.date(2025, 7, 3))]


def test_recording_the_same_event_twice_makes_two_sets_not_duplicates_of_one(case, attorney):
    event, first = services.case_event_record(
        case=case, kind=Trigger.BIA_BRIEFING, occurred_on=dt.date(2026, 12, 4), acting_user=attorney
    )
    assert first[0].due_date == dt.date(2026, 12, 28)
    # The constraint keeps one deadline per rule and source, even if a service tried twice.
    with pytest.raises(ValidationError):
        Deadline(
            case=case,
            rule=first[0].rule,
            title="x",
            due_date=dt.date(2026, 12, 28),
            source_key=f"event:{event.pk}",
        ).full_clean()


def test_a_manual_deadline_goes_to_the_lead_attorney(case, attorney):
    deadline = services.deadline_create(
        case=case, title="File the I-130 receipt", due_date=dt.date(2030, 1, 7), acting_user=attorney
    )
    assert (deadline.owner, deadline.rule, deadline.status) == (attorney, None, "open")


def test_a_deadline_is_waived_only_with_a_reason(case, attorney):
    deadline = services.deadline_create(
        case=case, title="X", due_date=dt.date(2030, 1, 7), acting_user=attorney
    )
    with pytest.raises(ValidationError):
        services.deadline_update(
            deadline=deadline, status="waived", reason=" ", owner=attorney, acting_user=attorney
        )
    services.deadline_update(
        deadline=deadline,
        status="waived",
        reason="The judge vacated the order",
        owner=attorney,
        acting_user=attorney,
    )
    deadline.refresh_from_db()
    assert (deadline.status, deadline.status_reason) == ("waived", "The judge vacated the order")


def test_a_deadline_owner_must_be_on_the_case(case, attorney, other_attorney):
    deadline = services.deadline_create(
        case=case, title="X", due_date=dt.date(2030, 1, 7), acting_user=attorney
    )
    with pytest.raises(ValidationError):
        services.deadline_update(deadline=deadline, status="open", owner=other_attorney, acting_user=attorney)


def test_deadlines_without_an_attorney_go_to_the_first_lead_and_back_when_they_leave(
    awaiting_case, coordinator, attorney
):
    _event, deadlines = services.case_event_record(
        case=awaiting_case, kind=Trigger.IJ_DECISION, occurred_on=dt.date(2030, 1, 2), acting_user=coordinator
    )
    assert {d.owner for d in deadlines} == {None}
    awaiting_case.status = "active"
    awaiting_case.save(update_fields=["status"])
    assignment = services.assignment_create(
        case=awaiting_case, attorney=attorney, role=Assignment.Role.LEAD, acting_user=coordinator
    )
    assert set(awaiting_case.deadlines.values_list("owner", flat=True)) == {attorney.pk}
    services.assignment_end(assignment=assignment, acting_user=coordinator)
    assert set(awaiting_case.deadlines.values_list("owner", flat=True)) == {None}


def test_a_new_rule_version_moves_nothing_until_the_coordinator_confirms(case, attorney, coordinator):
    court = Court.objects.get(code="chicago")
    hearing = services.hearing_create(
        case=case, kind=Hearing.Kind.MASTER, starts_at=_at("2026-03-02"), court=court, acting_user=attorney
    )
    before = hearing.deadlines.get()
    assert before.due_date == dt.date(2026, 2, 13)
    rule = before.rule
    version = services.rule_version_create(
        rule=rule,
        effective_from=dt.date(2026, 1, 1),
        amount=-21,
        unit="days",
        counting="calendar",
        roll="previous",
        citation="EOIR Policy Manual, Part II 3.1(b) (amended)",
        is_jurisdictional=False,
        reminder_days=[7, 14, 7],
        acting_user=coordinator,
    )
    assert version.reminder_days == [14, 7]
    before.refresh_from_db()
    assert before.due_date == dt.date(2026, 2, 13)  # nothing moved by itself

    [recalculation] = services.rule_recalculations(rule=rule)
    assert (recalculation.deadline.pk, recalculation.new_due_date, recalculation.moves) == (
        before.pk,
        dt.date(2026, 2, 9),
        True,
    )
    assert services.rule_recalculate(rule=rule, deadline_ids=set(), acting_user=coordinator) == []
    services.rule_recalculate(rule=rule, deadline_ids={before.pk}, acting_user=coordinator)
    before.refresh_from_db()
    assert (before.due_date, before.rule_version) == (dt.date(2026, 2, 9), version)
    latest = before.history.latest()
    assert latest.history_user == coordinator
    assert "2026-01-01" in latest.history_change_reason and "2026-02-13" in latest.history_change_reason
    assert services.rule_recalculations(rule=rule) == []


def test_a_rule_version_date_is_used_only_once(coordinator):
    rule = DeadlineRule.objects.get(code="bia-appeal")
    with pytest.raises(ValidationError):
        services.rule_version_create(
            rule=rule,
            effective_from=dt.date(2000, 1, 1),
            amount=30,
            unit="days",
            counting="calendar",
            roll="next",
            citation="8 CFR 1003.38(b)",
            is_jurisdictional=False,
            reminder_days=[7],
            acting_user=coordinator,
        )


def test_a_closed_case_takes_no_new_deadline(case, attorney):
    case.status = "closed"
    case.closing_code = "B"
    case.save(update_fields=["status", "closing_code"])
    with pytest.raises(services.CaseStateError):
        services.deadline_create(case=case, title="X", due_date=dt.date(2030, 1, 7), acting_user=attorney)


def test_a_hearing_courts_closure_day_moves_its_filing_deadline(case, attorney, coordinator):
    from clinic.closures import closure_day_create

    closure_day_create(
        day=dt.date(2025, 7, 3), reason="Snow", jurisdiction="chicago", acting_user=coordinator
    )
    hearing = services.hearing_create(
        case=case,
        kind=Hearing.Kind.MASTER,
        starts_at=_at("2025-07-21"),
        court=Court.objects.get(code="chicago"),
        acting_user=attorney,
    )
    assert hearing.deadlines.get().due_date == dt.date(2025, 7, 2)


def test_a_case_becoming_detained_waives_its_hearing_filing_deadlines_and_back(case, coordinator, attorney):
    future = timezone.localdate() + dt.timedelta(days=60)
    hearing = services.hearing_create(
        case=case,
        kind=Hearing.Kind.MASTER,
        starts_at=_at(future.isoformat()),
        court=Court.objects.get(code="chicago"),
        acting_user=attorney,
    )
    fields = {"case_type": case.case_type, "problem_code": case.problem_code, "court": "", "grant": None}
    services.case_update(case=case, acting_user=coordinator, is_detained=True, **fields)
    assert hearing.deadlines.get().status == Deadline.Status.WAIVED
    services.case_update(case=case, acting_user=coordinator, is_detained=False, **fields)
    deadline = hearing.deadlines.get()  # released: the same deadline opens again, not a second one
    assert (deadline.status, deadline.status_reason) == ("open", "")
    assert deadline.history.latest().history_change_reason == "The hearing calls for this filing again."


def test_a_filing_deadline_a_person_waived_does_not_come_back(case, attorney):
    court = Court.objects.get(code="chicago")
    hearing = services.hearing_create(
        case=case, kind=Hearing.Kind.MASTER, starts_at=_at("2030-07-22"), court=court, acting_user=attorney
    )
    deadline = hearing.deadlines.get()
    services.deadline_update(
        deadline=deadline,
        status="waived",
        reason="Filed early with the judge's leave",
        owner=attorney,
        acting_user=attorney,
    )
    services.hearing_update(
        hearing=hearing,
        kind=Hearing.Kind.MASTER,
        starts_at=_at("2030-08-22"),
        court=court,
        acting_user=attorney,
    )
    assert list(hearing.deadlines.values_list("status", flat=True)) == ["waived"]
