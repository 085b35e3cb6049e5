"""seed_demo's year of activity gives the funding report something in every table and section."""

import datetime as dt
import io
from decimal import Decimal
from io import StringIO

from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from cases.models import Case, Deadline, Grant, Hearing, TimeEntry
from clinic.aggregates import Period
from intake.models import Intake, OutreachEvent
from reports.selectors import funding_report_data
from response.models import Response

COUNTED = (Intake, Case, Hearing, Deadline, TimeEntry, OutreachEvent, Response, Grant)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_the_demo_year_fills_every_table_of_the_report_and_a_second_run_adds_nothing(db, tmp_path):
    call_command("seed_demo", password="demo-password-1", stdout=StringIO())
    first = _counts()
    call_command("seed_demo", password="demo-password-1", stdout=StringIO())
    assert _counts() == first

    submitted = Intake.objects.exclude(status=Intake.Status.DRAFT)
    pairs = set(submitted.values_list("channel", "status"))
    for channel in Intake.Channel.values:
        for status in ("open", "accepted", "referred", "declined"):
            assert (channel, status) in pairs, (channel, status)
    year_ago = timezone.now() - dt.timedelta(days=300)
    assert submitted.filter(submitted_at__lt=year_ago).exists()  # spread over the year, not all today
    assert Case.objects.filter(
        status=Case.Status.CLOSED, closed_at__lt=timezone.now() - dt.timedelta(days=90)
    )

    today = timezone.localdate()
    period = Period(today.replace(year=today.year - 1), today)
    data = funding_report_data(period=period, grant=None, threshold=5, hourly_rate=Decimal(150))
    empty = [table.key for table in data.tables if not table.rows or not table.total]
    assert not empty, f"tables with nothing in them: {empty}"
    assert data.lsc is not None and data.lsc.rows
    figures = {measure.key: measure.value for measure in data.summary}
    for key in ("cases_opened", "cases_closed", "attorneys_active", "deadlines_met", "deadlines_missed",
                "detentions", "outreach_events", "outreach_attendees", "intakes_at_events"):  # fmt: skip
        assert figures[key] not in ("0", "—"), key
    assert Decimal(figures["pro_bono_hours"]) > 0
    for grant in Grant.objects.filter(code__startswith="DEMO-"):
        per_grant = funding_report_data(period=period, grant=grant, threshold=5, hourly_rate=Decimal(150))
        assert per_grant.asked_for(), grant.code
        assert any(table.rows for table in per_grant.tables), grant.code

    pdf = tmp_path / "demo.pdf"
    call_command("funding_report", "--from", period.start.isoformat(), "--to", period.end.isoformat(),
                 "--format", "pdf", "--output", str(pdf), stdout=StringIO())  # fmt: skip
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    for table in [*data.tables, data.lsc]:
        assert table.title in text, table.title
