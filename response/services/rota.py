"""The on-call rota: who receives rapid-response alerts, and when."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.models import User
from clinic.permissions import is_attorney, is_coordinator
from response.models import OnCallShift
from response.services._base import save


@transaction.atomic
def shift_create(*, user: User, starts_at: datetime, ends_at: datetime, acting_user: User) -> OnCallShift:
    if not (is_coordinator(user) or is_attorney(user)):
        raise ValidationError({"user": _("Only coordinators and attorneys take rapid-response shifts.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("A shift ends after it starts.")})
    shift = OnCallShift(user=user, starts_at=starts_at, ends_at=ends_at, created_by=acting_user)
    save(shift, acting_user)
    return shift


@transaction.atomic
def shift_end(*, shift: OnCallShift, acting_user: User) -> OnCallShift:
    """Ends a shift now (or removes one that has not started), keeping its history."""
    shift = OnCallShift.objects.select_for_update().get(pk=shift.pk)
    now = timezone.now()
    if shift.starts_at >= now:
        shift._history_user = acting_user
        shift.delete()
        return shift
    if shift.ends_at > now:
        shift.ends_at = now
        save(shift, acting_user, update_fields=["ends_at"])
    return shift
