from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from response.services.windows import DETAINER_HOURS, clinic_tz, detainer_window_end

FORMAT = "%Y-%m-%d %H:%M"


class Command(BaseCommand):
    help = (
        "When the 48-hour jail-detainer window ends (8 CFR 287.7(d)): 48 hours not counting Saturdays, "
        "Sundays and federal holidays (with their observed days), counted in the clinic's time zone "
        "from when the person would otherwise have been released. Prints the end on its last line."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "released", help='When they would have been released, "YYYY-MM-DD HH:MM" (clinic time).'
        )

    def handle(self, *args, released: str, **options):
        try:
            naive = datetime.strptime(released.strip(), FORMAT)
        except ValueError:
            raise CommandError(
                f'{released!r} is not a date and time like "2026-11-25 17:30" '
                "(YYYY-MM-DD HH:MM, 24-hour clock, the clinic's time zone)."
            ) from None
        tz = clinic_tz()
        start = timezone.make_aware(naive, tz)
        end = timezone.localtime(detainer_window_end(start), tz)
        self.stdout.write(
            f"{DETAINER_HOURS} hours from {naive:{FORMAT}} ({tz.key}), "
            "not counting weekends and federal holidays, end at:"
        )
        self.stdout.write(end.strftime(FORMAT))
