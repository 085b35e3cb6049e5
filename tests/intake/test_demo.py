from django.core.management import call_command

from intake.models import Client, ConflictHit, Intake


def test_seed_demo_creates_intakes_in_several_states_and_runs_twice_without_duplicates(db, mailoutbox):
    call_command("seed_demo", "--password", "demo-password-123", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (Client.objects.count(), Intake.objects.count(), ConflictHit.objects.count())
    statuses = set(Intake.objects.values_list("status", flat=True))
    assert {"draft", "open", "referred", "declined"} <= statuses
    assert Intake.objects.filter(is_emergency=True, is_urgent=True).exists()
    assert Intake.objects.filter(conflict_status=Intake.ConflictStatus.REVIEW).exists()
    assert Client.objects.filter(household__isnull=False).count() == 2
    call_command("seed_demo", "--password", "demo-password-123", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Client.objects.count(), Intake.objects.count(), ConflictHit.objects.count()) == counts
