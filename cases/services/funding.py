"""Funders and grants, and the rules that restricted money is spent only as its grant allows."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import Case, CaseType, Funder, Grant, TimeEntry
from cases.services._base import _save
from clinic.models import User
from intake.models import Client

INELIGIBLE_FOR_LSC = {Client.LscEligibility.NONE, Client.LscEligibility.UNKNOWN}


def grant_check(*, grant: Grant | None, client: Client, case_type: str) -> None:
    """Restricted money is spent only as its grant allows: LSC money only on clients with an
    eligibility basis, and a grant that names the case types it pays for only on those."""
    if grant is None:
        return
    if grant.is_lsc_funded and client.lsc_eligibility in INELIGIBLE_FOR_LSC:
        raise ValidationError(
            {
                "grant": _(
                    "%(grant)s is LSC-funded, and this client has no LSC eligibility basis on record "
                    "(%(basis)s). Use non-LSC money instead."
                )
                % {"grant": grant, "basis": client.get_lsc_eligibility_display()}
            }
        )
    if not grant.covers(case_type):
        raise ValidationError(
            {
                "grant": _(
                    "%(grant)s pays only for these case types: %(types)s. This is a case of type "
                    "%(type)s: charge it to another grant, or add the type to the grant."
                )
                % {
                    "grant": grant,
                    "types": ", ".join(grant.get_case_types_display()),
                    "type": CaseType(case_type).label if case_type in CaseType.values else case_type,
                }
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
    amount: Decimal | None = None,
    case_types: list[str] | None = None,
    client_groups: list[str] | None = None,
    metrics: list[str] | None = None,
    is_active: bool = True,
    acting_user: User,
) -> Grant:
    """Creates or edits a grant. It cannot become LSC money while it pays for ineligible clients,
    nor stop paying for a case type while cases of that type are charged to it."""
    grant = grant or Grant()
    case_types = list(dict.fromkeys(case_types or []))
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
    if grant.pk and case_types:
        uncovered = sorted(
            set(
                Case.objects.filter(grant=grant)
                .exclude(case_type__in=case_types)
                .values_list("case_type", flat=True)
            )
        )
        if uncovered:
            raise ValidationError(
                {
                    "case_types": _(
                        "Cases of these types are charged to this grant: %(types)s. Keep those types, "
                        "or move the cases to other money first."
                    )
                    % {"types": ", ".join(str(CaseType(value).label) for value in uncovered)}
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
    grant.amount, grant.case_types = amount, case_types
    grant.client_groups = list(dict.fromkeys(client_groups or []))
    grant.metrics = list(dict.fromkeys(metrics or []))
    _save(grant, acting_user)
    return grant
