import hashlib
import json

import pytest
from django.core.management import CommandError, call_command

from clinic.access_log import (
    EDITED,
    GAP,
    GENESIS,
    HEAD,
    REHASHED,
    access_event_record,
    access_log_verify,
    head_read,
)
from clinic.models import AccessEvent
from clinic.models.access_log import AppendOnlyError


@pytest.fixture
def chain(coordinator, volunteer, django_capture_on_commit_callbacks):
    events = []
    for _ in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            events.append(access_event_record(actor=coordinator, obj=volunteer, ip_address="192.0.2.1"))
    return events


def kinds(failures):
    return {f.kind: f.seq for f in failures}


def test_each_event_links_to_the_one_before(chain):
    assert chain[0].prev_mac == GENESIS
    assert [e.prev_mac for e in chain[1:]] == [e.mac for e in chain[:-1]]
    assert access_log_verify() == []


def test_the_head_outside_the_database_follows_each_append(chain, settings):
    head = head_read()
    assert (head.seq, head.mac) == (4, chain[-1].mac)
    assert settings.CLINIC_AUDIT_HEAD_FILE.stat().st_mode & 0o777 == 0o600


def test_the_command_reports_an_intact_chain(chain, capsys):
    call_command("verify_access_log")
    assert "4 events verified" in capsys.readouterr().out


def test_an_edited_row_is_named(chain):
    AccessEvent.objects.filter(seq=3).update(object_id="999")  # bypasses save(), as raw SQL would
    assert kinds(access_log_verify()) == {EDITED: 3}
    with pytest.raises(CommandError, match="#3 was altered"):
        call_command("verify_access_log")


def test_a_deleted_row_in_the_middle_is_named(chain):
    AccessEvent.objects.filter(seq=2).delete()
    assert kinds(access_log_verify()) == {GAP: 2}
    with pytest.raises(CommandError, match="#2 to #2 are missing"):
        call_command("verify_access_log")


def test_a_chain_rehashed_without_the_key_fails(chain):
    """The forger edits row 2 and recomputes every later link with plain SHA-256, as the old log allowed."""
    prev = chain[0].mac
    for event in AccessEvent.objects.filter(seq__gte=2).order_by("seq"):
        event.prev_mac = prev
        if event.seq == 2:
            event.detail = "forged"
        event.mac = hashlib.sha256(event.payload()).hexdigest()
        AccessEvent.objects.filter(pk=event.pk).update(detail=event.detail, prev_mac=prev, mac=event.mac)
        prev = event.mac
    failures = kinds(access_log_verify())
    assert failures[REHASHED] == 2
    with pytest.raises(CommandError, match="#2 was re-hashed without the access-log key"):
        call_command("verify_access_log")


def test_a_log_with_its_newest_rows_deleted_fails(chain):
    AccessEvent.objects.filter(seq__gte=3).delete()
    assert kinds(access_log_verify()) == {HEAD: 3}
    with pytest.raises(CommandError, match="rows #3 to #4 were cut from the end"):
        call_command("verify_access_log")


def test_rows_appended_after_a_truncation_do_not_hide_it(chain, coordinator, volunteer):
    AccessEvent.objects.filter(seq__gte=3).delete()
    event = access_event_record(actor=coordinator, obj=volunteer)
    assert event.seq == 5
    assert kinds(access_log_verify())[GAP] == 3


def test_a_deleted_head_file_fails(chain, settings):
    settings.CLINIC_AUDIT_HEAD_FILE.unlink()
    assert kinds(access_log_verify()) == {HEAD: 4}


def test_a_head_file_forged_without_the_key_fails(chain, settings):
    AccessEvent.objects.filter(seq__gte=3).delete()
    settings.CLINIC_AUDIT_HEAD_FILE.write_text(json.dumps({"seq": 2, "mac": chain[1].mac, "sig": "0" * 64}))
    failures = access_log_verify()
    assert [f.kind for f in failures] == [HEAD]
    assert "not signed" in failures[0].reason


def test_a_different_key_fails_every_row(chain, settings):
    settings.CLINIC_AUDIT_KEY = "A" * 43 + "="
    assert kinds(access_log_verify())[EDITED] == 1


def test_the_head_never_moves_backwards(chain):
    from clinic.access_log import Head, head_write

    head_write(Head(seq=2, mac=chain[1].mac))
    assert head_read().seq == 4


def test_the_model_refuses_changes_and_deletion(chain):
    event = AccessEvent.objects.get(seq=1)
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


# Appends race for the next number; the loser chains onto the winner ----------------------------


@pytest.fixture
def rival(monkeypatch, coordinator, volunteer):
    """Another append that wins the race: it commits its row after the first append has read the
    last row and before that append inserts its own (the real interleaving of two workers)."""
    from clinic import access_log

    read_last = access_log._next_event
    won, started = [], []

    def next_event_then_rival(**kwargs):
        event = read_last(**kwargs)
        if not started:
            started.append(True)
            won.append(access_event_record(actor=volunteer, obj=coordinator, detail="rival"))
        return event

    monkeypatch.setattr(access_log, "_next_event", next_event_then_rival)
    return won


def _appends_after_a_lost_race(rival, coordinator, volunteer):
    event = access_event_record(actor=coordinator, obj=volunteer, detail="loser")
    [winner] = rival
    assert (winner.seq, event.seq) == (1, 2)
    assert event.prev_mac == winner.mac  # chained onto the row that took its first number
    assert list(AccessEvent.objects.order_by("seq").values_list("detail", flat=True)) == ["rival", "loser"]


def _verifies_to_the_head():
    assert access_log_verify() == []
    assert head_read().seq == 2


def test_an_append_that_loses_the_race_in_a_transaction_chains_onto_the_winner(
    rival, coordinator, volunteer, django_capture_on_commit_callbacks
):
    """A service's append, in its caller's transaction: the lost insert is undone by its savepoint,
    and the caller's transaction goes on."""
    with django_capture_on_commit_callbacks(execute=True):
        _appends_after_a_lost_race(rival, coordinator, volunteer)
    assert AccessEvent.objects.count() == 2  # the transaction is still usable
    _verifies_to_the_head()


@pytest.mark.django_db(transaction=True)
def test_an_append_outside_a_transaction_that_loses_the_race_chains_onto_the_winner(
    rival, coordinator, volunteer
):
    """A list page's append: two statements, each committed at once, and no lock."""
    from django.db import connection

    assert not connection.in_atomic_block
    _appends_after_a_lost_race(rival, coordinator, volunteer)
    _verifies_to_the_head()


def test_an_insert_that_fails_for_another_reason_is_not_retried(coordinator, volunteer):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        access_event_record(actor=coordinator, obj=volunteer, action=None)  # no action: NOT NULL
    assert AccessEvent.objects.count() == 0
