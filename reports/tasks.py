from celery import shared_task

from reports.services import report_build


@shared_task(name="reports.build_funding_report", acks_late=True)
def build_funding_report(report_id: int) -> str | None:
    """Thin: build one report by id (a finished one is left alone, so a retry is harmless)."""
    report = report_build(report_id=report_id)
    return report.status if report else None
