import datetime

from django.db.models import QuerySet

from clinic.models import AccessEvent, User


def access_events(
    *,
    actor: User | None = None,
    action: str = "",
    on_or_after: datetime.date | None = None,
    on_or_before: datetime.date | None = None,
) -> QuerySet[AccessEvent]:
    """The access log, newest first, for the coordinators' audit page."""
    events = AccessEvent.objects.select_related("actor").order_by("-seq")
    if actor is not None:
        events = events.filter(actor=actor)
    if action:
        events = events.filter(action=action)
    if on_or_after is not None:
        events = events.filter(at__date__gte=on_or_after)
    if on_or_before is not None:
        events = events.filter(at__date__lte=on_or_before)
    return events
