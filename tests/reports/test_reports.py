"""The funding report against a small hand-built clinic whose every figure is known."""

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cases.models import Assignment, AttorneyProfile, Case, TimeEntry
from clinic.aggregates import Period
from clinic.models import AccessEvent
from intake.models import Intake
from reports.models import FundingReport
from reports.render import csv_files, pdf_bytes
from reports.selectors import funding_report_data
from tests.cases.factories import CaseFactory, GrantFactory, HearingFactory
from tests.factories import UserFactory
from tests.intake.factories import ClientFactory, IntakeFactory

START, END = dt.date(2025, 1, 1), dt.date(2025, 6, 30)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def clinic(db, attorney, coordinator):
    """Six intakes (four hotline, two walk-in), three cases with known outcomes, hours, a hearing."""
    pro_bono = UserFactory(role="attorney")
    AttorneyProfile.objects.create(user=pro_bono, kind=AttorneyProfile.Kind.PRO_BONO)
    grant = GrantFactory(code="LCF-1")
    people = [ClientFactory(preferred_language="es") for _ in range(5)] + [
        ClientFactory(preferred_language="fr")
    ]
    for n, person in enumerate(people):
        intake = IntakeFactory(
            client=person,
            channel=Intake.Channel.HOTLINE if n < 4 else Intake.Channel.WALK_IN,
            status=Intake.Status.ACCEPTED if n < 3 else Intake.Status.DECLINED,
            eligibility_band="le125",
        )
        Intake.objects.filter(pk=intake.pk).update(submitted_at=_at(dt.date(2025, 2 if n < 5 else 5, 3)))
    granted = CaseFactory(
        client=people[0], grant=grant, case_type="asylum", is_detained=True, attorney=pro_bono
    )
    denied = CaseFactory(client=people[1], grant=grant, case_type="asylum", attorney=attorney)
    still_open = CaseFactory(client=people[2], case_type="bond", attorney=attorney)
    Case.objects.filter(pk__in=[granted.pk, denied.pk, still_open.pk]).update(
        opened_at=_at(dt.date(2025, 2, 10))
    )
    Assignment.objects.filter(case__in=[granted, denied, still_open]).update(
        started_at=_at(dt.date(2025, 2, 12))
    )
    Case.objects.filter(pk=granted.pk).update(
        status="closed", closed_at=_at(dt.date(2025, 5, 20)), outcome="relief_granted", closing_code="IB",
        accepted_at=_at(dt.date(2025, 2, 12)), intake_to_acceptance=dt.timedelta(days=2),
    )  # fmt: skip
    Case.objects.filter(pk=denied.pk).update(
        status="closed", closed_at=_at(dt.date(2025, 6, 1)), outcome="relief_denied", closing_code="IB",
        accepted_at=_at(dt.date(2025, 2, 14)), intake_to_acceptance=dt.timedelta(days=4),
    )  # fmt: skip
    Case.objects.filter(pk=still_open.pk).update(
        accepted_at=_at(dt.date(2025, 2, 15)), intake_to_acceptance=dt.timedelta(days=9)
    )
    TimeEntry.objects.create(
        case=granted, worked_by=pro_bono, worked_on=dt.date(2025, 3, 1), hours=Decimal("2.5")
    )
    TimeEntry.objects.create(
        case=denied, worked_by=attorney, worked_on=dt.date(2025, 3, 2), hours=Decimal("1.0")
    )
    TimeEntry.objects.create(
        case=denied, worked_by=attorney, worked_on=dt.date(2024, 12, 2), hours=Decimal("9.0")
    )
    HearingFactory(case=granted, starts_at=_at(dt.date(2025, 4, 8)))
    return {"grant": grant, "cases": (granted, denied, still_open)}


def _summary(data) -> dict[str, str]:
    return data.figures()


def test_every_summary_figure_of_the_whole_clinic(clinic):
    data = funding_report_data(period=Period(START, END), grant=None, threshold=1, hourly_rate=Decimal(100))
    summary = _summary(data)
    assert summary["Clients served (unduplicated)"] == "6"
    assert summary["Cases opened"] == "3"
    assert summary["Cases closed"] == "2"
    assert summary["Relief granted among decided cases"] == "1 / 2 (50%)"
    assert summary["Hours recorded"] == "3.5"  # the December entry is outside the range
    assert summary["Pro bono hours"] == "2.5"
    assert summary["Value of pro bono hours at $100 an hour"] == "$250.00"
    assert summary["Median time from intake to an attorney's acceptance"] == "4.0 days"
    assert summary["Attorneys active"] == "2"
    tables = {table.key: table for table in data.tables}
    channel = dict(tables["intakes_by_channel"].rows)
    assert channel["Hotline"] == [4, 0] and channel["Walk-in"] == [1, 1]
    assert tables["intakes_by_channel"].columns == ["2025 Q1", "2025 Q2"]
    assert dict(tables["outcomes"].rows) == {"Relief granted": [0, 1], "Relief denied": [0, 1]}
    assert dict(tables["detained"].rows) == {"Detained": [1, 0], "Not detained": [2, 0]}
    assert dict(tables["hearings"].rows) == {"Master calendar": [0, 1]}
    assert dict(tables["clients_by_language"].rows) == {"Spanish": [5, 0], "French": [0, 1]}
    assert dict(data.lsc.rows)["81 Immigration/Naturalization"][data.lsc.columns.index("IB")] == 2


