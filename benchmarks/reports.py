"""Benchmark: the yearly funding report (PDF) for a clinic of 1,000 and of 100,000 cases.

Builds synthetic data (clients, intakes, cases with hearings and assignments, time entries, workshops)
spread over the past year, then times the whole report: the figures (counted by the database) and the
PDF (WeasyPrint). Prints seconds (median of a few builds, after one warm-up build in the process),
pages, peak Python memory (from a separate build: tracing allocations slows WeasyPrint severalfold)
and the query count for each size, then whether each goal is met.

    .venv/bin/python -m benchmarks.reports                   # SQLite in a temporary folder
    .venv/bin/python -m benchmarks.reports --database-url postgres://postgres@127.0.0.1:5432/clinic_bench_reports

The PostgreSQL database (its name must contain 'bench') is wiped before the run.
Goal: 100,000 cases in under 15 seconds, and within 3x of the 1,000-case time.
"""

import argparse
import io
import logging
import os
import random
import statistics
import sys
import time
import tracemalloc
from datetime import timedelta
from decimal import Decimal

from benchmarks.matching import add_cases, configure, make_attorneys

SMALL_DB = 1_000
LARGE_DB = 100_000
REPEAT = 3
SECONDS_GOAL, RATIO_GOAL = 15.0, 3.0


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", help="a PostgreSQL database to use (it is wiped first)")
    parser.add_argument("--large", type=int, default=LARGE_DB, help="cases in the large database")
    parser.add_argument("--repeat", type=int, default=REPEAT, help="timed builds for each size")
    return parser.parse_args()


