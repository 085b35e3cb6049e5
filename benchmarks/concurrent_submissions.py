"""Benchmark: emergency reports posted at the same moment by many volunteers, through real HTTP.

gunicorn with two worker processes serves the project with DEBUG off; 20 clients post 200
emergency reports between them (each signed in as a volunteer of their own). Printed: how many
were answered "recorded", lost, duplicated or met a server error, and the throughput.

    .venv/bin/python -m benchmarks.concurrent_submissions                  # embedded SQLite
    .venv/bin/python -m benchmarks.concurrent_submissions --database-url postgres://postgres@127.0.0.1:5432/clinic_bench_submit

The PostgreSQL database (its name must contain 'bench') is wiped before the run.
"""

import argparse
import statistics
import sys
import threading
import time
from collections import Counter

from benchmarks._support import recreate_bench_database
from clinic.testing.liveserver import LiveClinic


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", help="a PostgreSQL database to use (it is wiped first)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if args.submissions % args.clients:
        sys.exit("--submissions must be a multiple of --clients.")
    if args.database_url:
        recreate_bench_database(args.database_url)
    live = LiveClinic(database_url=args.database_url, workers=args.workers)
    live.migrate()
    live.manage("seed_demo", "--password", "bench-demo-password")  # on-call coordinators get e-mailed
    sessions = live.sessions(prefix="benchvol", role="intake volunteer", count=args.clients)
    each = args.submissions // args.clients
    statuses: Counter = Counter()
    latencies: list[float] = []
    lock = threading.Lock()

    def submit(index: int, session: str) -> None:
        csrf = live.csrf_for("/intake/emergency/", session=session)
        for k in range(each):
            data = {
                "given_names": f"Bench{index * each + k}",
                "family_names": "Simultaneo",
                "facility": "Broadview Processing Center",
                "detained_on": "2026-11-20",
                "caller_name": "Hermana",
                "callback_phone": "3125550100",
            }
            started = time.perf_counter()
            response = live.request("POST", "/intake/emergency/", session=session, csrf=csrf, data=data)
            with lock:
                latencies.append(time.perf_counter() - started)
                statuses[response.status] += 1

    with live:
        live.start()
        threads = [threading.Thread(target=submit, args=(i, s)) for i, s in enumerate(sessions)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    names = (
        live.manage(
            "shell",
            "-c",
            "from intake.models import Intake; print(list(Intake.objects.filter(client__family_names="
            "'Simultaneo').values_list('client__given_names', flat=True)))",
        )
        .strip()
        .splitlines()[-1]
    )
    kept = eval(names)  # noqa: S307 (our own printed list of strings)
    live.cleanup()
    engine = "PostgreSQL" if args.database_url else "SQLite (embedded default)"
    print(f"{engine}: {args.submissions} submissions from {args.clients} clients, {args.workers} workers")
    print(f"  answered: {dict(statuses)}")
    lost, duplicated = args.submissions - len(set(kept)), len(kept) - len(set(kept))
    print(f"  kept {len(kept)}, lost {lost}, duplicated {duplicated}")
    print(f"  server errors {sum(n for status, n in statuses.items() if status >= 500)}")
    latencies.sort()
    median, p95 = statistics.median(latencies), latencies[int(len(latencies) * 0.95) - 1]
    print(
        f"  {args.submissions / elapsed:.1f} submissions/s; latency median {median * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
