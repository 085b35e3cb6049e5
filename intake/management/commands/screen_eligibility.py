from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError

from intake.models import Intake, PovertyGuideline
from intake.services import EligibilityError, eligibility_compute


def _amount(value: str) -> Decimal:
    try:
        amount = Decimal(value.replace(",", ""))
    except InvalidOperation:
        raise CommandError(f"--annual-income must be a number of dollars, not {value!r}.") from None
    if not amount.is_finite():
        raise CommandError(f"--annual-income must be a number of dollars, not {value!r}.")
    return amount


class Command(BaseCommand):
    help = "Income as a percentage of the federal poverty guideline for a household size and year."

    def add_arguments(self, parser):
        parser.add_argument(
            "--household", type=int, required=True, help="People in the household (1 or more)."
        )
        parser.add_argument("--annual-income", type=_amount, required=True, help="Yearly income in dollars.")
        parser.add_argument("--year", type=int, help="Guideline year (default: the latest on file).")
        parser.add_argument(
            "--region",
            choices=PovertyGuideline.Region.values,
            default=PovertyGuideline.Region.CONTIGUOUS,
            help="contiguous (48 states and DC), alaska or hawaii.",
        )

    def handle(self, *args, household, annual_income, year=None, region, **options):
        try:
            result = eligibility_compute(
                household_size=household, annual_income=annual_income, year=year, region=region
            )
        except EligibilityError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Household of {household}, {PovertyGuideline.Region(region).label}: "
            f"guideline ${result.guideline_amount:,.2f}, band: {Intake.Band(result.band).label}"
        )
        self.stdout.write(f"{result.percent}% of the {result.year} poverty guideline")
