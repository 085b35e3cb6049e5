"""Who is told, and telling them exactly once (through the core's notification ledger).

Alerts name the response by its number and link to its page (sign-in required); they never carry
the detained person's name, A-number or the caller's details.
"""

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from clinic.models import User
from clinic.notifications import notification_send_once
from clinic.roles import Role
from response.models import OnCallShift, Response


def on_shift_now(*, now: datetime | None = None) -> list[User]:
    """Whoever the rota has on shift now; with nobody on the rota, the coordinators marked on call."""
    now = now or timezone.now()
    shifts = OnCallShift.objects.filter(starts_at__lte=now, ends_at__gt=now, user__is_active=True)
    users = list(User.objects.filter(pk__in=shifts.values("user_id")).order_by("pk"))
    if users:
        return users
    return list(
        User.objects.filter(is_active=True, is_on_call=True, groups__name=Role.COORDINATOR)
        .distinct()
        .order_by("pk")
    )


def case_attorneys(response: Response) -> list[User]:
    """Attorneys who hold the case this response became, read from the case's permission rows.

    Response may not import cases (cases imports response): the link runs response -> intake ->
    case, and the rows are those the assignment services grant and revoke.
    """
    if response.case_opened_at is None:
        return []
    return list(
        User.objects.filter(
            is_active=True,
            caseuserobjectpermission__content_object__intake_id=response.intake_id,
            caseuserobjectpermission__permission__codename="view_case",
        ).distinct()
    )


def responsible(response: Response) -> list[User]:
    """The responsible coordinator (or, with none named, whoever is on shift) and the attorneys."""
    people: list[User] = [response.coordinator] if response.coordinator else on_shift_now()
    if response.attorney:
        people.append(response.attorney)
    people += case_attorneys(response)
    return _unique(people)


def _unique(users: Iterable[User | None]) -> list[User]:
    seen: dict[int, User] = {}
    for user in users:
        if user is not None and user.is_active and user.email and user.pk not in seen:
            seen[user.pk] = user
    return list(seen.values())


def response_link(response: Response) -> str:
    return settings.CLINIC_SITE_URL.rstrip("/") + reverse("response:detail", args=[response.public_id])


def alert_send(*, key: str, recipients: Iterable[User], subject: str, body: str) -> int:
    """Sends each recipient the alert once, however often a job or a retry asks; returns how many went."""
    return sum(
        1
        for user in _unique(recipients)
        if notification_send_once(key=key, recipient=user, subject=subject, body=body)
    )
