from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cases.models import Grant
from reports import render
from reports.services import report_data


def _date(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"{option} must be a date written YYYY-MM-DD, not {value!r}.") from exc


class Command(BaseCommand):
    help = (
        "Builds the funding report for a date range (one grant or the whole clinic) as a PDF, or as "
        "CSV files (one per table) in a folder."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="last day, YYYY-MM-DD")
        parser.add_argument("--grant", help="a grant's id or code (default: the whole clinic)")
        parser.add_argument("--format", choices=["pdf", "csv"], default="pdf")
        parser.add_argument("--output", required=True, help="the PDF file, or for csv a folder")
        parser.add_argument("--threshold", type=int, default=None, help="smallest count shown")
        parser.add_argument("--hourly-rate", type=Decimal, default=None, help="value of a pro bono hour")

    def handle(self, *args, start, end, grant, format, output, threshold, hourly_rate, **options):
        start_date, end_date = _date(start, "--from"), _date(end, "--to")
        chosen = None
        if grant:
            lookup = {"pk": int(grant)} if grant.isdigit() else {"code": grant}
            chosen = Grant.objects.filter(**lookup).first()
            if chosen is None:
                raise CommandError(f"There is no grant {grant!r} (give its id or its code).")
        try:
            data = report_data(
                start=start_date,
                end=end_date,
                grant=chosen,
                threshold=threshold or settings.CLINIC_REPORT_SMALL_CELL,
                hourly_rate=hourly_rate
                if hourly_rate is not None
                else Decimal(settings.CLINIC_PRO_BONO_HOURLY_RATE),
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        target = Path(output)
        if format == "pdf":
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(render.pdf_bytes(data))
            self.stdout.write(f"Wrote {target}")
            return
        if target.exists() and not target.is_dir():
            raise CommandError(f"--output {target} is a file; for csv give a folder.")
        target.mkdir(parents=True, exist_ok=True)
        for name, text in render.csv_files(data).items():
            (target / name).write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {len(render.csv_files(data))} CSV files to {target}")
