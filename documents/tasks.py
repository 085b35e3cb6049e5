import logging

from celery import shared_task

from documents import services

logger = logging.getLogger(__name__)


@shared_task(name="documents.verify")
def documents_verify_task() -> int:
    """The periodic integrity audit: every body decrypted and checked; failures alert in the access log."""
    failures = services.documents_verify(alert=True)
    if failures:
        logger.error("Document integrity audit: %d version(s) failed verification.", len(failures))
    return len(failures)
