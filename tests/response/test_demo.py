from io import StringIO

from django.core.management import call_command

from response.models import Response


def test_seed_demo_adds_a_response_in_every_state_and_one_moved_twice(db):
    call_command("seed_demo", password="demo-password-1", stdout=StringIO())
    statuses = set(Response.objects.values_list("status", flat=True))
    assert statuses == set(Response.Status.values)
    assert Response.objects.filter(transfer_count=2).exists()
    assert Response.objects.filter(detainer_hold_unlawful=True).exists()
    assert Response.objects.exclude(detainer_window_ends_at=None).exists()
    count = Response.objects.count()
    call_command("seed_demo", password="demo-password-1", stdout=StringIO())
    assert Response.objects.count() == count
