"""Benchmark: the list pages at 100,000 cases, served by gunicorn (2 workers, DEBUG off).

Builds a throwaway database of synthetic cases (clients, intakes, assignments, offers, hearings),
rebuilds the derived figures with the project's commands, starts gunicorn, signs each role in
(sessions made directly, so the benchmark does not depend on the sign-in flow), then loads each
list page with concurrent keep-alive clients and prints requests per second, p50 and p95, and the
ratio to the sign-in page's throughput in the same run:

    .venv/bin/python -m benchmarks.pages                    # SQLite in a temporary folder
    .venv/bin/python -m benchmarks.pages --database-url postgres://postgres@127.0.0.1:5432/clinic_bench_pages

The PostgreSQL database (its name must contain 'bench') is wiped before the run.
Goal: every list page at least 25% of the sign-in page's throughput, p95 under 100 ms.
"""

import argparse
import atexit
import base64
import http.client
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

from benchmarks._support import recreate_bench_database

CASES = 100_000
ATTORNEY_CASES = 200  # the attorney whose caseload is loaded
OPEN_INTAKES = 60  # the open queue is work in hand, not history: it does not grow with cases
AREAS = ["removal", "asylum", "bond", "fear", "u_visa", "t_visa", "vawa", "sijs", "daca", "tps"]
RATIO_GOAL, P95_GOAL_MS = 0.25, 100.0


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", help="a PostgreSQL database to use (it is wiped first)")
    parser.add_argument("--cases", type=int, default=CASES, help="cases in the database")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients per page")
    parser.add_argument("--seconds", type=float, default=10.0, help="how long each page is loaded")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    return parser.parse_args()


def server_environment(args, data_dir: str) -> dict[str, str]:
    """What a production deployment would set: DEBUG off, keys from the environment, no TLS here."""

    def key() -> str:
        return base64.b64encode(secrets.token_bytes(32)).decode()

    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="clinic.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        CLINIC_KEYS=f"bench:{key()}",
        CLINIC_AUDIT_KEY=key(),
        CLINIC_INDEX_KEY=key(),
        CLINIC_DATA_DIR=data_dir,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
    )
    env.pop("REDIS_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    else:
        env.pop("DATABASE_URL", None)
    return env


def configure(args) -> dict[str, str]:
    data_dir = tempfile.mkdtemp(prefix="clinic-bench-pages-")
    atexit.register(shutil.rmtree, data_dir, ignore_errors=True)
    if args.database_url:
        recreate_bench_database(args.database_url)
    env = server_environment(args, data_dir)
    os.environ.clear()
    os.environ.update(env)
    import django

    django.setup()
    return env


def build(args, rng: random.Random) -> dict:
    """Bulk-inserts the clinic's history; returns the users each page is loaded as."""
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from benchmarks.matching import make_attorneys
    from cases.models import Assignment, Case, Hearing, Offer
    from clinic.models import User
    from clinic.roles import Role
    from intake.models import Client, Intake

    coordinator = User.objects.create(username="bench_coordinator", first_name="Coordinator")
    coordinator.groups.add(Group.objects.get(name=Role.COORDINATOR))
    volunteer = User.objects.create(username="bench_volunteer")
    volunteer.groups.add(Group.objects.get(name=Role.VOLUNTEER))
    attorneys = make_attorneys(rng)
    target = attorneys[0]
    now = timezone.now()
    made, batch = 0, 5_000
    total = args.cases + OPEN_INTAKES
    while made < total:
        size = min(batch, total - made)
        clients = Client.objects.bulk_create(
            [
                Client(given_names=f"Client{made + i}", family_names="Synthetic", languages=["es"])
                for i in range(size)
            ]
        )
        intakes = Intake.objects.bulk_create(
            [
                Intake(
                    client=client,
                    volunteer=volunteer,
                    channel=rng.choice(["hotline", "walk_in", "workshop"]),
                    status="open" if made + i >= args.cases else "accepted",
                    is_urgent=rng.random() < 0.2,
                    is_emergency=rng.random() < 0.05,
                )
                for i, client in enumerate(clients)
            ]
        )
        rows = []
        for i, (client, intake) in enumerate(zip(clients, intakes, strict=True)):
            n = made + i
            if n >= args.cases:
                continue
            if n < ATTORNEY_CASES:
                status = "active"
            else:
                status = rng.choices(["closed", "active", "awaiting", "offered"], [60, 25, 10, 5])[0]
            rows.append(
                Case(
                    client=client,
                    intake=intake,
                    opened_by=coordinator,
                    status=status,
                    case_type=rng.choice(AREAS),
                    is_detained=rng.random() < 0.2,
                    court="Synthetic Immigration Court",
                    closing_code="IB" if status == "closed" else "",
                    client_name_key=f"client{n} synthetic",
                )
            )
        cases = Case.objects.bulk_create(rows) if rows else []
        hearings, assignments, offers = [], [], []
        for i, case in enumerate(cases):
            n = made + i
            if case.status != "closed":
                hearings.append(Hearing(case=case, starts_at=now + timedelta(days=rng.randint(1, 200))))
            if case.status in {"active", "closed"}:
                attorney = target if n < ATTORNEY_CASES else rng.choice(attorneys)
                assignments.append(Assignment(case=case, attorney=attorney, role="lead"))
            if case.status == "offered" or (case.status == "closed" and rng.random() < 0.3):
                offers.append(
                    Offer(
                        case=case,
                        attorney=rng.choice(attorneys),
                        offered_by=coordinator,
                        status="open" if case.status == "offered" else rng.choice(["accepted", "declined"]),
                        expires_at=now + timedelta(hours=rng.randint(1, 48)),
                    )
                )
        Hearing.objects.bulk_create(hearings)
        Assignment.objects.bulk_create(assignments)
        Offer.objects.bulk_create(offers)
        made += size
    return {"coordinator": coordinator, "attorney": target}


def session_cookie(user) -> str:
    """A signed-in session made directly, marked as having passed the second factor."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from clinic import two_factor

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "clinic.backends.ClinicModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[two_factor.SESSION_KEY] = two_factor.verified_marker(user)
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict[str, str], workers: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(  # noqa: S603 (our own virtualenv's gunicorn, fixed arguments)
        [
            str(gunicorn),
            "clinic.wsgi",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
        start_new_session=True,
    )
    atexit.register(stop, server)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/sign-in/")
            if conn.getresponse().status == 200:
                return server, port
        except OSError:
            time.sleep(0.3)
    sys.exit("gunicorn did not answer the sign-in page within 60 s")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def load(port: int, path: str, cookies: list[str | None], seconds: float) -> dict:
    """Each client (its own session) requests `path` over one keep-alive connection, back to back."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client(cookie: str | None) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Cookie": cookie} if cookie else {}
        mine = []
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                with lock:
                    errors.append(f"{response.status}")
                break
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(cookie,)) for cookie in cookies]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(ordered),
        "p95": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        "errors": errors,
    }


