from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ClosureDay(models.Model):
    """A day on which deadlines do not fall, besides weekends and federal holidays: a court closed
    by order, a clinic closure. Coordinators add them (clinic/closures.py); clinic/calendar.py
    treats them as non-business days.

    A blank jurisdiction closes the day for every deadline; otherwise only for deadlines of that
    jurisdiction (the callers decide what a jurisdiction code means, e.g. "eoir-chicago").
    """

    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=200)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=64, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "jurisdiction"]
        verbose_name = _("closure day")
        verbose_name_plural = _("closure days")
        constraints = [
            models.UniqueConstraint(
                fields=["date", "jurisdiction"], name="closure_day_unique_per_jurisdiction"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.jurisdiction or '*'}"
