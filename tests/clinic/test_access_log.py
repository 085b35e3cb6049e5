import pytest
from django.core.management import CommandError, call_command

from clinic.access_log import GENESIS, access_event_record, access_log_verify
from clinic.models import AccessEvent
from clinic.models.access_log import AppendOnlyError


@pytest.fixture
def chain(coordinator, volunteer):
    return [access_event_record(actor=coordinator, obj=volunteer, ip_address="192.0.2.1") for _ in range(4)]


def test_each_event_links_to_the_one_before(chain):
    assert chain[0].prev_hash == GENESIS
    assert [e.prev_hash for e in chain[1:]] == [e.hash for e in chain[:-1]]
    assert access_log_verify() is None


def test_the_command_reports_an_intact_chain(chain, capsys):
    call_command("verify_access_log")
    assert "4 events verified" in capsys.readouterr().out


def test_an_edited_row_is_named(chain):
    AccessEvent.objects.filter(seq=3).update(object_id="999")  # bypasses save(), as raw SQL would
    broken = access_log_verify()
    assert broken.seq == 3
    with pytest.raises(CommandError, match="#3 was altered"):
        call_command("verify_access_log")


def test_a_deleted_row_is_named(chain):
    AccessEvent.objects.filter(seq=2).delete()
    assert access_log_verify().seq == 2
    with pytest.raises(CommandError, match="#2 is missing"):
        call_command("verify_access_log")


def test_a_row_rewritten_with_a_fresh_hash_breaks_the_next_link(chain):
    event = AccessEvent.objects.get(seq=2)
    event.detail = "forged"
    AccessEvent.objects.filter(seq=2).update(detail="forged", hash=event.compute_hash())
    assert access_log_verify().seq == 3


def test_the_model_refuses_changes_and_deletion(chain):
    event = AccessEvent.objects.get(seq=1)
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
