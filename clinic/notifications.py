"""The exactly-once notification ledger (clinic.models.NotificationSent).

`notification_send_once(key=..., recipient=...)` sends a message at most once per (key,
recipient) however many processes call it at the same moment, and lets a retry finish a send that
a crash interrupted. The guarantee rests on the database, never on a check-then-write:

1. **Insert** the ledger row, state `pending`, claimed by this call (a random claim token and
   `claimed_at = now`), in its own transaction. The UNIQUE constraint on (key, recipient) lets
   exactly one concurrent caller insert; the others get an IntegrityError (on PostgreSQL they wait
   for the winner's commit first) and go to 2.
2. **Claim** an existing row only if it is still `pending` and unclaimed or claimed long ago
   (`NOTIFICATION_CLAIM_TIMEOUT`), with one `UPDATE ... WHERE state='pending' AND (claimed_at IS
   NULL OR claimed_at < now - timeout)`. The database applies it to one caller at most; everyone
   else returns False without sending.
3. **Send** after the claim has committed, then mark the row `sent` (only if the claim token is
   still ours).

If sending raises, the claim is released (`claimed_at = NULL`) and the exception propagates, so a
Celery retry claims the row again and sends. If the process dies between claim and mark, the row
stays `pending` with an old claim, and a retry after the timeout claims it and sends. So the
choice is: never two sends from concurrent calls; one possible repeat only when a process dies
after the mail server accepted a message and before the row is marked (a window of one UPDATE),
because losing a deadline reminder is worse than receiving it twice.

Call it outside any open transaction (from a Celery task, for instance): inside one, step 1 would
only be a savepoint and the claim would not be visible to others until the outer commit.

Personal data: the ledger stores the key and the recipient, never the text. Callers pass subject
and body, and must keep them free of clients' names, A-numbers and other personal data: a case
number and a link to the page that shows the rest to someone allowed to see it.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from clinic.models import NotificationSent, User

DEFAULT_CLAIM_TIMEOUT = timedelta(minutes=10)


def _claim_timeout() -> timedelta:
    return getattr(settings, "NOTIFICATION_CLAIM_TIMEOUT", DEFAULT_CLAIM_TIMEOUT)


def _claim(*, key: str, recipient: User, channel: str) -> tuple[int, str] | None:
    """Insert or claim the ledger row; answer (row id, claim token) when this caller may send."""
    token = uuid.uuid4().hex
    now = timezone.now()
    try:
        with transaction.atomic():
            row = NotificationSent.objects.create(
                key=key,
                recipient=recipient,
                channel=channel,
                created_at=now,
                claimed_at=now,
                claim_token=token,
                attempts=1,
            )
        return row.pk, token
    except IntegrityError:
        pass
    stale_before = now - _claim_timeout()
    claimable = NotificationSent.objects.filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale_before),
        key=key,
        recipient=recipient,
        state=NotificationSent.State.PENDING,
    )
    with transaction.atomic():
        claimed = claimable.update(claimed_at=now, claim_token=token, attempts=F("attempts") + 1)
    if not claimed:
        return None
    row_id = NotificationSent.objects.filter(key=key, recipient=recipient).values_list("pk", flat=True).get()
    return row_id, token


def notification_send_once(
    *,
    key: str,
    recipient: User,
    subject: str,
    body: str,
    channel: str = NotificationSent.Channel.EMAIL,
) -> bool:
    """Send `subject`/`body` to `recipient` once for `key`; True when this call sent it.

    False when it was already sent, is being sent by another process right now, or the recipient
    has no address (the row is then marked `skipped`, so nobody tries again). Raises what the mail
    backend raises, leaving the row claimable by a retry. `subject` and `body` must carry no
    personal data (see the module docstring).
    """
    claim = _claim(key=key, recipient=recipient, channel=channel)
    if claim is None:
        return False
    row_id, token = claim
    mine = NotificationSent.objects.filter(pk=row_id, claim_token=token, state=NotificationSent.State.PENDING)
    if not recipient.email:
        mine.update(state=NotificationSent.State.SKIPPED, claimed_at=None)
        return False
    try:
        send_mail(subject, body, None, [recipient.email], fail_silently=False)
    except Exception:
        mine.update(claimed_at=None)
        raise
    mine.update(state=NotificationSent.State.SENT, sent_at=timezone.now())
    return True
