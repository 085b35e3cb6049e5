from django.core.management.base import BaseCommand, CommandError

from cases.services import attorney_stats_disagreements, attorney_stats_rebuild
from clinic.models import User


class Command(BaseCommand):
    help = (
        "Recounts each attorney's load, experience by case type and answered offers from the "
        "assignments and offers (the figures matching ranks by). With --check, changes nothing and "
        "exits non-zero naming the attorneys whose stored figures disagree with a recount."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Only compare; exit 1 if any stored figure is wrong."
        )

    def handle(self, *args, check: bool = False, **options):
        if not check:
            count = attorney_stats_rebuild()
            self.stdout.write(f"Recounted the figures of {count} attorney(s).")
            return
        wrong = attorney_stats_disagreements()
        if not wrong:
            self.stdout.write("Every attorney's stored figures agree with a recount.")
            return
        usernames = dict(User.objects.filter(pk__in=wrong).values_list("pk", "username"))
        for pk, (stored, counted) in wrong.items():
            differing = ", ".join(
                f"{name} {stored[name]!r} (counted {counted[name]!r})"
                for name in stored
                if stored[name] != counted[name]
            )
            self.stderr.write(f"user {pk} ({usernames.get(pk, '?')}): {differing}")
        raise CommandError(
            f"{len(wrong)} attorney(s) have stored figures that disagree with a recount; "
            "run recount_attorney_loads without --check to repair them."
        )
