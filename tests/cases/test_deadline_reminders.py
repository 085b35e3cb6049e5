"""Reminders: the owner at each threshold and on the day, coordinators about overdue and unowned
deadlines, each exactly once, with the case reference and a link and nothing about the client."""

import datetime as dt

from cases import services
from cases.models import Trigger
from cases.services.reminders import deadline_reminders_send
from clinic.roles import Role
from tests.factories import UserFactory

TODAY = dt.date(2030, 3, 4)


def coordinators_emails() -> list[str]:
    from clinic.models import User

    return list(
        User.objects.filter(groups__name=Role.COORDINATOR, is_active=True).values_list("email", flat=True)
    )


def _manual(case, user, days: int, title: str = "File the brief"):
    return services.deadline_create(
        case=case, title=title, due_date=TODAY + dt.timedelta(days=days), acting_user=user
    )


def test_the_owner_is_reminded_once_per_threshold_and_on_the_day(case, attorney, mailoutbox):
    _manual(case, attorney, 7)  # a manual deadline: reminded 7, 3 and 1 days before, and on the day
    sent = []
    for offset in range(0, 8):
        day = TODAY + dt.timedelta(days=offset)
        for _scan in range(2):  # every beat scans again; nothing goes twice
            deadline_reminders_send(today=day)
        sent.append(len(mailoutbox))
    assert sent == [1, 1, 1, 1, 2, 2, 3, 4]  # 7 days, 3 days, 1 day, the day
    assert [m.to for m in mailoutbox] == [[attorney.email]] * 4
    assert mailoutbox[-1].subject.startswith("Due today")


def test_a_scan_that_missed_days_sends_only_the_threshold_it_is_at(case, attorney, mailoutbox):
    _manual(case, attorney, 2)
    assert deadline_reminders_send(today=TODAY) == 1
    assert "in 2 days" in mailoutbox[0].body


def test_the_rule_thresholds_are_used(case, attorney, mailoutbox):
    services.case_event_record(
        case=case, kind=Trigger.ARRIVAL, occurred_on=TODAY - dt.timedelta(days=365 - 80), acting_user=attorney
    )
    # asylum-one-year reminds 90, 30, 14, 7, 3 and 1 days before; the due date rolls to a business day
    assert deadline_reminders_send(today=TODAY) == 1
    assert "Asylum application" in mailoutbox[0].subject


def test_the_mail_names_the_case_by_reference_with_a_link_and_never_the_client(
    case, attorney, mailoutbox, settings
):
    settings.CLINIC_SITE_URL = "https://clinic.example.org"
    services.case_event_record(
        case=case, kind=Trigger.BIA_DECISION, occurred_on=TODAY - dt.timedelta(days=29), acting_user=attorney
    )
    deadline_reminders_send(today=TODAY)
    assert mailoutbox
    for message in mailoutbox:
        text = message.subject + message.body
        assert case.reference in text
        assert f"https://clinic.example.org/cases/{case.public_id}/" in message.body
        for secret in (case.client.given_names, case.client.family_names):
            assert secret not in text
    petition = next(m for m in mailoutbox if "Petition for review" in m.subject)
    assert "jurisdictional" in petition.body and "8 USC 1252(b)(1)" in petition.body


def test_coordinators_hear_once_about_an_overdue_deadline(case, attorney, coordinator, mailoutbox):
    UserFactory(role=Role.COORDINATOR)
    UserFactory(role=Role.COORDINATOR, is_active=False)
    everyone = sorted(coordinators_emails())
    _manual(case, attorney, -1)
    assert deadline_reminders_send(today=TODAY) == len(everyone) >= 2
    assert deadline_reminders_send(today=TODAY + dt.timedelta(days=1)) == 0
    assert sorted(m.to[0] for m in mailoutbox) == everyone
    assert all(m.subject.startswith("Overdue deadline") for m in mailoutbox)


def test_a_deadline_without_an_attorney_is_sent_to_the_coordinators(awaiting_case, coordinator, mailoutbox):
    _manual(awaiting_case, coordinator, 3)
    assert deadline_reminders_send(today=TODAY) == len(coordinators_emails())
    assert coordinator.email in [m.to[0] for m in mailoutbox]
    assert "no attorney" in mailoutbox[0].body.lower()


def test_a_moved_deadline_is_reminded_again_and_a_closed_one_not_at_all(case, attorney, mailoutbox):
    deadline = _manual(case, attorney, 1)
    closed = _manual(case, attorney, 1, title="Done already")
    services.deadline_update(deadline=closed, status="done", owner=attorney, acting_user=attorney)
    assert deadline_reminders_send(today=TODAY) == 1
    deadline.due_date = TODAY + dt.timedelta(days=3)
    deadline.save()
    assert deadline_reminders_send(today=TODAY) == 1
    assert deadline_reminders_send(today=TODAY) == 0


def test_the_reminder_task_is_on_the_beat_schedule():
    from clinic.celery import app

    assert "cases.deadline_reminders" in [entry["task"] for entry in app.conf.beat_schedule.values()]
    assert "cases.deadline_reminders" in app.tasks
