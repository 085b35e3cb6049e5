from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.urls import reverse


def test_a_newcomer_signs_in_with_the_printed_password_and_the_demo_code(db):
    printed = StringIO()
    call_command("seed_demo", password="demo-password-1", stdout=printed)
    line = next(line for line in printed.getvalue().splitlines() if line.strip().startswith("coordinator"))
    assert "demo-password-1" in line
    code = StringIO()
    call_command("demo_code", "coordinator", stdout=code)
    plain = Client()
    plain.post(reverse("login"), {"username": "coordinator", "password": "demo-password-1"})
    response = plain.post(reverse("two_factor_verify"), {"token": code.getvalue().strip()})
    assert response.status_code == 302
    assert plain.get(reverse("coordinator_home")).status_code == 200


def test_the_demo_clock_runs_from_the_moment_given_and_stops_with_it():
    import datetime as dt

    from django.utils import timezone

    from clinic.demo import demo_clock

    moment = timezone.now() - dt.timedelta(days=200)
    with demo_clock(moment):
        inside = timezone.now()
        assert dt.timedelta(0) <= inside - moment < dt.timedelta(seconds=5)
        assert timezone.localdate() == timezone.localtime(inside).date()
    assert timezone.now() - moment > dt.timedelta(days=199)


def test_seeding_the_demo_sends_no_mail_for_its_past_alerts(
    transactional_db, migration_data, settings, capsys
):
    # A real commit (no test transaction around the command), so the alerts' tasks really run.
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    out = StringIO()
    call_command("seed_demo", "--password", "demo-password-1", stdout=out)
    assert "Subject:" not in capsys.readouterr().out
    assert "Demo sign-ins" in out.getvalue()
