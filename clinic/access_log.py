"""The append-only, MAC-chained log of reads and exports of sensitive data.

Two things keep it honest against someone who can write to the database:

- every row carries an HMAC-SHA256 under ``CLINIC_AUDIT_KEY`` (never in the database) over its
  fields and the previous row's MAC, so an edited row, or a chain recomputed without the key,
  no longer verifies;
- after each append commits, a signed head ``{seq, mac}`` is written to a file outside the database
  (``CLINIC_AUDIT_HEAD_FILE``), so deleting the newest rows, which leaves a shorter but otherwise
  valid chain, is caught by comparing the last row with the head.

The head is written after commit, never ahead of what the database holds, so a rolled-back read
never raises a false alarm. It may lag by the rows whose head write was lost to a crash between
commit and write, or to a power cut before the file system wrote it out; those rows still verify
by their MACs.
"""

import fcntl
import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.http import HttpRequest
from django.utils import timezone

from clinic import crypto
from clinic.models import AccessEvent, User
from clinic.queries import CompiledQuery

GENESIS = "0" * 64
# How many times an append may lose the race for the next number before it gives up. Each loss
# means another append won, so the log moves on; a writer losing this often is not plausible.
APPEND_ATTEMPTS = 50


# The head outside the database ----------------------------------------------------------------


@dataclass(frozen=True)
class Head:
    seq: int
    mac: str


class HeadError(Exception):
    """The head file exists but is unreadable or its signature does not verify."""


def _head_path() -> Path:
    return Path(settings.CLINIC_AUDIT_HEAD_FILE)


def _head_signature(seq: int, mac: str) -> str:
    return crypto.audit_mac(f"access-log-head:{seq}:{mac}".encode())


def head_read() -> Head | None:
    """The signed head, or None when no head has been written yet."""
    path = _head_path()
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise HeadError(f"the head file {path} is unreadable ({exc})") from exc
    try:
        seq, mac, signature = int(content["seq"]), str(content["mac"]), str(content["sig"])
    except (KeyError, TypeError, ValueError) as exc:
        raise HeadError(f"the head file {path} is malformed") from exc
    if not crypto.audit_mac_matches(f"access-log-head:{seq}:{mac}".encode(), signature):
        raise HeadError(f"the head file {path} is not signed with the access-log key")
    return Head(seq=seq, mac=mac)


