"""Deadline reminders: what beat's scan sends, each at most once, through the core's ledger.

Each scan looks at the database as it is (no countdowns parked in the broker). A reminder's key names
the deadline, its due date and the threshold, and the core's notification ledger sends a key to a
recipient at most once (a unique constraint, not a check-then-write), so two scans at the same moment,
or a retry after a crash, send nothing twice. A deadline that moves gets a new due date in its key,
and so fresh reminders.

E-mails name the case by its reference and link to it; never the client's name or A-number.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.models import Deadline
from clinic.models import User
from clinic.notifications import notification_send_once
from clinic.roles import Role

# Manual deadlines have no rule: they are reminded at these thresholds.
DEFAULT_REMINDER_DAYS = [7, 3, 1]
# How far ahead a scan looks: the largest threshold a rule version may set.
HORIZON_DAYS = 366


@dataclass(frozen=True)
class Reminder:
    key: str
    recipient: User
    subject: str
    body: str


def _link(deadline: Deadline) -> str:
    return settings.CLINIC_SITE_URL.rstrip("/") + reverse("cases:case_detail", args=[deadline.case.public_id])


def _when(days_left: int) -> str:
    if days_left == 0:
        return _("today")
    if days_left < 0:
        return ngettext("%(n)d day ago", "%(n)d days ago", -days_left) % {"n": -days_left}
    return ngettext("in %(n)d day", "in %(n)d days", days_left) % {"n": days_left}


def _describe(deadline: Deadline, days_left: int) -> str:
    citation = deadline.rule_version.citation if deadline.rule_version_id else ""
    lines = [
        _("%(what)s for case %(ref)s is due on %(due)s (%(when)s).")
        % {
            "what": deadline.title,
            "ref": deadline.case.reference,
            "due": deadline.due_date.isoformat(),
            "when": _when(days_left),
        }
    ]
    if citation:
        lines.append(_("Rule: %(citation)s.") % {"citation": citation})
    if deadline.rule_version_id and deadline.rule_version.is_jurisdictional:
        lines.append(_("This deadline is jurisdictional: it cannot be extended."))
    lines.append(_("Open the case: %(link)s") % {"link": _link(deadline)})
    return "\n".join(lines)


def _threshold(deadline: Deadline, days_left: int) -> str | None:
    """The reminder this deadline is at today: "day" on the due date, else the smallest threshold
    not yet passed. A scan that missed days sends the current threshold, not a burst of old ones."""
    if days_left == 0:
        return "day"
    days = deadline.rule_version.reminder_days if deadline.rule_version_id else DEFAULT_REMINDER_DAYS
    reached = [t for t in days if days_left <= t]
    return str(min(reached)) if reached else None


def reminders_due(*, today: date, coordinators: list[User]) -> list[Reminder]:
    """Every reminder the deadlines call for today. Pure over the rows; the ledger decides what is new."""
    deadlines = (
        Deadline.objects.filter(
            status=Deadline.Status.OPEN, due_date__lte=today + timedelta(days=HORIZON_DAYS)
        )
        .select_related("case", "owner", "rule_version")
        .order_by("due_date", "pk")
    )
    reminders = []
    for deadline in deadlines:
        days_left = (deadline.due_date - today).days
        base = f"deadline:{deadline.pk}:{deadline.due_date.isoformat()}"
        if days_left < 0:
            subject = _("Overdue deadline on case %(ref)s") % {"ref": deadline.case.reference}
            reminders += [
                Reminder(f"{base}:overdue", c, subject, _describe(deadline, days_left)) for c in coordinators
            ]
            continue
        threshold = _threshold(deadline, days_left)
        if threshold is None:
            continue
        if days_left == 0:
            subject = _("Due today: %(what)s, case %(ref)s")
        else:
            subject = _("Deadline %(when)s: %(what)s, case %(ref)s")
        subject %= {"what": deadline.title, "ref": deadline.case.reference, "when": _when(days_left)}
        if deadline.owner is not None and deadline.owner.is_active:
            reminders.append(
                Reminder(f"{base}:{threshold}", deadline.owner, subject, _describe(deadline, days_left))
            )
        else:
            body = (
                _("Nobody owns this deadline: the case has no attorney.")
                + "\n"
                + _describe(deadline, days_left)
            )
            reminders += [
                Reminder(f"{base}:{threshold}:unassigned", c, _("No attorney: ") + subject, body)
                for c in coordinators
            ]
    return reminders


def coordinators() -> list[User]:
    return list(
        User.objects.filter(is_active=True, groups__name=Role.COORDINATOR).exclude(email="").distinct()
    )


def deadline_reminders_send(*, today: date | None = None) -> int:
    """Beat's scan: sends what is due and not yet sent; answers how many it sent."""
    today = today or timezone.localdate()
    sent = 0
    for reminder in reminders_due(today=today, coordinators=coordinators()):
        if notification_send_once(
            key=reminder.key, recipient=reminder.recipient, subject=reminder.subject, body=reminder.body
        ):
            sent += 1
    return sent
