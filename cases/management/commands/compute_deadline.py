import re
from datetime import date

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, ProgrammingError

from cases.models import DeadlineRule
from cases.rules import NoRuleVersion, closures_for, compute_due_date, rule_version_for

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Command(BaseCommand):
    help = (
        "Computes a deadline from a rule and its trigger date with the version of the rule in force on "
        "that date, the federal holidays (observed days included) and the clinic's closure days. "
        "The due date, as YYYY-MM-DD, is the last line."
    )

    def add_arguments(self, parser):
        parser.add_argument("rule_code", help="The rule's code, for example bia-appeal.")
        parser.add_argument("trigger_date", help="The trigger date (day 0), as YYYY-MM-DD.")
        parser.add_argument(
            "--court",
            default="",
            help="A court's code (e.g. chicago): its closure days apply too, besides the clinic-wide ones.",
        )

    def _rule(self, rule_code: str) -> DeadlineRule | None:
        """The rule, from a database that has its seeded rules: a data folder never migrated (a
        fresh checkout) is migrated first, as `make run` would, rather than failing."""
        try:
            return DeadlineRule.objects.prefetch_related("versions").filter(code=rule_code).first()
        except (OperationalError, ProgrammingError):
            self.stderr.write("The database has no deadline rules yet: applying the migrations first.")
            call_command("migrate", interactive=False, verbosity=0)
            return DeadlineRule.objects.prefetch_related("versions").filter(code=rule_code).first()

    def handle(self, *args, rule_code: str, trigger_date: str, court: str = "", **options):
        try:
            if not DATE.fullmatch(trigger_date):
                raise ValueError
            trigger = date.fromisoformat(trigger_date)
        except ValueError:
            raise CommandError(
                f"'{trigger_date}' is not a valid date: give the trigger date as YYYY-MM-DD, "
                "for example 2025-03-14."
            ) from None
        rule = self._rule(rule_code)
        if rule is None:
            known = ", ".join(DeadlineRule.objects.order_by("code").values_list("code", flat=True))
            raise CommandError(f"Unknown rule '{rule_code}'. Known rules: {known}.")
        try:
            version = rule_version_for(rule, trigger)
        except NoRuleVersion:
            raise CommandError(f"The rule '{rule_code}' has no version to compute with.") from None
        due = compute_due_date(version, trigger, closures=closures_for(court_code=court))
        self.stdout.write(
            f"{rule.code}: {rule.name}; {version.offset_label}, {version.get_roll_display().lower()} "
            f"({version.citation}; version from {version.effective_from.isoformat()})"
        )
        self.stdout.write(f"trigger {trigger.isoformat()} ({trigger:%A}) -> due {due:%A}")
        self.stdout.write(due.isoformat())
