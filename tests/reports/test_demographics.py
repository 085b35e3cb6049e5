"""The report's client tables by age group, gender, ZIP code, community area and ward, and what a
grant's funder asks for, against a small hand-built set of intakes whose every figure is known."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cases.models import TABLE_METRICS, Case, ReportMetric
from clinic.aggregates import Period
from intake.models import Intake
from reports.models import FundingReport
from reports.render import csv_files, pdf_bytes
from reports.selectors import funding_report_data
from tests.cases.factories import CaseFactory, GrantFactory
from tests.intake.factories import ClientFactory, IntakeFactory

START, END = dt.date(2025, 1, 1), dt.date(2025, 6, 30)
PERIOD = Period(START, END)
Q1, Q2 = dt.date(2025, 2, 10), dt.date(2025, 5, 10)


def _intake(client, day, **snapshot) -> Intake:
    intake = IntakeFactory(client=client, **snapshot)
    when = timezone.make_aware(dt.datetime.combine(day, dt.time(11))) if day else None
    Intake.objects.filter(pk=intake.pk).update(submitted_at=when)
    return intake


@pytest.fixture
def clients(db):
    """Six people over two quarters; one came twice in a quarter, one in both quarters."""
    c1, c2, c3, c4, c5, c6 = (ClientFactory() for _ in range(6))
    area, lower_west, outside = "30", "31", "outside"
    first = _intake(c1, Q1, age_band="25_34", gender="woman", zip_code="60623", community_area=area, ward=22)
    _intake(c2, Q1, age_band="25_34", gender="man", zip_code="60623", community_area=area)
    _intake(
        c2, Q1 + dt.timedelta(days=9), age_band="25_34", gender="man", zip_code="60623", community_area=area
    )
    _intake(
        c3, Q1, age_band="under_18", gender="non_binary", zip_code="60608", community_area=lower_west, ward=25
    )
    _intake(c4, Q1, age_band="65_plus", gender="declined")
    _intake(c5, Q2, age_band="45_54", gender="woman", zip_code="60453", community_area=outside)
    _intake(c1, Q2, age_band="25_34", gender="woman", zip_code="60623", community_area=area, ward=22)
    _intake(c6, Q2, age_band="unknown", gender="not_asked", zip_code="60623", community_area=area, ward=22)
    # Neither counts: one before the period, one never submitted.
    _intake(c5, dt.date(2024, 12, 30), age_band="45_54", gender="woman", zip_code="60629", ward=15)
    _intake(c6, None, age_band="18_24", gender="man", zip_code="60629", ward=15)
    grant = GrantFactory(code="YF-1")
    case = CaseFactory(client=c1, intake=first, grant=grant)
    Case.objects.filter(pk=case.pk).update(
        opened_at=timezone.make_aware(dt.datetime.combine(Q1, dt.time(15)))
    )
    return {"grant": grant}


def _tables(data) -> dict:
    return {table.key: dict(table.rows) for table in data.tables}


def test_clients_are_counted_once_a_quarter_by_what_their_intake_recorded(clients):
    tables = _tables(funding_report_data(period=PERIOD, grant=None, threshold=1, hourly_rate=Decimal(1)))
    assert tables["clients_by_age"] == {
        "Under 18": [1, 0],
        "25–34": [2, 1],
        "45–54": [0, 1],
        "65 and over": [1, 0],
        "Unknown": [0, 1],
    }
    assert tables["clients_by_gender"] == {
        "Woman": [1, 2],
        "Man": [1, 0],
        "Non-binary or another gender": [1, 0],
        "Prefers not to say": [1, 0],
        "Not asked": [0, 1],
    }
    assert list(tables["clients_by_zip"].items()) == [
        ("60453", [0, 1]),
        ("60608", [1, 0]),
        ("60623", [2, 2]),
        ("Not recorded", [1, 0]),
    ]
    assert list(tables["clients_by_community_area"].items()) == [
        ("South Lawndale", [2, 2]),
        ("Lower West Side", [1, 0]),
        ("Outside Chicago", [0, 1]),
        ("Not recorded", [1, 0]),
    ]
    assert list(tables["clients_by_ward"].items()) == [("Ward 22", [1, 2]), ("Ward 25", [1, 0])]


def test_a_grants_report_counts_the_clients_of_the_cases_it_pays_for(clients):
    data = funding_report_data(period=PERIOD, grant=clients["grant"], threshold=1, hourly_rate=Decimal(1))
    tables = _tables(data)
    assert tables["clients_by_age"] == {"25–34": [1, 0]}
    assert tables["clients_by_ward"] == {"Ward 22": [1, 0]}
    assert tables["clients_by_zip"] == {"60623": [1, 0]}


def test_small_counts_in_the_new_tables_are_hidden_with_their_complements(clients):
    data = funding_report_data(period=PERIOD, grant=None, threshold=3, hourly_rate=Decimal(1))
    files = csv_files(data)
    for key in ("clients_by_age", "clients_by_gender", "clients_by_zip", "clients_by_community_area",
                "clients_by_ward"):  # fmt: skip
        rows = list(csv.reader(io.StringIO(files[f"{key}.csv"])))
        cells = [cell for row in rows[1:] for cell in row[1:]]
        assert "1" not in cells and "2" not in cells, key
        assert "<3" in cells, key
    ward = list(csv.reader(io.StringIO(files["clients_by_ward.csv"])))
    assert ward[0] == ["Ward", "2025 Q1", "2025 Q2", "Total"]
    # Each row and column with a hidden cell has a second one: no total gives a hidden count away.
    for table in data.tables:
        grid = table.matrix()
        for r in range(len(grid)):
            assert sum((r, c) in table.suppressed for c in range(len(grid[r]))) != 1, table.key
        for c in range(len(grid[0]) if grid else 0):
            assert sum((r, c) in table.suppressed for r in range(len(grid))) != 1, table.key


def test_the_pdf_carries_the_new_tables(clients):
    data = funding_report_data(period=PERIOD, grant=None, threshold=1, hourly_rate=Decimal(1))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes(data))).pages)
    titles = ["Clients by age group", "Clients by gender", "Clients by ZIP code", "Clients by Chicago ward",
              "Clients by Chicago community area", "South Lawndale", "Ward 25"]  # fmt: skip
    for title in titles:
        assert title in text


# What the funder asks for ---------------------------------------------------------------------------


def test_every_metric_a_funder_may_ask_for_is_in_the_report_and_nothing_else(clients):
    data = funding_report_data(period=PERIOD, grant=None, threshold=1, hourly_rate=Decimal(1))
    tables = {table.key for table in data.tables} | {data.lsc.key}
    summary = {measure.key for measure in data.summary}
    assert tables == set(TABLE_METRICS)
    assert tables | summary == set(ReportMetric.values)
    assert len(summary) == len(data.summary) and len(tables) == len(data.tables) + 1


@pytest.fixture
def asking_grant(clients):
    grant = clients["grant"]
    grant.metrics = ["clients_by_gender", "cases_opened", "lsc_case_service_report", "clients_by_age"]
    grant.save()
    return grant


def test_what_the_funder_asks_for_comes_first_with_its_figures(asking_grant):
    data = funding_report_data(period=PERIOD, grant=asking_grant, threshold=1, hourly_rate=Decimal(1))
    asked = [(item.key, item.label, item.value) for item in data.asked_for()]
    assert asked == [
        ("clients_by_gender", "Clients by gender", "1 in all (table below)"),
        ("cases_opened", "Cases opened", "1"),
        ("lsc_case_service_report", "LSC Case Service Report: closed cases of eligible clients",
         "Not part of this grant's report"),  # not LSC money
        ("clients_by_age", "Clients by age group", "1 in all (table below)"),
    ]  # fmt: skip
    assert [table.key for table in data.tables_in_order()[:2]] == ["clients_by_gender", "clients_by_age"]
    assert len(data.tables_in_order()) == len(data.tables)


def test_an_asked_for_table_total_is_hidden_when_small(asking_grant):
    data = funding_report_data(period=PERIOD, grant=asking_grant, threshold=5, hourly_rate=Decimal(1))
    assert data.asked_for()[0].value == "<5 in all (table below)"


def test_the_csv_files_list_what_the_funder_asks_for(asking_grant):
    files = csv_files(
        funding_report_data(period=PERIOD, grant=asking_grant, threshold=1, hourly_rate=Decimal(1))
    )
    rows = list(csv.reader(io.StringIO(files["asked_for.csv"])))
    assert rows[0] == ["What this funder asks for", "Value", "Table file"]
    assert rows[1] == ["Clients by gender", "1 in all (table below)", "clients_by_gender.csv"]
    assert rows[2] == ["Cases opened", "1", ""]
    whole_clinic = csv_files(
        funding_report_data(period=PERIOD, grant=None, threshold=1, hourly_rate=Decimal(1))
    )
    assert "asked_for.csv" not in whole_clinic


def test_the_pdf_summary_opens_with_what_the_funder_asks_for(asking_grant):
    asking_grant.amount = Decimal("120000")
    asking_grant.case_types = ["sijs", "asylum"]
    asking_grant.client_groups = ["children"]
    asking_grant.save()
    data = funding_report_data(period=PERIOD, grant=asking_grant, threshold=1, hourly_rate=Decimal(1))
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes(data))).pages]
    assert "$120,000.00" in pages[0] and "Children and unaccompanied minors" in pages[0]
    assert "Special immigrant juvenile status, Asylum" in pages[0]
    summary = pages[1]
    assert summary.index("What this funder asks for") < summary.index("Summary")
    text = "\n".join(pages)
    tables = text[text.index("Tables by quarter") :]
    assert tables.index("Clients by gender") < tables.index("Intakes by channel")
    assert "Asked for by the funder" in tables


def test_the_report_page_lists_what_the_funder_asks_for(client, coordinator, asking_grant):
    report = FundingReport.objects.create(
        requested_by=coordinator, start=START, end=END, grant=asking_grant, hourly_rate=1, threshold=5
    )
    client.force_login(coordinator)
    page = client.get(reverse("reports:report_detail", args=[report.public_id])).content.decode()
    assert "What this funder asks for" in page
    assert page.index("Clients by gender") < page.index("Cases opened") < page.index("Clients by age group")


@pytest.mark.parametrize("actor", ["volunteer", "attorney"])
def test_the_report_page_and_its_list_refuse_volunteers_and_attorneys(
    client, request, coordinator, asking_grant, actor
):
    report = FundingReport.objects.create(
        requested_by=coordinator, start=START, end=END, grant=asking_grant, hourly_rate=1, threshold=5
    )
    client.force_login(request.getfixturevalue(actor))
    assert client.get(reverse("reports:report_detail", args=[report.public_id])).status_code == 403
    assert client.get(reverse("reports:report_list")).status_code == 403
