"""Hearings before the immigration court or another tribunal."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models.cases import Case


class Hearing(models.Model):
    """A scheduled appearance. Kept minimal here; the deadlines issue builds on it."""

    class Kind(models.TextChoices):
        MASTER = "master", _("Master calendar")
        MERITS = "merits", _("Individual merits")
        BOND = "bond", _("Bond")
        FEAR_REVIEW = "fear_review", _("Credible/reasonable fear review")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="hearings")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.MASTER)
    starts_at = models.DateTimeField(_("date and time"))
    judge = models.CharField(_("judge"), max_length=120, blank=True)
    result = models.CharField(_("result"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["case", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d %H:%M}"
