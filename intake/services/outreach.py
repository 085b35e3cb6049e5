"""Recording outreach events (workshops, forums) and the intakes taken at them."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.models import User
from intake.models import OutreachEvent

EDITABLE = (
    "kind", "title", "held_on", "place", "community_area", "language", "partner", "attendees", "materials",
    "notes",
)  # fmt: skip


@transaction.atomic
def outreach_event_save(*, event: OutreachEvent | None, acting_user: User, **fields) -> OutreachEvent:
    """Creates or changes an event; its date may be at most a year ahead (events are recorded
    as they are planned or after they happen)."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"outreach_event_save() got unexpected fields: {sorted(unknown)}")
    held_on: date | None = fields.get("held_on") or (event.held_on if event else None)
    today = timezone.localdate()
    if held_on and not (date(2000, 1, 1) <= held_on <= today.replace(year=today.year + 1)):
        raise ValidationError({"held_on": _("Check the date: an event is between 2000 and a year from now.")})
    event = event or OutreachEvent(created_by=acting_user)
    for name, value in fields.items():
        setattr(event, name, value)
    event._history_user = acting_user
    event.full_clean()
    event.save()
    return event
