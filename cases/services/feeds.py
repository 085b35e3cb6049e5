"""Secret calendar-feed addresses: made, replaced and revoked by their owner."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from cases.models import FeedToken
from cases.services._base import _save
from clinic.models import User
from clinic.permissions import is_attorney, is_coordinator


def feed_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def feed_token_create(*, user: User, acting_user: User) -> str:
    """A new secret address for `user`'s feed, replacing any earlier one (which stops working).
    Answers the token itself, which is shown once and never stored."""
    if not (is_attorney(user) or is_coordinator(user)):
        raise PermissionError("Only attorneys and coordinators have calendar feeds.")
    token = secrets.token_urlsafe(32)
    feed = FeedToken.objects.filter(user=user).first() or FeedToken(user=user)
    feed.digest = feed_digest(token)
    feed.last_used_at = None
    _save(feed, acting_user)
    return token


@transaction.atomic
def feed_token_revoke(*, user: User, acting_user: User) -> bool:
    feed = FeedToken.objects.filter(user=user).first()
    if feed is None:
        return False
    feed._history_user = acting_user
    feed.delete()
    return True


def feed_user_for_token(token: str) -> User | None:
    """The active attorney or coordinator a feed token belongs to, or None (unknown, revoked, or the
    user has lost the roles that have feeds)."""
    feed = FeedToken.objects.select_related("user").filter(digest=feed_digest(token)).first()
    if feed is None or not feed.user.is_active:
        return None
    user = feed.user
    if not (is_attorney(user) or is_coordinator(user)):
        return None
    now = timezone.now()
    if feed.last_used_at is None or (now - feed.last_used_at).total_seconds() > 3600:
        FeedToken.objects.filter(pk=feed.pk).update(last_used_at=now)  # not history: a read, hourly
    return user
