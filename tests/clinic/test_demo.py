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
