"""The append-only, hash-chained log of reads and exports of sensitive data."""

from dataclasses import dataclass

from django.db import connection, models, transaction
from django.http import HttpRequest
from django.utils import timezone

from clinic.models import AccessEvent, User

GENESIS = "0" * 64
_LOCK_KEY = 7_311_982_401  # pg advisory lock id for the chain head


def _lock_chain_head() -> None:
    """Serialise appends so two writers never chain onto the same row.

    PostgreSQL: a transaction-level advisory lock. SQLite: transactions are IMMEDIATE (settings),
    so the write lock is already held for the whole transaction.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])


@transaction.atomic
def access_event_record(
    *,
    actor: User | None,
    obj: models.Model,
    action: str = AccessEvent.Action.VIEW,
    ip_address: str | None = None,
    detail: str = "",
) -> AccessEvent:
    _lock_chain_head()
    last = AccessEvent.objects.order_by("-seq").only("seq", "hash").first()
    event = AccessEvent(
        seq=(last.seq + 1) if last else 1,
        at=timezone.now(),
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        ip_address=ip_address,
        detail=detail[:200],
        prev_hash=last.hash if last else GENESIS,
    )
    event.hash = event.compute_hash()
    event.save()
    return event


def record_access(
    request: HttpRequest, obj: models.Model, *, action: str = AccessEvent.Action.VIEW, detail: str = ""
) -> AccessEvent:
    """What views call: who read or exported `obj`, and from where."""
    return access_event_record(
        actor=request.user, obj=obj, action=action, ip_address=request.META.get("REMOTE_ADDR"), detail=detail
    )


@dataclass(frozen=True)
class BrokenLink:
    seq: int
    reason: str


def access_log_verify(*, batch_size: int = 2000) -> BrokenLink | None:
    """Walk the chain in order; return the first broken link, or None when it is whole."""
    expected_prev = GENESIS
    expected_seq = 1
    for event in AccessEvent.objects.order_by("seq").iterator(chunk_size=batch_size):
        if event.seq != expected_seq:
            return BrokenLink(expected_seq, f"row #{expected_seq} is missing (next row is #{event.seq})")
        if event.prev_hash != expected_prev:
            return BrokenLink(event.seq, f"row #{event.seq} does not follow the row before it")
        if event.compute_hash() != event.hash:
            return BrokenLink(event.seq, f"row #{event.seq} was altered after it was written")
        expected_prev = event.hash
        expected_seq += 1
    return None
