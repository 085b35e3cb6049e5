from celery import shared_task

from cases import services


@shared_task(name="cases.offers_expire")
def offers_expire() -> int:
    """Beat runs this every few minutes; it is idempotent, so a repeat after a restart is harmless."""
    return services.offers_expire()


@shared_task(name="cases.offer_notify", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def offer_notify(offer_id: int) -> bool:
    return services.offer_notify(offer_id=offer_id)


@shared_task(name="cases.deadline_reminders")
def deadline_reminders() -> int:
    """Beat runs this often; the ledger makes a repeat, a twin or a retry send nothing twice."""
    from cases.services.reminders import deadline_reminders_send

    return deadline_reminders_send()
