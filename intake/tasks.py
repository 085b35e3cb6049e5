from celery import shared_task

from intake.models import Intake
from intake.services import emergency_notify


@shared_task(bind=True, max_retries=5, default_retry_delay=30)
def notify_on_call_coordinators(self, intake_id: int) -> int:
    """Thin: load the intake and tell the on-call coordinators (retried if the mail server is down)."""
    intake = Intake.objects.filter(pk=intake_id).first()
    if intake is None:
        return 0
    try:
        return emergency_notify(intake=intake)
    except OSError as exc:
        raise self.retry(exc=exc) from exc
