"""Offering a case to attorneys: the first acceptance wins, the rest are withdrawn or expire."""

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import tasks
from cases.models import Assignment, Case, Offer
from cases.services._base import CaseStateError, S, _lock, _move, _save
from cases.services.assignments import assignment_create
from cases.services.network import attorney_stats_recount
from clinic.models import User
from clinic.permissions import has_role
from clinic.roles import Role


@transaction.atomic
def offer_create(
    *, case: Case, attorneys: Iterable[User], acting_user: User, scores: dict[int, int] | None = None
) -> list[Offer]:
    """The coordinator offers a case to one or more attorneys; each offer expires on its own."""
    case = _lock(case)
    if case.status not in {S.AWAITING_ASSIGNMENT, S.OFFERED}:
        raise CaseStateError(
            _("A case that is %(now)s cannot be offered.") % {"now": case.get_status_display().lower()}
        )
    already = set(case.offers.filter(status=Offer.Status.OPEN).values_list("attorney_id", flat=True))
    expires_at = timezone.now() + timedelta(hours=settings.CLINIC_OFFER_EXPIRY_HOURS)
    offers = []
    for attorney in attorneys:
        if not has_role(attorney, Role.ATTORNEY):
            raise ValidationError({"attorneys": _("%(user)s is not an attorney.") % {"user": attorney}})
        if attorney.pk in already:
            continue
        offer = Offer(
            case=case,
            attorney=attorney,
            offered_by=acting_user,
            expires_at=expires_at,
            score=(scores or {}).get(attorney.pk, 0),
        )
        _save(offer, acting_user)
        offers.append(offer)
    if not offers and not already:
        raise CaseStateError(_("Choose at least one attorney to offer the case to."))
    if case.status == S.AWAITING_ASSIGNMENT:
        _move(case, S.OFFERED)
        _save(case, acting_user, ["status"])
    for offer in offers:
        transaction.on_commit(lambda pk=offer.pk: tasks.offer_notify.delay(pk))
    return offers


def offer_notify(*, offer_id: int) -> bool:
    """Tells the attorney a case awaits their answer. The message names no client: e-mail is not private."""
    offer = Offer.objects.select_related("attorney").filter(pk=offer_id, status=Offer.Status.OPEN).first()
    if offer is None or not offer.attorney.email:
        return False
    body = _(
        'A case has been offered to you. Please sign in and accept or decline it on your "My cases" '
        "page within %(hours)s hours."
    ) % {"hours": settings.CLINIC_OFFER_EXPIRY_HOURS}
    send_mail(_("New case offer"), body, None, [offer.attorney.email])
    return True


def _offer_finish(offer: Offer, status: str, acting_user: User | None, reason: str = "") -> None:
    offer.status, offer.responded_at, offer.decline_reason = status, timezone.now(), reason
    _save(offer, acting_user, ["status", "responded_at", "decline_reason"])
    if status != Offer.Status.WITHDRAWN:  # a withdrawn offer was never the attorney's answer
        attorney_stats_recount(attorney_ids=[offer.attorney_id])


def _return_to_queue_if_no_offers(case: Case, acting_user: User | None) -> None:
    if case.status == S.OFFERED and not case.offers.filter(status=Offer.Status.OPEN).exists():
        _move(case, S.AWAITING_ASSIGNMENT)
        _save(case, acting_user, ["status"])


def _locked_open_offer(offer: Offer) -> tuple[Offer, Case]:
    case = _lock(offer.case)
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if offer.status != Offer.Status.OPEN:
        raise CaseStateError(
            _("This offer is no longer open (it was %(status)s).")
            % {"status": offer.get_status_display().lower()}
        )
    return offer, case


@transaction.atomic
def offer_accept(*, offer: Offer, acting_user: User, role: str = Assignment.Role.LEAD) -> Assignment:
    """The first acceptance wins: the case row is locked, and every other open offer is withdrawn."""
    offer, case = _locked_open_offer(offer)
    if offer.expires_at <= timezone.now():
        raise CaseStateError(_("This offer has expired."))  # the beat scan records the expiry
    _offer_finish(offer, Offer.Status.ACCEPTED, acting_user)
    for other in case.offers.filter(status=Offer.Status.OPEN).exclude(pk=offer.pk).select_for_update():
        _offer_finish(other, Offer.Status.WITHDRAWN, acting_user)
    _move(case, S.ACTIVE)
    now = timezone.now()
    case.accepted_at = now
    started = case.intake.created_at if case.intake_id else case.opened_at
    case.intake_to_acceptance = now - started
    _save(case, acting_user, ["status", "accepted_at", "intake_to_acceptance"])
    return assignment_create(case=case, attorney=offer.attorney, role=role, acting_user=acting_user)


@transaction.atomic
def offer_decline(*, offer: Offer, reason: str, acting_user: User) -> Offer:
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Say briefly why you decline, so the coordinator can match better.")}
        )
    offer, case = _locked_open_offer(offer)
    _offer_finish(offer, Offer.Status.DECLINED, acting_user, reason.strip())
    _return_to_queue_if_no_offers(case, acting_user)
    return offer


@transaction.atomic
def offer_withdraw(*, offer: Offer, acting_user: User) -> Offer:
    offer, case = _locked_open_offer(offer)
    _offer_finish(offer, Offer.Status.WITHDRAWN, acting_user)
    _return_to_queue_if_no_offers(case, acting_user)
    return offer


def offers_expire(*, now=None) -> int:
    """Marks every open offer past its time as expired; cases left without offers return to the queue.

    One transaction per offer rather than one for the whole scan: each case row is locked only
    briefly, and an offer answered while the scan runs is simply skipped.
    """
    now = now or timezone.now()
    expired = 0
    due = Offer.objects.filter(status=Offer.Status.OPEN, expires_at__lte=now).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            offer = Offer.objects.select_related("case").get(pk=pk)
            try:
                offer, case = _locked_open_offer(offer)
            except CaseStateError:
                continue  # answered meanwhile
            _offer_finish(offer, Offer.Status.EXPIRED, None)
            _return_to_queue_if_no_offers(case, None)
            expired += 1
    return expired
