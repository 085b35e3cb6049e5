"""The exactly-once ledger: one message per (key, recipient), whatever races or crashes."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from clinic.models import NotificationSent
from clinic.notifications import notification_send_once
from tests.factories import UserFactory

KEY = "deadline:42:threshold:7"


def send(recipient, key=KEY):
    return notification_send_once(
        key=key, recipient=recipient, subject="Deadline in 7 days", body="Case 2026-0042: /cases/42/"
    )


def test_it_sends_once_and_records_it(attorney):
    assert send(attorney) is True
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [attorney.email]
    row = NotificationSent.objects.get()
    assert (row.key, row.recipient, row.state) == (KEY, attorney, NotificationSent.State.SENT)
    assert row.sent_at is not None


def test_a_second_call_sends_nothing(attorney):
    assert send(attorney) is True
    assert send(attorney) is False
    assert len(mail.outbox) == 1
    assert NotificationSent.objects.count() == 1


def test_the_same_key_reaches_each_recipient_once(attorney, coordinator):
    assert send(attorney) is True
    assert send(coordinator) is True
    assert send(attorney, key="deadline:42:threshold:3") is True
    assert len(mail.outbox) == 3


def test_a_recipient_without_an_address_is_skipped_for_good(db):
    nobody = UserFactory(email="")
    assert send(nobody) is False
    assert send(nobody) is False
    assert mail.outbox == []
    assert NotificationSent.objects.get().state == NotificationSent.State.SKIPPED


class FlakyBackend:
    """A mail backend whose server refuses the first message."""

    failures_left = 1

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        if FlakyBackend.failures_left:
            FlakyBackend.failures_left -= 1
            raise ConnectionRefusedError("mail server down")
        mail.outbox.extend(messages)
        return len(messages)


def test_a_failed_send_is_sent_by_the_retry(attorney, settings):
    settings.EMAIL_BACKEND = "tests.clinic.test_notifications.FlakyBackend"
    FlakyBackend.failures_left = 1
    with pytest.raises(ConnectionRefusedError):
        send(attorney)
    assert NotificationSent.objects.get().state == NotificationSent.State.PENDING
    assert send(attorney) is True
    assert send(attorney) is False
    assert len(mail.outbox) == 1
    assert NotificationSent.objects.get().attempts == 2


def test_a_crash_after_the_claim_is_retried_only_once_the_claim_is_stale(attorney):
    # A process inserted and claimed the row, then died before sending.
    now = timezone.now()
    NotificationSent.objects.create(
        key=KEY, recipient=attorney, created_at=now, claimed_at=now, claim_token="dead", attempts=1
    )
    assert send(attorney) is False  # the claim may still be alive: do not send twice
    assert mail.outbox == []
    NotificationSent.objects.update(claimed_at=now - timedelta(minutes=11))
    assert send(attorney) is True
    assert send(attorney) is False
    assert len(mail.outbox) == 1
    row = NotificationSent.objects.get()
    assert row.state == NotificationSent.State.SENT
    assert row.claim_token != "dead"


def test_the_ledger_refuses_a_duplicate_row_by_itself(attorney):
    now = timezone.now()
    NotificationSent.objects.create(key=KEY, recipient=attorney, created_at=now)
    with pytest.raises(IntegrityError), transaction.atomic():
        NotificationSent.objects.create(key=KEY, recipient=attorney, created_at=now)


@pytest.mark.django_db(transaction=True)
def test_concurrent_calls_send_exactly_once():
    if connection.vendor != "postgresql":
        pytest.skip("threads sharing one SQLite test database serialise anyway; run on PostgreSQL")
    recipient = UserFactory(username="racer")
    callers = 8
    barrier = threading.Barrier(callers)
    results: list[bool] = []
    errors: list[BaseException] = []

    def call():
        try:
            barrier.wait()
            results.append(send(recipient))
        except BaseException as error:  # reported below, not swallowed
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=call) for _ in range(callers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(results) == [False] * (callers - 1) + [True]
    assert len(mail.outbox) == 1
    assert NotificationSent.objects.get().state == NotificationSent.State.SENT
