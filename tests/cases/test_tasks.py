import datetime as dt

from django.conf import settings
from django.utils import timezone

from cases import tasks
from cases.models import Case, Offer


def test_the_beat_schedule_runs_the_expiry_scan():
    entries = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "cases.offers_expire" in entries


def test_the_expiry_task_expires_offers_and_returns_the_case_to_the_queue(offer):
    Offer.objects.filter(pk=offer.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert tasks.offers_expire.delay().get() == 1
    offer.case.refresh_from_db()
    assert offer.case.status == Case.Status.AWAITING_ASSIGNMENT
    assert tasks.offers_expire.delay().get() == 0
