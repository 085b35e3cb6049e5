"""Benchmark: ranking 2,000 attorneys for a case, and the caseload page at 1,000 vs 100,000 cases.

Runs against a throwaway database, never the development one:

    .venv/bin/python -m benchmarks.matching                    # SQLite in a temporary folder
    .venv/bin/python -m benchmarks.matching --database-url postgres://postgres@127.0.0.1:5432/clinic_bench_cases

The PostgreSQL database (its name must contain 'bench') is wiped before the run. Data is
synthetic and bulk-inserted (history rows are not needed to measure reads).
"""

import argparse
import atexit
import os
import random
import shutil
import statistics
import tempfile
import time
from datetime import timedelta

from benchmarks._support import recreate_bench_database

ATTORNEYS = 2_000
TARGET_CASES = 200
SMALL_DB = 1_000
LARGE_DB = 100_000
REPEAT = 30
LANGUAGES = ["en", "es", "pt", "fr", "ht", "pl", "uk", "ar", "fa", "am"]
AREAS = ["removal", "asylum", "bond", "fear", "u_visa", "t_visa", "vawa", "sijs", "daca", "tps"]


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", help="a PostgreSQL database to use (it is wiped first)")
    parser.add_argument("--large", type=int, default=LARGE_DB, help="cases in the large database")
    return parser.parse_args()


def configure(args) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")
    data_dir = tempfile.mkdtemp(prefix="clinic-bench-")
    atexit.register(shutil.rmtree, data_dir, ignore_errors=True)
    os.environ["CLINIC_DATA_DIR"] = data_dir
    # As a clinic runs it (DEBUG on also records every query), with throwaway keys.
    from benchmarks.pages import server_environment

    os.environ.update(server_environment(args, data_dir))
    if args.database_url:
        recreate_bench_database(args.database_url)
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def timed(fn, repeat: int = REPEAT) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fn()  # warm up
    durations = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        durations.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return durations, len(ctx.captured_queries)


def make_attorneys(rng: random.Random):
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from cases.models import AttorneyProfile
    from clinic.models import User
    from clinic.roles import Role

    password = make_password("bench-password-123")
    users = User.objects.bulk_create(
        [
            User(username=f"bench_att_{i}", first_name=f"Given{i}", last_name=f"Family{i}", password=password)
            for i in range(ATTORNEYS)
        ]
    )
    users = list(User.objects.filter(username__startswith="bench_att_").order_by("pk"))
    group = Group.objects.get(name=Role.ATTORNEY)
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=u.pk, group_id=group.pk) for u in users]
    )
    AttorneyProfile.objects.bulk_create(
        [
            AttorneyProfile(
                user=user,
                firm=f"Firm {i % 400}",
                languages=rng.sample(LANGUAGES, rng.randint(1, 3)),
                practice_areas=["removal", *rng.sample(AREAS, rng.randint(1, 4))],
                experience=rng.randint(1, 4),
                capacity=rng.randint(5, 400) if i == 0 else rng.randint(2, 60),
                takes_detained=rng.random() < 0.7,
            )
            for i, user in enumerate(users)
        ]
    )
    return users


def add_cases(
    rng: random.Random, count: int, attorneys, coordinator, target=None, target_count: int = 0
) -> None:
    """Bulk-inserts `count` cases with clients, hearings and assignments; `target` gets the first ones."""
    from django.utils import timezone

    from cases.models import Assignment, Case, Hearing
    from intake.models import Client

    now = timezone.now()
    batch = 5_000
    made = 0
    while made < count:
        size = min(batch, count - made)
        clients = Client.objects.bulk_create(
            [
                Client(given_names=f"Client{made + i}", family_names="Synthetic", languages=["es"])
                for i in range(size)
            ]
        )
        statuses = []
        for i in range(size):
            if made + i < target_count:
                statuses.append(Case.Status.ACTIVE)
            else:
                statuses.append(rng.choices(["closed", "active", "awaiting", "offered"], [60, 25, 10, 5])[0])
        cases = Case.objects.bulk_create(
            [
                Case(
                    client=client,
                    opened_by=coordinator,
                    status=status,
                    case_type=rng.choice(AREAS),
                    is_detained=rng.random() < 0.2,
                    court="Synthetic Immigration Court",
                    closing_code="IB" if status == "closed" else "",
                    client_name_key=f"client{made + i} synthetic",
                )
                for i, (client, status) in enumerate(zip(clients, statuses, strict=True))
            ]
        )
        if not cases[0].pk:  # SQLite before RETURNING support: fetch them back
            cases = list(Case.objects.order_by("-pk")[:size])[::-1]
        hearings, assignments = [], []
        for i, case in enumerate(cases):
            if case.status in {"active", "offered", "awaiting"}:
                hearings.append(Hearing(case=case, starts_at=now + timedelta(days=rng.randint(1, 200))))
            if case.status in {"active", "closed"}:
                attorney = target if made + i < target_count else rng.choice(attorneys)
                assignments.append(Assignment(case=case, attorney=attorney, role="lead"))
        Hearing.objects.bulk_create(hearings)
        Assignment.objects.bulk_create(assignments)
        made += size