def head_write(head: Head) -> None:
    """Atomically replaces the head, never moving it backwards (commits may finish out of order)."""
    path = _head_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_fd = os.open(path.with_name(path.name + ".lock"), os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock_fd, fcntl.LOCK_EX)
        try:
            current = head_read()
        except HeadError:
            current = None  # a damaged head is replaced; the verifier has the rows to judge by
        if current is not None and current.seq >= head.seq:
            return
        temporary = path.with_name(f".{path.name}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"seq": head.seq, "mac": head.mac, "sig": _head_signature(head.seq, head.mac)}, handle)
        # Atomic, but not flushed to disk: an fsync cost every list page 2 ms and a turn in line.
        # A power cut may leave the head a few rows behind, as a crash between commit and write
        # can: the head never runs ahead of the rows, and the rows still verify by their MACs.
        os.replace(temporary, path)
    finally:
        os.close(lock_fd)


# Appending ------------------------------------------------------------------------------------

# The row the next one chains onto. Compiled once per connection (clinic/queries.py): every list
# page appends a row, and building this query cost more than running it.
_LAST = CompiledQuery(lambda: AccessEvent.objects.order_by("-seq").values_list("seq", "mac", named=True))


class AppendError(Exception):
    """An append lost the race for the next number `APPEND_ATTEMPTS` times in a row."""


def access_event_record(
    *,
    actor: User | None,
    obj: models.Model,
    action: str = AccessEvent.Action.VIEW,
    ip_address: str | None = None,
    detail: str = "",
) -> AccessEvent:
    """Appends one event, chained onto the last row, and moves the head once it is committed.

    No lock is taken. `seq` is unique, so of two appends that read the same last row only one can
    add its successor; the other's insert fails (on PostgreSQL, once the winner has committed), and
    it reads the new last row and chains onto that. Outside a transaction, as on a list page, the
    append is two statements (read the last row, insert), each committed at once: a lock held across
    the read, the insert and the commit made every list page wait its turn behind the others. In
    the caller's transaction, the insert runs in a savepoint, so a lost race does not undo the
    caller's work; a row waiting in an open transaction holds its number until that commits or
    rolls back, as the lock did.
    """
    in_transaction = connection.in_atomic_block
    for _attempt in range(APPEND_ATTEMPTS):
        event = _next_event(actor=actor, obj=obj, action=action, ip_address=ip_address, detail=detail)
        try:
            if in_transaction:
                with transaction.atomic():
                    event.save()
            else:
                event.save()
        except IntegrityError:
            if not AccessEvent.objects.filter(seq=event.seq).exists():
                raise  # not a lost race: something else is wrong with the row
            continue
        transaction.on_commit(functools.partial(head_write, Head(seq=event.seq, mac=event.mac)))
        return event
    raise AppendError(f"the access log could not take a number in {APPEND_ATTEMPTS} attempts")


def _next_event(*, actor, obj, action, ip_address, detail) -> AccessEvent:
    """The event that follows the last row (or the head, if the database lost rows it had seen)."""
    last = _LAST.rows(limit=1)
    seq, prev_mac = (last[0].seq, last[0].mac) if last else (0, GENESIS)
    try:
        head = head_read()
    except HeadError:
        head = None
    if head is not None and head.seq > seq:
        # The head is ahead of the rows: either another append committed after the read above
        # (the head names its row), or the database lost rows the head had seen. Either way the
        # next row follows the head, so that a gap stays visible instead of being papered over by
        # new rows with the lost numbers.
        seq, prev_mac = head.seq, head.mac
    event = AccessEvent(
        seq=seq + 1,
        at=timezone.now(),
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        ip_address=ip_address,
        detail=detail[:200],
        prev_mac=prev_mac,
    )
    event.mac = event.compute_mac()
    return event


def record_access(
    request: HttpRequest, obj: models.Model, *, action: str = AccessEvent.Action.VIEW, detail: str = ""
) -> AccessEvent:
    """What views call: who read or exported `obj`, and from where."""
    return access_event_record(
        actor=request.user, obj=obj, action=action, ip_address=request.META.get("REMOTE_ADDR"), detail=detail
    )


# Verifying ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Failure:
    kind: str
    seq: int | None
    reason: str


EDITED = "edited"
REHASHED = "rehashed"
UNLINKED = "unlinked"
GAP = "gap"
HEAD = "head"


def _keyless_hashes(event: AccessEvent) -> set[str]:
    """What a forger without the key could put in the MAC column: plain digests of the payload."""
    payload = event.payload()
    return {hashlib.sha256(payload).hexdigest(), hashlib.sha256(b"access-event:" + payload).hexdigest()}


def access_log_verify(*, batch_size: int = 2000) -> list[Failure]:
    """Walks the chain in order and compares its end with the head; the first bad row of each kind.

    An empty list means the log is whole.
    """
    found: dict[str, Failure] = {}

    def report(kind: str, seq: int | None, reason: str) -> None:
        found.setdefault(kind, Failure(kind, seq, reason))

    expected_prev = GENESIS
    expected_seq = 1
    last: AccessEvent | None = None
    for event in AccessEvent.objects.order_by("seq").iterator(chunk_size=batch_size):
        gap = event.seq != expected_seq
        if gap:
            report(GAP, expected_seq, f"rows #{expected_seq} to #{event.seq - 1} are missing")
        elif event.prev_mac != expected_prev:
            report(UNLINKED, event.seq, f"row #{event.seq} does not follow the row before it")
        if event.compute_mac() != event.mac:
            if event.mac in _keyless_hashes(event):
                report(REHASHED, event.seq, f"row #{event.seq} was re-hashed without the access-log key")
            else:
                report(EDITED, event.seq, f"row #{event.seq} was altered after it was written")
        expected_prev = event.mac
        expected_seq = event.seq + 1
        last = event

    try:
        head = head_read()
    except HeadError as exc:
        report(HEAD, None, str(exc))
        return list(found.values())
    if head is None:
        if last is not None:
            report(HEAD, last.seq, "the head file is missing, so truncation cannot be ruled out")
    elif last is None or last.seq < head.seq:
        first_missing = (last.seq + 1) if last else 1
        report(HEAD, first_missing, f"rows #{first_missing} to #{head.seq} were cut from the end of the log")
    else:
        at_head = AccessEvent.objects.filter(seq=head.seq).only("mac").first()
        if at_head is None or at_head.mac != head.mac:
            report(HEAD, head.seq, f"row #{head.seq} is not the row the head file recorded")
    return list(found.values())
