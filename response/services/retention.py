"""Minimal data: a response that never became a case keeps only what the clinic counts.

After `CLINIC_RESPONSE_CALLER_RETENTION_DAYS` (default 30) from the call, a response that is over
and never became a case loses the caller's name and phone, and the notes about the family's and
the person's health; the hotline intake that recorded the call loses its copy of the caller's name
and number too, history included, unless a case was opened from it. The response's fields are left
out of its history (models.Response), so nothing of them survives the purge. A response still in
progress keeps them: the team may still need to call back.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from clinic.models import User
from intake.services import intake_caller_details_purge
from response.models import Response

PURGED_FIELDS = ("caller_name", "caller_phone", "dependants_note", "medical_needs")


def responses_due_for_purge(*, now: datetime) -> "list[int]":
    cutoff = now - timedelta(days=settings.CLINIC_RESPONSE_CALLER_RETENTION_DAYS)
    return list(
        Response.objects.filter(
            case_opened_at__isnull=True,
            caller_purged_at__isnull=True,
            reported_at__lt=cutoff,
        )
        .exclude(status__in=Response.OPEN_STATUSES)
        .values_list("pk", flat=True)
    )


@transaction.atomic
def caller_details_purge(*, now: datetime | None = None, acting_user: User | None = None) -> int:
    """Purges what is due; returns how many responses were purged. Safe to run again."""
    now = now or timezone.now()
    purged = 0
    for pk in responses_due_for_purge(now=now):
        response = Response.objects.select_for_update().get(pk=pk)
        if response.case_opened_at is not None or response.caller_purged_at is not None:
            continue
        for field in PURGED_FIELDS:
            setattr(response, field, "")
        response.caller_purged_at = now
        response._history_user = acting_user
        response.save(update_fields=[*PURGED_FIELDS, "caller_purged_at"])
        intake_caller_details_purge(intake=response.intake, acting_user=acting_user)
        purged += 1
    return purged
