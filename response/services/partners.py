"""Partner alert networks: issuing their tokens, recognising them, and the reports they send."""

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from clinic.models import User
from intake.services import Identity, intake_emergency_create
from response.models import PartnerOrganisation, Response
from response.services._base import save
from response.services.responses import Caller, Detention, response_open

TOKEN_PREFIX = "rrp_"  # noqa: S105 (a marker that makes leaked tokens easy to scan for, not a secret)


def token_hash(token: str) -> str:
    # The token is 256 random bits, so a plain SHA-256 is enough to keep it unguessable at rest.
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def partner_token_issue(*, name: str, acting_user: User | None = None) -> tuple[PartnerOrganisation, str]:
    """A new token for a partner (created if new); the old one stops working. Shown only once."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    partner = PartnerOrganisation.objects.select_for_update().filter(name=name.strip()).first()
    if partner is None:
        service_user = get_user_model()(
            username=f"partner-{slugify(name)[:30]}-{secrets.token_hex(3)}", first_name=name.strip()[:150]
        )
        service_user.set_unusable_password()  # it never signs in; it only signs the reports it sends
        service_user._history_user = acting_user
        service_user.save()
        partner = PartnerOrganisation(name=name.strip(), service_user=service_user)
    partner.token_hash, partner.token_hint, partner.is_active = token_hash(token), token[-4:], True
    save(partner, acting_user)
    return partner, token


def partner_for_token(token: str) -> PartnerOrganisation | None:
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    return (
        PartnerOrganisation.objects.select_related("service_user")
        .filter(token_hash=token_hash(token), is_active=True, service_user__is_active=True)
        .first()
    )


@transaction.atomic
def partner_revoke(*, partner: PartnerOrganisation, acting_user: User | None = None) -> PartnerOrganisation:
    partner.is_active = False
    save(partner, acting_user, update_fields=["is_active"])
    return partner


@dataclass
class PartnerReport:
    given_names: str
    family_names: str
    a_number: str = ""
    country_of_birth: str = ""
    date_of_birth: date | None = None
    facility: str = ""
    taken_at: datetime | None = None
    agency: str = Response.Agency.UNKNOWN
    caller: Caller = field(default_factory=Caller)
    dependants_count: int = 0
    dependants_note: str = ""
    medical_needs: str = ""
    notes: str = ""


@transaction.atomic
def partner_report_open(*, partner: PartnerOrganisation, report: PartnerReport) -> Response:
    """A partner's report opens a hotline emergency and its response, as a volunteer's call would."""
    acting_user = partner.service_user
    intake = intake_emergency_create(
        identity=Identity(
            given_names=report.given_names,
            family_names=report.family_names,
            a_number=report.a_number,
            country_of_birth=report.country_of_birth,
            date_of_birth=report.date_of_birth,
        ),
        facility=report.facility,
        detained_on=report.taken_at.date() if report.taken_at else None,
        caller_name=report.caller.name,
        callback_phone=report.caller.phone,
        narrative=report.notes,
        acting_user=acting_user,
    )
    return response_open(
        intake=intake,
        detention=Detention(
            taken_at=report.taken_at,
            taken_place=report.facility,
            agency=report.agency,
            country_of_birth=report.country_of_birth,
            dependants_count=report.dependants_count,
            dependants_note=report.dependants_note,
            medical_needs=report.medical_needs,
        ),
        caller=report.caller,
        acting_user=acting_user,
        partner=partner,
    )
