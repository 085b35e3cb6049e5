import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class FundingReport(models.Model):
    """A report a coordinator asked for: built in the background, kept with who asked and when."""

    class Format(models.TextChoices):
        PDF = "pdf", _("PDF")
        CSV = "csv", _("CSV tables (zip)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    grant = models.ForeignKey(
        "cases.Grant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("grant"),
    )
    format = models.CharField(_("format"), max_length=4, choices=Format.choices, default=Format.PDF)
    hourly_rate = models.DecimalField(_("value of a pro bono hour (USD)"), max_digits=7, decimal_places=2)
    threshold = models.PositiveSmallIntegerField(_("smallest count shown"))
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    file_name = models.CharField(max_length=200, blank=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding report")
        verbose_name_plural = _("funding reports")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="report_range_in_order"
            ),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="report_progress_percent"),
        ]

    def __str__(self) -> str:
        return _("Report %(start)s to %(end)s") % {"start": self.start, "end": self.end}
