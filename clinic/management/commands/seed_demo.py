import secrets

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from clinic.demo import DEMO_USERS, demo_totp_secret
from clinic.registry import demo_parts


class Command(BaseCommand):
    help = (
        "Creates demo users (one per role) and sample data. Safe to run again: it updates what is "
        "there instead of adding duplicates. Each app contributes its own part through the registry."
    )

    def add_arguments(self, parser):
        parser.add_argument("--password", help="Password for every demo user (default: a generated one).")

    def handle(self, *args, password=None, **options):
        if password is None:
            password = secrets.token_urlsafe(12)
        elif len(password) < 8:
            raise CommandError("--password must be at least 8 characters long.")
        users: dict = {}
        # The demo's year of past activity raises the alerts real work would (urgent intakes,
        # detentions, offers): kept in memory, so that the sign-ins are not lost under fifty e-mails.
        quiet_mail = override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
        with quiet_mail, transaction.atomic():
            for part in demo_parts():  # each app registers its part in its AppConfig.ready()
                part.seed(password=password, users=users)
        self.stdout.write("Demo sign-ins (username / password / two-factor secret for an authenticator app):")
        for username, _first, _last, role, _on_call in DEMO_USERS:
            self.stdout.write(f"  {username:<12} {password}   {demo_totp_secret(username)}   ({role})")
        self.stdout.write("Or print a demo user's current code with: manage.py demo_code USERNAME")
