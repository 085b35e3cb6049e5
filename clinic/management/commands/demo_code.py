from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.demo import DEMO_USERS


class Command(BaseCommand):
    help = (
        "Prints the current two-factor code of a demo user (from seed_demo), for signing in without "
        "an authenticator app. Refuses every account that is not a demo account."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", choices=[username for username, *_rest in DEMO_USERS])

    def handle(self, *args, username, **options):
        device = TOTPDevice.objects.filter(
            user__username=username, user__email=f"{username}@clinic.example", confirmed=True
        ).first()
        if device is None:
            raise CommandError(f"{username} is not a demo account with a device: run seed_demo first.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