def measure(label: str, case, target) -> dict:
    from django.test import Client as HttpClient
    from django.urls import reverse

    from cases.matching import rank_attorneys
    from clinic import two_factor

    match_ms, match_queries = timed(lambda: rank_attorneys(case=case))
    ranked = rank_attorneys(case=case, limit=None)
    http = HttpClient()
    http.force_login(target)
    session = http.session  # as if the attorney had also passed the second factor
    session[two_factor.SESSION_KEY] = two_factor.verified_marker(target)
    session.save()
    url = reverse("cases:caseload")

    def get():
        response = http.get(url)
        assert response.status_code == 200, response.status_code

    page_ms, page_queries = timed(get)
    result = {
        "label": label,
        "match_median": statistics.median(match_ms),
        "match_p95": percentile(match_ms, 95),
        "match_queries": match_queries,
        "ranked": len(ranked),
        "page_median": statistics.median(page_ms),
        "page_queries": page_queries,
    }
    print(
        f"{label:>16}: ranking {ATTORNEYS} attorneys median {result['match_median']:.1f} ms, "
        f"p95 {result['match_p95']:.1f} ms, {match_queries} queries, {len(ranked)} pass the filters | "
        f"caseload ({TARGET_CASES} cases) median {result['page_median']:.1f} ms, {page_queries} queries",
        flush=True,
    )
    return result


def main() -> None:
    args = parse_args()
    configure(args)
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    from cases.models import Case
    from clinic.models import User
    from intake.models import AdverseParty, Client

    setup_test_environment()  # lets the test client use the "testserver" host
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # DEBUG off serves the manifest's names
    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})", flush=True)

    rng = random.Random(20261125)
    coordinator = User.objects.create(username="bench_coordinator")
    attorneys = make_attorneys(rng)
    target = attorneys[0]
    client = Client.objects.create(given_names="Ximena", family_names="Bench", languages=["es"])
    AdverseParty.objects.create(client=client, name="Firm 7", kind="organisation")
    AdverseParty.objects.create(client=client, name="Client17 Synthetic")
    case = Case.objects.create(client=client, opened_by=coordinator, case_type="removal", is_detained=True)

    started = time.perf_counter()
    add_cases(rng, SMALL_DB, attorneys, coordinator, target=target, target_count=TARGET_CASES)
    call_command("recount_attorney_loads", verbosity=0)  # bulk inserts skip the services
    print(f"built {SMALL_DB} cases in {time.perf_counter() - started:.1f} s", flush=True)
    small = measure(f"{SMALL_DB:,} cases", case, target)

    started = time.perf_counter()
    add_cases(rng, args.large - SMALL_DB, attorneys, coordinator)
    call_command("recount_attorney_loads", verbosity=0)
    if connection.vendor == "postgresql":
        # As in benchmarks/pages.py: a clinic's tables have long been vacuumed, and autovacuum must
        # not start on the freshly loaded ones in the middle of the measurements.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"built {args.large - SMALL_DB} more cases in {time.perf_counter() - started:.1f} s", flush=True)
    large = measure(f"{args.large:,} cases", case, target)

    ratio = large["page_median"] / small["page_median"]
    print(f"caseload {args.large:,} vs {SMALL_DB:,} cases: {ratio:.2f}x (goal <= 1.5x)")
    growth = large["match_median"] / small["match_median"]
    print(
        f"matching {args.large:,} vs {SMALL_DB:,} cases: {growth:.2f}x (goal <= 1.2x); "
        f"median {large['match_median']:.1f} ms (goal < 25 ms)"
    )


if __name__ == "__main__":
    main()
