"""Deadlines: created from events and hearings, by hand, recalculated under a new rule version, closed.

A deadline records the rule version it was computed with. Changing a rule makes a new version and
moves nothing by itself; the coordinator reviews the open deadlines the version would move and
confirms, and each recalculation is a history row with its reason.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import (
    HEARING_TRIGGERS,
    Assignment,
    Case,
    CaseEvent,
    Deadline,
    DeadlineRule,
    DeadlineRuleVersion,
    Hearing,
)
from cases.rules import closures_for, compute_due_date, version_in_force
from cases.services._base import CaseStateError, S, _save
from clinic.models import User


def _save_with_reason(obj, acting_user: User | None, reason: str) -> None:
    obj._change_reason = reason  # simple-history keeps it on the row it writes
    _save(obj, acting_user)


def deadline_default_owner(case: Case) -> User | None:
    """The lead attorney, else a co-counsel; None when the case has no attorney yet."""
    assignment = (
        case.assignments.filter(
            ended_at__isnull=True, role__in=[Assignment.Role.LEAD, Assignment.Role.CO_COUNSEL]
        )
        .select_related("attorney")
        .order_by("-role", "started_at")  # "lead" sorts after "co_counsel"; descending puts it first
        .first()
    )
    return assignment.attorney if assignment else None


def _deadline_from_rule(
    *,
    case: Case,
    rule: DeadlineRule,
    trigger_date: date,
    source_key: str,
    acting_user: User | None,
    hearing: Hearing | None = None,
    event: CaseEvent | None = None,
    owner: User | None = None,
) -> Deadline:
    existing = Deadline.objects.filter(rule=rule, source_key=source_key).first()
    if existing is not None:
        return existing  # the same event recorded twice does not double its deadlines
    version = version_in_force(rule.versions.all(), trigger_date)
    closures = closures_for(court_code=hearing.court.code if hearing and hearing.court_id else "")
    deadline = Deadline(
        case=case,
        rule=rule,
        rule_version=version,
        title=rule.name,
        trigger_date=trigger_date,
        due_date=compute_due_date(version, trigger_date, closures=closures),
        owner=owner or deadline_default_owner(case),
        hearing=hearing,
        event=event,
        source_key=source_key,
        created_by=acting_user,
    )
    _save(deadline, acting_user)
    return deadline


def _open_case(case: Case) -> None:
    if case.status == S.CLOSED:
        raise CaseStateError(_("This case is closed: reopen it before adding deadlines."))


@transaction.atomic
def case_event_record(
    *, case: Case, kind: str, occurred_on: date, note: str = "", acting_user: User
) -> tuple[CaseEvent, list[Deadline]]:
    """Records a decision, a grant, an arrival...; creates the deadlines each active rule for it gives."""
    _open_case(case)
    event = CaseEvent(case=case, kind=kind, occurred_on=occurred_on, note=note, recorded_by=acting_user)
    _save(event, acting_user)
    deadlines = [
        _deadline_from_rule(
            case=case,
            rule=rule,
            trigger_date=occurred_on,
            source_key=f"event:{event.pk}",
            event=event,
            acting_user=acting_user,
        )
        for rule in DeadlineRule.objects.filter(trigger=kind, is_active=True).prefetch_related("versions")
    ]
    return event, deadlines


def _hearing_rules(hearing: Hearing) -> list[DeadlineRule]:
    """Filing deadlines run from non-detained master and individual hearings; on a detained docket
    the judge sets them."""
    trigger = HEARING_TRIGGERS.get(hearing.kind)
    if trigger is None or hearing.case.is_detained:
        return []
    return list(DeadlineRule.objects.filter(trigger=trigger, is_active=True).prefetch_related("versions"))


def hearing_deadlines_sync(*, hearing: Hearing, acting_user: User | None) -> list[Deadline]:
    """Keeps a hearing's filing deadlines in step with it: created when it is scheduled, moved when it
    moves, waived when the hearing no longer calls for them. Deadlines already closed stay as they are."""
    rules = {rule.pk: rule for rule in _hearing_rules(hearing)}
    trigger_date = hearing.local_date
    closures = closures_for(court_code=hearing.court.code if hearing.court_id else "")
    kept = []
    for deadline in hearing.deadlines.filter(status=Deadline.Status.OPEN).select_related("rule"):
        if deadline.rule_id not in rules:
            deadline.status, deadline.waived_automatically = Deadline.Status.WAIVED, True
            deadline.status_reason = _("The hearing or the case changed and no longer calls for this filing.")
            _save_with_reason(deadline, acting_user, deadline.status_reason)
            continue
        version = version_in_force(rules[deadline.rule_id].versions.all(), trigger_date)
        due = compute_due_date(version, trigger_date, closures=closures)
        if (deadline.trigger_date, deadline.due_date, deadline.rule_version_id) != (
            trigger_date,
            due,
            version.pk,
        ):
            deadline.trigger_date, deadline.due_date, deadline.rule_version = trigger_date, due, version
            _save_with_reason(deadline, acting_user, _("The hearing moved."))
        kept.append(deadline)
    have = {deadline.rule_id for deadline in kept}
    for rule in rules.values():
        if rule.pk in have:
            continue
        earlier = Deadline.objects.filter(rule=rule, source_key=f"hearing:{hearing.pk}").first()
        if earlier is not None:
            if earlier.status == Deadline.Status.WAIVED and earlier.waived_automatically:
                version = version_in_force(rule.versions.all(), trigger_date)
                earlier.status, earlier.status_reason, earlier.waived_automatically = (
                    Deadline.Status.OPEN,
                    "",
                    False,
                )
                earlier.trigger_date, earlier.rule_version = trigger_date, version
                earlier.due_date = compute_due_date(version, trigger_date, closures=closures)
                _save_with_reason(earlier, acting_user, _("The hearing calls for this filing again."))
                kept.append(earlier)
            continue  # done, missed or waived by a person: it stays as it is
        kept.append(
            _deadline_from_rule(
                case=hearing.case,
                rule=rule,
                trigger_date=trigger_date,
                source_key=f"hearing:{hearing.pk}",
                hearing=hearing,
                acting_user=acting_user,
            )
        )
    return kept


@transaction.atomic
def deadline_create(
    *, case: Case, title: str, due_date: date, owner: User | None = None, acting_user: User
) -> Deadline:
    """A deadline no rule computes (a judge's order, a date USCIS set): entered by hand."""
    _open_case(case)
    if owner is not None:
        _check_owner(case, owner)
    deadline = Deadline(
        case=case,
        title=title,
        due_date=due_date,
        owner=owner or deadline_default_owner(case),
        created_by=acting_user,
    )
    _save(deadline, acting_user)
    return deadline


def _check_owner(case: Case, owner: User) -> None:
    if not case.assignments.filter(attorney=owner, ended_at__isnull=True).exists():
        raise ValidationError({"owner": _("The owner must be an attorney on this case.")})


@transaction.atomic
def deadline_update(
    *, deadline: Deadline, status: str, reason: str = "", owner: User | None, acting_user: User
) -> Deadline:
    """Marks a deadline done, missed or waived (with a reason), reopens it, or changes its owner."""
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    reason = reason.strip()
    if status == Deadline.Status.WAIVED and not reason:
        raise ValidationError({"reason": _("Say why the deadline is waived.")})
    if owner is not None and owner.pk != deadline.owner_id:
        _check_owner(deadline.case, owner)
    deadline.status, deadline.status_reason, deadline.owner = status, reason, owner
    deadline.waived_automatically = False
    _save_with_reason(deadline, acting_user, reason)
    return deadline


def deadlines_give_owner(*, case: Case, acting_user: User | None) -> int:
    """Open deadlines that nobody owns go to the case's lead attorney (called when one is assigned)."""
    owner = deadline_default_owner(case)
    if owner is None:
        return 0
    given = 0
    for deadline in case.deadlines.filter(status=Deadline.Status.OPEN, owner__isnull=True):
        deadline.owner = owner
        _save_with_reason(deadline, acting_user, _("The case has an attorney now."))
        given += 1
    return given


def deadlines_release_owner(*, case: Case, attorney: User, acting_user: User | None) -> int:
    """An attorney leaving a case hands its open deadlines to whoever leads it now, or to nobody (and
    the coordinators' list shows them as without an attorney)."""
    successor = deadline_default_owner(case)
    released = 0
    for deadline in case.deadlines.filter(status=Deadline.Status.OPEN, owner=attorney):
        deadline.owner = successor
        _save_with_reason(deadline, acting_user, _("The attorney left the case."))
        released += 1
    return released


# Rule versions.


@transaction.atomic
def rule_version_create(
    *,
    rule: DeadlineRule,
    effective_from: date,
    amount: int,
    unit: str,
    counting: str,
    roll: str,
    citation: str,
    is_jurisdictional: bool,
    reminder_days: list[int],
    note: str = "",
    acting_user: User,
) -> DeadlineRuleVersion:
    """A change to a rule. It applies to deadlines created from now on whose trigger falls on or after
    `effective_from`; open deadlines keep their dates until a coordinator confirms their recalculation."""
    if rule.versions.filter(effective_from=effective_from).exists():
        raise ValidationError(
            {"effective_from": _("This rule already has a version from that date; choose another date.")}
        )
    version = DeadlineRuleVersion(
        rule=rule,
        effective_from=effective_from,
        amount=amount,
        unit=unit,
        counting=counting,
        roll=roll,
        citation=citation,
        is_jurisdictional=is_jurisdictional,
        reminder_days=sorted(set(reminder_days), reverse=True),
        note=note,
        created_by=acting_user,
    )
    _save(version, acting_user)
    return version


@dataclass(frozen=True)
class Recalculation:
    deadline: Deadline
    new_version: DeadlineRuleVersion
    new_due_date: date

    @property
    def moves(self) -> bool:
        return self.new_due_date != self.deadline.due_date


def rule_recalculations(*, rule: DeadlineRule) -> list[Recalculation]:
    """The open deadlines of `rule` that are not computed with the version now in force on their
    trigger date, with the date that version gives. What the coordinator reviews before confirming."""
    versions = list(rule.versions.all())
    closures: dict[str, frozenset] = {}
    found = []
    deadlines = (
        Deadline.objects.filter(rule=rule, status=Deadline.Status.OPEN, trigger_date__isnull=False)
        .select_related("case", "owner", "rule_version", "hearing__court")
        .order_by("due_date", "pk")
    )
    for deadline in deadlines:
        version = version_in_force(versions, deadline.trigger_date)
        if version.pk != deadline.rule_version_id:
            court = deadline.hearing.court.code if deadline.hearing and deadline.hearing.court_id else ""
            if court not in closures:
                closures[court] = closures_for(court_code=court)
            due = compute_due_date(version, deadline.trigger_date, closures=closures[court])
            found.append(Recalculation(deadline, version, due))
    return found


@transaction.atomic
def rule_recalculate(*, rule: DeadlineRule, deadline_ids: set[int], acting_user: User) -> list[Deadline]:
    """Applies the reviewed recalculations the coordinator confirmed; each leaves a history row."""
    moved = []
    for recalculation in rule_recalculations(rule=rule):
        deadline = recalculation.deadline
        if deadline.pk not in deadline_ids:
            continue
        old = deadline.due_date
        deadline.rule_version, deadline.due_date = recalculation.new_version, recalculation.new_due_date
        _save_with_reason(
            deadline,
            acting_user,
            _("Recalculated under the rule version from %(date)s (was due %(old)s).")
            % {"date": recalculation.new_version.effective_from.isoformat(), "old": old.isoformat()},
        )
        moved.append(deadline)
    return moved


def today() -> date:
    return timezone.localdate()
