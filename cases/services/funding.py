"""Funders and grants, and the rule that restricted money is spent only on eligible clients."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import Case, Funder, Grant, TimeEntry
from cases.services._base import _save
from clinic.models import User
from intake.models import Client

INELIGIBLE_FOR_LSC = {Client.LscEligibility.NONE, Client.LscEligibility.UNKNOWN}


def grant_check_client(*, grant: Grant | None, client: Client) -> None:
    """Restricted money is never spent on an ineligible client: LSC grants need an eligibility basis."""
    if grant is not None and grant.is_lsc_funded and client.lsc_eligibility in INELIGIBLE_FOR_LSC:
        raise ValidationError(
            {
                "grant": _(
                    "%(grant)s is LSC-funded, and this client has no LSC eligibility basis on record "
                    "(%(basis)s). Use non-LSC money instead."
                )
                % {"grant": grant, "basis": client.get_lsc_eligibility_display()}
            }
        )


@transaction.atomic
def funder_save(*, funder: Funder | None, name: str, notes: str = "", acting_user: User) -> Funder:
    funder = funder or Funder()
    funder.name, funder.notes = name, notes
    _save(funder, acting_user)
    return funder


@transaction.atomic
def grant_save(
    *,
    grant: Grant | None,
    funder: Funder,
    name: str,
    code: str,
    is_lsc_funded: bool,
    restrictions: str = "",
    starts_on: date | None = None,
    ends_on: date | None = None,
    is_active: bool = True,
    acting_user: User,
) -> Grant:
    """Creates or edits a grant; it cannot become LSC money while it pays for ineligible clients."""
    grant = grant or Grant()
    if is_lsc_funded and grant.pk:
        charged = Case.objects.filter(grant=grant, client__lsc_eligibility__in=INELIGIBLE_FOR_LSC).count()
        charged += TimeEntry.objects.filter(
            grant=grant, case__client__lsc_eligibility__in=INELIGIBLE_FOR_LSC
        ).count()
        if charged:
            raise ValidationError(
                {
                    "is_lsc_funded": _(
                        "%(n)s case(s) or time entries charged to this grant are for clients without an LSC "
                        "eligibility basis. Move them to non-LSC money first."
                    )
                    % {"n": charged}
                }
            )
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("A grant cannot end before it starts.")})
    grant.funder, grant.name, grant.code, grant.is_lsc_funded = funder, name, code, is_lsc_funded
    grant.restrictions, grant.starts_on, grant.ends_on, grant.is_active = (
        restrictions,
        starts_on,
        ends_on,
        is_active,
    )
    _save(grant, acting_user)
    return grant
