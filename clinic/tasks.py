from celery import shared_task


@shared_task(name="clinic.heartbeat")
def heartbeat(token: str) -> str:
    """Answers its token: proves that a worker is consuming the queue (tests/clinic/test_worker.py,
    and an operator's `celery -A clinic call clinic.heartbeat`)."""
    return token
