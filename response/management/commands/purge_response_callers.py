from django.conf import settings
from django.core.management.base import BaseCommand

from response.services import caller_details_purge


class Command(BaseCommand):
    help = (
        "Purges the caller's details (and the family and health notes) of responses that are over, never "
        "became a case, and were reported more than CLINIC_RESPONSE_CALLER_RETENTION_DAYS days ago."
    )

    def handle(self, *args, **options):
        purged = caller_details_purge()
        days = settings.CLINIC_RESPONSE_CALLER_RETENTION_DAYS
        self.stdout.write(f"Purged the caller's details of {purged} response(s) older than {days} days.")
