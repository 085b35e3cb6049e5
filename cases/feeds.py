"""The iCalendar (.ics) feed of hearings and deadlines that calendar apps subscribe to.

It names cases by their reference, never the client: a phone's calendar is not a private place.
"""

from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from cases import selectors
from clinic.models import User
from clinic.permissions import is_coordinator

HEARING_LENGTH = timedelta(hours=1)


def _case_link(case) -> str:
    return settings.CLINIC_SITE_URL.rstrip("/") + reverse("cases:case_detail", args=[case.public_id])


def build_feed(*, user: User, today: date | None = None) -> bytes:
    """An attorney's feed holds the cases they hold now; a coordinator's the whole clinic."""
    today = today or timezone.localdate()
    scope = None if is_coordinator(user) else user
    stamp = timezone.now()
    host = settings.CLINIC_SITE_URL.split("//")[-1].split("/")[0] or "clinic"

    calendar = Calendar()
    calendar.add("prodid", "-//Clinic case management//Hearings and deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Clinic hearings and deadlines"))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})

    for deadline in selectors.feed_deadlines(user=scope, today=today):
        event = Event()
        event.add("uid", f"deadline-{deadline.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.due_date)  # a date: an all-day event on the day it is due
        event.add("dtend", deadline.due_date + timedelta(days=1))
        prefix = "" if deadline.is_open else f"[{deadline.get_status_display()}] "
        event.add("summary", f"{prefix}{deadline.title} · {_('case')} {deadline.case.reference}")
        lines = [_("Due: %(date)s") % {"date": deadline.due_date.isoformat()}]
        if deadline.rule_version_id:
            lines.append(_("Rule: %(citation)s") % {"citation": deadline.rule_version.citation})
        lines.append(_case_link(deadline.case))
        event.add("description", "\n".join(lines))
        event.add("url", _case_link(deadline.case))
        event.add("categories", [_("Deadline")])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)

    for hearing in selectors.feed_hearings(user=scope, today=today):
        event = Event()
        start = hearing.local_start
        event.add("uid", f"hearing-{hearing.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + HEARING_LENGTH)
        event.add("summary", f"{hearing.get_kind_display()} · {_('case')} {hearing.case.reference}")
        if hearing.court_id:
            event.add("location", f"{hearing.court.name}, {hearing.court.address}".rstrip(", "))
        details = [hearing.get_mode_display()]
        if hearing.judge:
            details.append(_("Judge: %(judge)s") % {"judge": hearing.judge})
        details.append(_case_link(hearing.case))
        event.add("description", "\n".join(details))
        event.add("url", _case_link(hearing.case))
        event.add("categories", [_("Hearing")])
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
