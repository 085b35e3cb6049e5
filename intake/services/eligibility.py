"""Income as a percentage of the federal poverty guideline, from the guideline table."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from clinic.models import User
from intake.models import Intake, PovertyGuideline


class EligibilityError(ValueError):
    """Inputs that cannot be screened; the message says why, in the user's language."""


@dataclass(frozen=True)
class EligibilityResult:
    year: int
    region: str
    guideline_amount: Decimal
    percent: Decimal
    band: str

    def describe(self) -> str:
        return _("%(percent)s%% of the %(year)s poverty guideline") % {
            "percent": self.percent,
            "year": self.year,
        }


def band_for(percent: Decimal) -> str:
    if percent <= 125:
        return Intake.Band.UNDER_125
    if percent <= 200:
        return Intake.Band.UNDER_200
    return Intake.Band.OVER_200


def eligibility_compute(
    *,
    household_size: int,
    annual_income: Decimal,
    year: int | None = None,
    region: str = PovertyGuideline.Region.CONTIGUOUS,
) -> EligibilityResult:
    if household_size is None or household_size < 1:
        raise EligibilityError(_("A household has at least one person."))
    if annual_income is None or annual_income < 0:
        raise EligibilityError(_("Annual income cannot be negative."))
    guidelines = PovertyGuideline.objects.filter(region=region)
    guideline = (
        guidelines.filter(year=year).first() if year is not None else guidelines.order_by("-year").first()
    )
    if guideline is None:
        raise EligibilityError(
            _("There are no poverty guideline figures for %(year)s (%(region)s): a coordinator can add them.")
            % {"year": year if year is not None else "-", "region": PovertyGuideline.Region(region).label}
        )
    amount = guideline.amount_for(household_size)
    exact = Decimal(annual_income) * 100 / amount
    percent = exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    # The band comes from the exact ratio: $1 over 200% is over 200%, even if it rounds to 200.0.
    return EligibilityResult(guideline.year, region, amount, percent, band_for(exact))


@transaction.atomic
def poverty_guideline_save(
    *, year: int, region: str, base_amount: Decimal, per_additional_person: Decimal, acting_user: User
) -> PovertyGuideline:
    """Adds (or corrects) one year's figures for one region when HHS publishes them."""
    guideline = PovertyGuideline.objects.filter(year=year, region=region).first() or PovertyGuideline(
        year=year, region=region
    )
    guideline.base_amount = base_amount
    guideline.per_additional_person = per_additional_person
    guideline._history_user = acting_user
    guideline.full_clean()
    guideline.save()
    return guideline


@transaction.atomic
def client_lsc_eligibility_set(*, client, basis: str, acting_user: User):
    """Records the basis on which a client may be served with LSC money (45 CFR 1626), or none."""
    from intake.models import Client

    if basis not in Client.LscEligibility.values:
        raise EligibilityError(_("Choose an LSC eligibility basis from the list."))
    client = Client.objects.select_for_update().get(pk=client.pk)
    client.lsc_eligibility = basis
    client._history_user = acting_user
    client.save(update_fields=["lsc_eligibility"])
    return client
