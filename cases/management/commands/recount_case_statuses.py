from django.core.management.base import BaseCommand, CommandError

from cases.selectors import case_status_counts_drift
from cases.services import case_status_counts_rebuild


class Command(BaseCommand):
    help = (
        "Recounts the numbers of cases by status that the overview shows (kept current by database "
        "triggers). With --check, changes nothing and exits non-zero naming the statuses whose kept "
        "number disagrees with a count."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Only compare; exit 1 if a number is wrong.")

    def handle(self, *args, check: bool = False, **options):
        if not check:
            statuses = case_status_counts_rebuild()
            self.stdout.write(f"Recounted the cases of {statuses} status(es).")
            return
        drift = case_status_counts_drift()
        if not drift:
            self.stdout.write("The numbers of cases by status agree with a count.")
            return
        for status, (kept, counted) in sorted(drift.items()):
            self.stderr.write(f"{status}: kept {kept}, counted {counted}")
        raise CommandError(
            f"{len(drift)} status(es) have numbers that disagree with a count; "
            "run recount_case_statuses without --check to repair them."
        )