def spread_over_the_year(rng: random.Random, first_pk: int) -> None:
    """Dates across the past year (bulk inserts stamp them all 'now'), intakes, time entries and
    workshops (one for every 50 cases: a clinic of 100,000 cases holds about 2,000 a year)."""
    from django.db.models import OuterRef, Subquery
    from django.utils import timezone

    from cases.models import Assignment, Case, Hearing, TimeEntry
    from intake.models import AgeBand, CommunityArea, Gender, Intake, OutreachEvent

    now = timezone.now()
    cases = Case.objects.filter(pk__gte=first_pk)
    last = cases.order_by("-pk").values_list("pk", flat=True).first() or first_pk
    step = max(1, (last - first_pk + 1) // 12)
    for month in range(12):
        chunk = cases.filter(pk__gte=first_pk + month * step, pk__lt=first_pk + (month + 1) * step)
        opened = now - timedelta(days=360 - month * 30)
        chunk.update(
            opened_at=opened, accepted_at=opened + timedelta(days=3), intake_to_acceptance=timedelta(days=3)
        )
        chunk.filter(status="closed").update(
            closed_at=opened + timedelta(days=25), outcome=rng.choice(["relief_granted", "removal_ordered"])
        )
        # add_cases schedules every hearing in the future, where the report (hearings attended) sees none.
        Hearing.objects.filter(case__in=chunk).update(
            starts_at=opened + timedelta(days=14), kind=rng.choice(Hearing.Kind.values)
        )
    Assignment.objects.filter(case__pk__gte=first_pk).update(
        started_at=Subquery(Case.objects.filter(pk=OuterRef("case_id")).values("opened_at")[:1])
    )
    coordinator_id = Case.objects.values_list("opened_by_id", flat=True).first()
    rows = list(cases.values_list("pk", "client_id", "opened_at", "is_detained"))
    Intake.objects.bulk_create(
        [
            Intake(
                client_id=client_id,
                volunteer_id=coordinator_id,
                channel=rng.choice(["hotline", "walk_in", "workshop", "rapid_response", "referral"]),
                status="accepted",
                submitted_at=opened - timedelta(days=2),
                is_detained=detained,
                eligibility_band=rng.choice(["le125", "le200", "gt200"]),
                # What funders count, so that the report's client tables group real variety.
                age_band=rng.choice(AgeBand.values),
                gender=rng.choice(Gender.values),
                zip_code=rng.choice(["", "60608", "60623", "60629", "60632", "60639", "60647"]),
                community_area=rng.choice(["", *CommunityArea.values]),
                ward=rng.choice([None, None, *range(1, 51)]),
            )
            for _pk, client_id, opened, detained in rows
        ],
        batch_size=5_000,
    )
    OutreachEvent.objects.bulk_create(
        [
            OutreachEvent(
                kind=rng.choice(OutreachEvent.Kind.values),
                title="Synthetic workshop",
                held_on=(now - timedelta(days=rng.randint(0, 360))).date(),
                place="Synthetic hall",
                language=rng.choice(["es", "en", "pl", "ar", "zh-hans"]),
                attendees=rng.randint(5, 120),
                materials=rng.randint(0, 200),
                created_by_id=coordinator_id,
            )
            for _ in range(max(1, len(rows) // 50))
        ],
        batch_size=5_000,
    )
    assigned = list(Assignment.objects.filter(case__pk__gte=first_pk).values_list("case_id", "attorney_id"))
    TimeEntry.objects.bulk_create(
        [
            TimeEntry(
                case_id=case_id,
                worked_by_id=attorney_id,
                worked_on=(now - timedelta(days=rng.randint(0, 360))).date(),
                hours=Decimal(rng.randint(1, 40)) / 10,
                description="Synthetic work",
            )
            for case_id, attorney_id in assigned
        ],
        batch_size=5_000,
    )


def build_report() -> tuple[bytes, float]:
    """The yearly report for the whole clinic, as a coordinator asks for it: (PDF, seconds of figures)."""
    from django.conf import settings
    from django.utils import timezone

    from reports import render
    from reports.services import report_data

    end = timezone.localdate()
    started = time.perf_counter()
    data = report_data(
        start=end - timedelta(days=364),
        end=end,
        grant=None,
        threshold=settings.CLINIC_REPORT_SMALL_CELL,
        hourly_rate=Decimal(settings.CLINIC_PRO_BONO_HOURLY_RATE),
    )
    figures = time.perf_counter() - started
    return render.pdf_bytes(data), figures


def measure(label: str, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from pypdf import PdfReader

    totals, figures = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        pdf, seconds = build_report()
        totals.append(time.perf_counter() - started)
        figures.append(seconds)
    # Building the data logged more queries than the log keeps (DEBUG): start the count afresh.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        tracemalloc.start()
        build_report()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    if os.environ.get("BENCH_SHOW_SLOW"):
        for query in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]:
            print(f"  {float(query['time']):.2f} s  {query['sql'][:300]}")
    result = {
        "seconds": statistics.median(totals),
        "figures": statistics.median(figures),
        "queries": len(queries),
        "pages": len(PdfReader(io.BytesIO(pdf)).pages),
        "peak": peak / 2**20,
    }
    print(
        f"{label:>16}: yearly PDF in {result['seconds']:.2f} s, median of {repeat} "
        f"(figures {result['figures']:.2f} s, {result['queries']} queries), {result['pages']} pages, "
        f"{len(pdf) / 1024:.0f} KiB, peak Python memory {result['peak']:.1f} MiB "
        f"[load average {os.getloadavg()[0]:.2f}]",
        flush=True,
    )
    return result


def main() -> None:
    args = parse_args()
    configure(args)
    logging.getLogger("weasyprint").setLevel(logging.WARNING)  # one progress line per page otherwise
    from django.core.management import call_command
    from django.db import connection

    from cases.models import Case
    from clinic.models import User

    call_command("migrate", verbosity=0)
    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})", flush=True)
    rng = random.Random(20261125)
    coordinator = User.objects.create(username="bench_coordinator")
    attorneys = make_attorneys(rng)

    started = time.perf_counter()
    add_cases(rng, SMALL_DB, attorneys, coordinator)
    spread_over_the_year(rng, Case.objects.order_by("pk").values_list("pk", flat=True).first())
    print(f"built {SMALL_DB:,} cases in {time.perf_counter() - started:.1f} s", flush=True)
    # The first build in a process imports WeasyPrint and loads its fonts: seconds that belong to
    # neither size, and that made the small database look slower than the large one.
    started = time.perf_counter()
    build_report()
    print(f"warm-up build (first in this process): {time.perf_counter() - started:.2f} s", flush=True)
    small = measure(f"{SMALL_DB:,} cases", args.repeat)

    first_new = (Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    started = time.perf_counter()
    add_cases(rng, args.large - SMALL_DB, attorneys, coordinator)
    spread_over_the_year(rng, first_new)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"built {args.large - SMALL_DB:,} more cases in {time.perf_counter() - started:.1f} s", flush=True)
    large = measure(f"{args.large:,} cases", args.repeat)

    ratio = large["seconds"] / small["seconds"]
    fast, flat = large["seconds"] < SECONDS_GOAL, ratio <= RATIO_GOAL
    print(
        f"{args.large:,} cases in {large['seconds']:.2f} s (goal under {SECONDS_GOAL:.0f} s): "
        f"{'goal met' if fast else 'MISSED'}"
    )
    print(
        f"{args.large:,} vs {SMALL_DB:,} cases: {ratio:.2f}x (goal within {RATIO_GOAL:.0f}x): "
        f"{'goal met' if flat else 'MISSED'}"
    )
    sys.exit(0 if fast and flat else 1)


if __name__ == "__main__":
    main()
