"""What every response service shares: the status flow, the row lock and the audited save."""

from django.utils.translation import gettext as _

from clinic.models import User
from response.models import Response

S = Response.Status


class ResponseStateError(Exception):
    """A change that the response's current status does not allow."""


# reported -> located -> represented -> custody decided -> an outcome -> closed. A step may be
# skipped forwards (someone released before anyone found them), never walked back.
OUTCOMES = frozenset({S.RELEASED, S.BONDED, S.TRANSFERRED_OUT, S.REMOVED})
TRANSITIONS: dict[str, frozenset[str]] = {
    S.REPORTED: frozenset({S.LOCATED, S.RELEASED, S.CLOSED}),
    S.LOCATED: frozenset({S.REPRESENTED, S.CUSTODY_DECIDED, *OUTCOMES, S.CLOSED}),
    S.REPRESENTED: frozenset({S.CUSTODY_DECIDED, *OUTCOMES, S.CLOSED}),
    S.CUSTODY_DECIDED: frozenset({*OUTCOMES, S.CLOSED}),
    **{outcome: frozenset({S.CLOSED}) for outcome in OUTCOMES},
    S.CLOSED: frozenset(),
}
# The field that timestamps each step.
STAMPS: dict[str, str] = {
    S.LOCATED: "located_at",
    S.REPRESENTED: "represented_at",
    S.CUSTODY_DECIDED: "custody_decided_at",
    **dict.fromkeys(OUTCOMES, "outcome_at"),
    S.CLOSED: "closed_at",
}


def lock(response: Response) -> Response:
    return Response.objects.select_for_update().get(pk=response.pk)


def move(response: Response, to: str, *, at) -> list[str]:
    """Moves the response to `to`, stamping the step; returns the fields changed."""
    if to not in TRANSITIONS[response.status]:
        raise ResponseStateError(
            _("A response that is %(now)s cannot become %(to)s.")
            % {"now": response.get_status_display().lower(), "to": S(to).label.lower()}
        )
    response.status = to
    stamp = STAMPS[to]
    setattr(response, stamp, at)
    return ["status", stamp]


def save(obj, acting_user: User | None, update_fields: list[str] | None = None) -> None:
    obj._history_user = acting_user
    obj.full_clean()
    obj.save(update_fields=update_fields)
