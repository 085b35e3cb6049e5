import datetime as dt

from django.utils import timezone

from cases import tasks
from cases.models import Case, Offer
from clinic.celery import app


def test_the_beat_schedule_runs_the_expiry_scan():
    entries = [entry["task"] for entry in app.conf.beat_schedule.values()]
    assert "cases.offers_expire" in entries
    assert "cases.offers_expire" in app.tasks  # the name the registry gives is a real task


def test_the_expiry_task_expires_offers_and_returns_the_case_to_the_queue(offer):
    Offer.objects.filter(pk=offer.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert tasks.offers_expire.delay().get() == 1
    offer.case.refresh_from_db()
    assert offer.case.status == Case.Status.AWAITING_ASSIGNMENT
    assert tasks.offers_expire.delay().get() == 0


def test_each_attorney_offered_a_case_is_told_by_mail_without_client_details(
    coordinator, attorney, other_attorney, awaiting_case, mailoutbox, django_capture_on_commit_callbacks
):
    from cases import services

    with django_capture_on_commit_callbacks(execute=True):
        services.offer_create(
            case=awaiting_case, attorneys=[attorney, other_attorney], acting_user=coordinator
        )
    assert sorted(m.to[0] for m in mailoutbox) == sorted([attorney.email, other_attorney.email])
    body = mailoutbox[0].body
    assert "48 hours" in body
    assert awaiting_case.client.given_names not in body and awaiting_case.client.family_names not in body


def test_no_mail_goes_out_when_the_offer_is_rolled_back(coordinator, attorney, awaiting_case, mailoutbox):
    from cases import services

    services.offer_create(case=awaiting_case, attorneys=[attorney], acting_user=coordinator)
    assert mailoutbox == []  # the test's transaction never commits


def test_a_closed_offer_is_not_announced(offer, mailoutbox):
    Offer.objects.filter(pk=offer.pk).update(status=Offer.Status.WITHDRAWN)
    assert tasks.offer_notify.delay(offer.pk).get() is False
    assert mailoutbox == []
