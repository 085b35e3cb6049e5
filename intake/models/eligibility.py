from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PovertyGuideline(models.Model):
    """One year's HHS poverty guideline for one region, as data (coordinators add new years)."""

    class Region(models.TextChoices):
        CONTIGUOUS = "contiguous", _("48 contiguous states and DC")
        ALASKA = "alaska", _("Alaska")
        HAWAII = "hawaii", _("Hawaii")

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1990)])
    region = models.CharField(_("region"), max_length=12, choices=Region.choices)
    base_amount = models.DecimalField(
        _("amount for one person (USD)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("1"))],
    )
    per_additional_person = models.DecimalField(
        _("amount for each additional person (USD)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("poverty guideline")
        verbose_name_plural = _("poverty guidelines")
        ordering = ["-year", "region"]
        constraints = [
            models.UniqueConstraint(fields=["year", "region"], name="one_guideline_per_year_region")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_region_display()}"

    def amount_for(self, household_size: int) -> Decimal:
        return self.base_amount + self.per_additional_person * (household_size - 1)
