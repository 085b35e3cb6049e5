"""What every case service shares: the state machine, the row lock and the audited save."""

from django.utils.translation import gettext as _

from cases.models import Case
from clinic.models import User


class CaseStateError(Exception):
    """A change that the case's (or offer's) current status does not allow."""


S = Case.Status
TRANSITIONS: dict[str, set[str]] = {
    S.AWAITING_ASSIGNMENT: {S.OFFERED, S.CLOSED},
    S.OFFERED: {S.ACTIVE, S.AWAITING_ASSIGNMENT, S.CLOSED},
    S.ACTIVE: {S.CLOSED, S.AWAITING_ASSIGNMENT},
    S.CLOSED: {S.ACTIVE, S.AWAITING_ASSIGNMENT},
}


def _move(case: Case, to: str) -> None:
    if to not in TRANSITIONS[case.status]:
        raise CaseStateError(
            _("A case that is %(now)s cannot become %(to)s.")
            % {"now": case.get_status_display().lower(), "to": S(to).label.lower()}
        )
    case.status = to


def _lock(case: Case) -> Case:
    """The case row, locked until the transaction ends: offers race on it."""
    return Case.objects.select_for_update().get(pk=case.pk)


def _save(obj, acting_user: User | None, update_fields: list[str] | None = None) -> None:
    obj._history_user = acting_user
    obj.full_clean()
    obj.save(update_fields=update_fields)