def test_one_grant_counts_only_what_it_pays_for(clinic):
    data = funding_report_data(
        period=Period(START, END), grant=clinic["grant"], threshold=1, hourly_rate=Decimal(100)
    )
    summary = _summary(data)
    assert summary["Cases opened"] == "2"
    assert summary["Clients served (unduplicated)"] == "2"
    assert data.lsc is None  # not LSC money


def test_small_counts_are_hidden_in_every_export(clinic):
    data = funding_report_data(period=Period(START, END), grant=None, threshold=5, hourly_rate=Decimal(100))
    files = csv_files(data)
    rows = list(csv.reader(io.StringIO(files["intakes_by_channel.csv"])))
    assert rows[0] == ["Channel", "2025 Q1", "2025 Q2", "Total"]
    walk_in = next(row for row in rows if row[0] == "Walk-in")
    assert walk_in[1:] == ["<5", "<5", "<5"]
    assert all(cell != "1" for row in rows for cell in row[1:])


def test_the_pdf_opens_and_carries_the_figures(clinic):
    data = funding_report_data(period=Period(START, END), grant=None, threshold=1, hourly_rate=Decimal(100))
    reader = PdfReader(io.BytesIO(pdf_bytes(data)))
    assert len(reader.pages) >= 3  # cover, summary with charts, tables
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Funding report" in text
    assert "Clients served (unduplicated)" in text
    assert "Intakes by channel" in text
    assert "Page 2 of" in text


def test_a_coordinator_asks_for_a_report_and_downloads_it_when_built(
    client, coordinator, clinic, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:report_list"),
            {"start": START, "end": END, "format": "csv", "hourly_rate": "150", "threshold": "5"},
        )
    report = FundingReport.objects.get()
    assert response.url == reverse("reports:report_detail", args=[report.public_id])
    assert report.status == FundingReport.Status.DONE and report.progress == 100  # built on commit
    page = client.get(response.url).content.decode()
    assert "Download" in page
    before = AccessEvent.objects.filter(action="export").count()
    download = client.get(reverse("reports:report_download", args=[report.public_id]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert "summary.csv" in archive.namelist()
    assert AccessEvent.objects.filter(action="export").count() == before + 1


def test_a_running_report_shows_its_progress_and_refreshes(client, coordinator):
    report = FundingReport.objects.create(
        requested_by=coordinator,
        start=START,
        end=END,
        hourly_rate=100,
        threshold=5,
        status="running",
        progress=60,
    )
    client.force_login(coordinator)
    page = client.get(reverse("reports:report_detail", args=[report.public_id])).content.decode()
    assert 'value="60"' in page and 'http-equiv="refresh"' in page


def test_a_backwards_range_is_a_field_error(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("reports:report_list"),
        {"start": END, "end": START, "format": "pdf", "hourly_rate": "150", "threshold": "5"},
    )
    assert response.status_code == 400
    assert "comes before its start" in response.content.decode()
    assert not FundingReport.objects.exists()


def test_volunteers_and_attorneys_are_refused_reports(client, volunteer, attorney, coordinator):
    report = FundingReport.objects.create(
        requested_by=coordinator, start=START, end=END, hourly_rate=100, threshold=5
    )
    for user in (volunteer, attorney):
        client.force_login(user)
        assert client.get(reverse("reports:report_list")).status_code == 403
        assert client.get(reverse("reports:report_detail", args=[report.public_id])).status_code == 403
        assert client.get(reverse("reports:report_download", args=[report.public_id])).status_code == 403


def test_the_command_writes_csv_files_and_refuses_bad_input(clinic, tmp_path):
    call_command("funding_report", "--from", "2025-01-01", "--to", "2025-06-30", "--format", "csv",
                 "--output", str(tmp_path / "out"))  # fmt: skip
    assert (tmp_path / "out" / "summary.csv").exists()
    assert (tmp_path / "out" / "outcomes.csv").exists()
    with pytest.raises(CommandError, match="comes before its start"):
        call_command(
            "funding_report", "--from", "2025-06-30", "--to", "2025-01-01", "--output", str(tmp_path)
        )
    with pytest.raises(CommandError, match="no grant"):
        call_command("funding_report", "--from", "2025-01-01", "--to", "2025-06-30", "--grant", "NOPE",
                     "--output", str(tmp_path / "r.pdf"))  # fmt: skip
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command(
            "funding_report", "--from", "2025-13-01", "--to", "2025-06-30", "--output", str(tmp_path)
        )


def test_deadlines_met_and_missed_are_in_the_report(clinic, coordinator):
    from cases.models import Deadline

    granted, denied, still_open = clinic["cases"]
    for case, status, day in (
        (granted, Deadline.Status.DONE, dt.date(2025, 3, 3)),
        (denied, Deadline.Status.DONE, dt.date(2025, 4, 3)),
        (denied, Deadline.Status.MISSED, dt.date(2025, 4, 10)),
        (still_open, Deadline.Status.OPEN, dt.date(2025, 5, 5)),  # open after its day: missed
        (still_open, Deadline.Status.DONE, dt.date(2024, 5, 5)),  # outside the range
    ):
        Deadline.objects.create(
            case=case, title="Filing", due_date=day, status=status, created_by=coordinator
        )
    data = funding_report_data(period=Period(START, END), grant=None, threshold=1, hourly_rate=Decimal(100))
    summary = _summary(data)
    assert (summary["Deadlines met"], summary["Deadlines missed"]) == ("2", "2")
    assert summary["Detentions the rapid-response team took on"] == "0"