def main() -> None:
    args = parse_args()
    env = configure(args)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # DEBUG off serves the manifest's names
    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})", flush=True)
    started = time.perf_counter()
    users = build(args, random.Random(20261125))
    call_command("recount_attorney_loads", verbosity=0)
    with connection.cursor() as cursor:
        # A clinic's database has been vacuumed long before it holds 100,000 cases; without this,
        # autovacuum would start on the freshly loaded tables in the middle of the measurements,
        # and the first pages would read heap pages that an index-only scan answers in production.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"built {args.cases:,} cases in {time.perf_counter() - started:.0f} s", flush=True)
    sessions = {role: [session_cookie(user) for _ in range(args.clients)] for role, user in users.items()}
    connection.close()

    server, port = start_gunicorn(env, args.workers)
    pages = [
        ("sign-in page", "/sign-in/", None),
        ("case list", "/cases/all/", "coordinator"),
        ("case list, awaiting", "/cases/all/?status=awaiting", "coordinator"),
        ("caseload (200 active)", "/cases/", "attorney"),
        ("coordinator overview", "/coordinator/", "coordinator"),
        ("intake queue", "/intake/queue/", "coordinator"),
    ]
    results = {}
    for label, path, role in pages:
        cookies = sessions[role] if role else [None] * args.clients
        load(port, path, cookies, min(2.0, args.seconds))  # warm up both workers
        results[label] = load(port, path, cookies, args.seconds)
    stop(server)

    baseline = results["sign-in page"]["rps"]
    print(
        f"\n{args.cases:,} cases, {connection.vendor}, gunicorn -w {args.workers}, {args.clients} clients, "
        f"{args.seconds:.0f} s a page (figures depend on what else the machine runs)"
    )
    print(f"{'page':<24}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'x sign-in':>11}  goal")
    failed = False
    for label, result in results.items():
        ratio = result["rps"] / baseline
        # A page that answered anything but 200 (a redirect to sign-in, say) measured nothing.
        ok = not result["errors"] and (
            label == "sign-in page" or (ratio >= RATIO_GOAL and result["p95"] < P95_GOAL_MS)
        )
        failed |= not ok
        note = f" errors: {', '.join(result['errors'])}" if result["errors"] else ""
        print(
            f"{label:<24}{result['rps']:>8.1f}{result['p50']:>9.1f}{result['p95']:>9.1f}{ratio:>11.2f}  "
            f"{'met' if ok else 'MISSED'}{note}"
        )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
