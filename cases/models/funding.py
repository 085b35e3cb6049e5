"""Funders and the grants that cases and time entries are charged to."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Funder(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Grant(models.Model):
    """Money a case or a time entry is charged to. LSC money carries the alien-eligibility rules."""

    funder = models.ForeignKey(Funder, on_delete=models.PROTECT, related_name="grants")
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(_("code"), max_length=40, unique=True)
    is_lsc_funded = models.BooleanField(
        _("LSC-funded"),
        default=False,
        help_text=_("Only clients eligible under the LSC alien-eligibility rules may be served with it."),
    )
    restrictions = models.TextField(_("restrictions"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["funder__name", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"
