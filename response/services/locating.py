"""Finding the person and following them: locator checks, the facility history and transfers."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.models import User
from intake.normalise import normalise_name
from response.models import FacilityStay, LocatorCheck, Response
from response.services._base import ResponseStateError, S, lock, move, save
from response.services.alerts import alert_send, on_shift_now, response_link, responsible
from response.services.responses import _windows_apply


def _same_facility(name: str, state: str, other_name: str, other_state: str) -> bool:
    return normalise_name(name) == normalise_name(other_name) and state.upper() == other_state.upper()


@transaction.atomic
def locator_check_record(
    *,
    response: Response,
    source: str,
    searched_by: str,
    country_searched: str,
    result: str,
    facility_name: str = "",
    facility_state: str = "",
    facility_kind: str = "",
    note: str = "",
    checked_at: datetime | None = None,
    acting_user: User,
) -> LocatorCheck:
    """Records a search; a find at a new facility extends the history, and a move is a transfer.

    The first find marks the person located. A transfer alerts the responsible coordinator and
    attorney at once: the court with jurisdiction and any habeas venue may have changed.
    """
    from response.tasks import transfer_alert

    response = lock(response)
    if not response.is_open:
        raise ResponseStateError(_("This response is over: record no more checks on it."))
    if not country_searched.strip():
        raise ValidationError(
            {"country_searched": _("The locator needs the country of birth for either kind of search.")}
        )
    found = result == LocatorCheck.Result.FOUND
    if found and not (facility_name.strip() and facility_kind):
        raise ValidationError(
            {"facility_name": _("Say where they were found, and what kind of place it is.")}
        )
    checked_at = checked_at or timezone.now()
    check = LocatorCheck(
        response=response,
        checked_at=checked_at,
        checked_by=acting_user,
        source=source,
        searched_by=searched_by,
        country_searched=country_searched.strip(),
        result=result,
        facility_name=facility_name.strip() if found else "",
        facility_state=facility_state.strip().upper() if found else "",
        facility_kind=facility_kind if found else "",
        note=note.strip(),
    )
    save(check, acting_user)
    if not found:
        return check

    fields: list[str] = []
    if response.status == S.REPORTED:
        fields += move(response, S.LOCATED, at=checked_at)
    stay = None
    first = not response.facility_name
    if first or not _same_facility(
        check.facility_name, check.facility_state, response.facility_name, response.facility_state
    ):
        stay = FacilityStay(
            response=response,
            facility_name=check.facility_name,
            facility_state=check.facility_state,
            facility_kind=check.facility_kind,
            seen_at=checked_at,
            is_transfer=not first,
            locator_check=check,
        )
        save(stay, acting_user)
        response.facility_name, response.facility_state = check.facility_name, check.facility_state
        response.facility_kind = check.facility_kind
        fields += ["facility_name", "facility_state", "facility_kind"]
        if stay.is_transfer:
            response.transfer_count += 1
            response.last_transfer_at = checked_at
            fields += ["transfer_count", "last_transfer_at"]
        fields += _windows_apply(response)
    if fields:
        save(response, acting_user, update_fields=fields)
    if stay is not None and stay.is_transfer:
        transaction.on_commit(lambda: transfer_alert.delay(stay.pk))
    return check


def transfer_alert_send(*, stay_id: int) -> int:
    """Tells the responsible coordinator and attorney of a transfer, once each (a retry sends nothing)."""
    stay = (
        FacilityStay.objects.select_related("response__coordinator", "response__attorney")
        .filter(pk=stay_id)
        .first()
    )
    if stay is None or not stay.is_transfer:
        return 0
    response = stay.response
    subject = _("Transfer: response %(ref)s") % {"ref": response.reference}
    body = _(
        "The person in response %(ref)s has been moved to another facility (%(state)s). The court with "
        "jurisdiction and the habeas venue may have changed.\n\n"
        "Open the response (sign-in required):\n%(link)s\n"
    ) % {"ref": response.reference, "state": stay.facility_state or "?", "link": response_link(response)}
    return alert_send(
        key=f"response-transfer:{stay.pk}", recipients=responsible(response), subject=subject, body=body
    )


def recheck_reminders_send(*, now: datetime | None = None) -> int:
    """Asks for a new locator check every few hours while a person is not yet located.

    Beat runs this often; each reminder has a key made of the response, the last search and the
    interval it falls in, so that a repeat run (or two workers) sends it once. Once the person is
    located the response leaves the scan and the reminders stop.
    """
    now = now or timezone.now()
    interval = timedelta(hours=settings.CLINIC_LOCATOR_RECHECK_HOURS)
    pending = (
        Response.objects.filter(status=S.REPORTED)
        .annotate(last_check_at=Max("locator_checks__checked_at"))
        .select_related("coordinator")
    )
    team = None
    sent = 0
    for response in pending:
        since = max(response.reported_at, response.last_check_at or response.reported_at)
        elapsed = now - since
        if elapsed < interval:
            continue
        slot = int(elapsed / interval)
        if team is None:
            team = on_shift_now(now=now)
        subject = _("Check the locator again: response %(ref)s") % {"ref": response.reference}
        body = _(
            "Response %(ref)s has not been located. The last search was %(hours)s hours ago: please search "
            "again and record the result.\n\n%(link)s\n"
        ) % {
            "ref": response.reference,
            "hours": int(elapsed.total_seconds() // 3600),
            "link": response_link(response),
        }
        sent += alert_send(
            key=f"response-recheck:{response.pk}:{since.timestamp():.0f}:{slot}",
            recipients=[response.coordinator, *team],
            subject=subject,
            body=body,
        )
    return sent


def response_opened_alert_send(*, response_id: int) -> int:
    response = Response.objects.filter(pk=response_id).first()
    if response is None:
        return 0
    subject = _("Detention reported: response %(ref)s") % {"ref": response.reference}
    body = _("A detention has been reported (response %(ref)s). Open it (sign-in required):\n%(link)s\n") % {
        "ref": response.reference,
        "link": response_link(response),
    }
    return alert_send(
        key=f"response-opened:{response.pk}",
        recipients=[response.coordinator, *on_shift_now()],
        subject=subject,
        body=body,
    )
