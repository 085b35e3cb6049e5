"""Thin tasks: take ids, call one service. Alerts go through the exactly-once ledger, so a retry
or a second worker never sends one twice."""

from celery import shared_task

from response import services


@shared_task(name="response.transfer_alert", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def transfer_alert(stay_id: int) -> int:
    return services.transfer_alert_send(stay_id=stay_id)


@shared_task(name="response.opened_alert", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def response_opened_alert(response_id: int) -> int:
    return services.response_opened_alert_send(response_id=response_id)


@shared_task(name="response.recheck_reminders")
def recheck_reminders() -> int:
    """Beat runs this every few minutes; a reminder already sent is not sent again."""
    return services.recheck_reminders_send()


@shared_task(name="response.caller_details_purge")
def caller_details_purge() -> int:
    return services.caller_details_purge()
