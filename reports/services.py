"""Asking for a funding report and building it in the background."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Grant
from clinic.aggregates import Period
from clinic.models import User
from reports import render
from reports.models import FundingReport
from reports.selectors import ReportData, funding_report_data

MAX_YEARS = 10


def report_period_check(*, start: date, end: date) -> Period:
    """A range a report can cover: in order, not in the future, at most ten years."""
    if end < start:
        raise ValidationError({"end": _("The end of the range comes before its start.")})
    if end > timezone.localdate():
        raise ValidationError({"end": _("The range cannot end in the future.")})
    if (end - start).days > 366 * MAX_YEARS:
        raise ValidationError({"start": _("A report covers at most ten years.")})
    return Period(start, end)


def report_storage():
    return storages["reports"]


@transaction.atomic
def report_request(
    *,
    start: date,
    end: date,
    grant: Grant | None,
    fmt: str,
    acting_user: User,
    hourly_rate: Decimal | None = None,
    threshold: int | None = None,
) -> FundingReport:
    """Records the request and queues the build once the request is committed."""
    from reports.tasks import build_funding_report

    report_period_check(start=start, end=end)
    report = FundingReport(
        requested_by=acting_user,
        start=start,
        end=end,
        grant=grant,
        format=fmt,
        hourly_rate=hourly_rate if hourly_rate is not None else Decimal(settings.CLINIC_PRO_BONO_HOURLY_RATE),
        threshold=threshold or settings.CLINIC_REPORT_SMALL_CELL,
    )
    report._history_user = acting_user
    report.full_clean()
    report.save()
    transaction.on_commit(lambda: build_funding_report.delay(report.pk))
    return report


def report_data(
    *, start: date, end: date, grant: Grant | None, threshold: int, hourly_rate: Decimal
) -> ReportData:
    return funding_report_data(
        period=report_period_check(start=start, end=end),
        grant=grant,
        threshold=threshold,
        hourly_rate=hourly_rate,
    )


def _progress(report: FundingReport, percent: int, status: str = FundingReport.Status.RUNNING) -> None:
    FundingReport.objects.filter(pk=report.pk).update(progress=percent, status=status)


def report_build(*, report_id: int) -> FundingReport | None:
    """Builds the file of a queued report; safe to run again (a finished report is left alone)."""
    report = FundingReport.objects.select_related("grant").filter(pk=report_id).first()
    if report is None or report.status == FundingReport.Status.DONE:
        return report
    _progress(report, 5)
    try:
        data = report_data(
            start=report.start,
            end=report.end,
            grant=report.grant,
            threshold=report.threshold,
            hourly_rate=report.hourly_rate,
        )
        _progress(report, 60)
        content = (
            render.pdf_bytes(data) if report.format == FundingReport.Format.PDF else render.csv_zip(data)
        )
        _progress(report, 90)
        name = report_storage().save(
            f"{report.public_id.hex}.{'pdf' if report.format == 'pdf' else 'zip'}", ContentFile(content)
        )
    except Exception as exc:
        FundingReport.objects.filter(pk=report.pk).update(
            status=FundingReport.Status.FAILED, message=_("The report could not be built: %(e)s") % {"e": exc}
        )
        raise
    report.file_name, report.status, report.progress = name, FundingReport.Status.DONE, 100
    report.finished_at = timezone.now()
    report.message = ""
    report._history_user = None
    report.save(update_fields=["file_name", "status", "progress", "finished_at", "message"])
    return report
