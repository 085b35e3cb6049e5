"""Demo accounts for `manage.py seed_demo`. Every name here is invented."""

import base64
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.models import User
from clinic.roles import Role

DEMO_USERS = [
    # username, first name, last name, role, on call
    ("volunteer", "Valeria", "Ríos", Role.VOLUNTEER, False),
    ("attorney", "Andrea", "Molina", Role.ATTORNEY, False),
    ("attorney2", "Tomasz", "Nowicki", Role.ATTORNEY, False),
    ("coordinator", "Carmen", "Ibarra", Role.COORDINATOR, True),
    ("admin", "Alex", "Admin", Role.ADMINISTRATOR, False),
]


def seed(*, password: str, users: dict[str, User]) -> None:
    """Creates (or resets) the demo accounts, one per role and two attorneys.

    Each gets a confirmed authenticator with one secret shared by the demo users and new on every
    run, which seed_demo prints beside the password (add it to any authenticator app once).
    """
    totp_key = secrets.token_hex(20)
    for username, first, last, role, on_call in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@clinic.example"
        user.is_on_call = on_call
        user.is_staff = role == Role.ADMINISTRATOR
        user.set_password(password)
        user._history_user = None
        user.save()
        user.groups.set([Group.objects.get(name=role)])
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        TOTPDevice.objects.create(user=user, name="authenticator", key=totp_key, confirmed=True)
        users[username] = user


def demo_totp_secret(username: str) -> str:
    """The base32 secret of a demo user's authenticator, as apps take it when typed by hand."""
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


@contextmanager
def demo_clock(moment: datetime) -> Iterator[None]:
    """Runs what is inside as if it were `moment`, the clock moving on from there.

    The demo's year of past activity goes through the same services as real work, and services
    stamp their rows (and history) with the time they run: they take no date to pretend with.
    Moving the clock keeps every derived figure consistent (time from intake to acceptance, a
    deadline's owner when it fell due), which rewriting dates afterwards with update() would not,
    and it would skip history too. Only seed_demo uses it: a command that runs alone in its process.
    """
    real_now = timezone.now
    offset = moment - real_now()
    timezone.now = lambda: real_now() + offset
    try:
        yield
    finally:
        timezone.now = real_now
