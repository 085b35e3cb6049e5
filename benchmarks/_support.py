"""What the benchmarks share: a throwaway PostgreSQL database, never a real one."""

import sys
from urllib.parse import urlparse


def recreate_bench_database(url: str) -> None:
    """Drops and creates the database named in `url`; its name must contain 'bench'."""
    import psycopg

    name = urlparse(url).path.lstrip("/")
    if "bench" not in name:
        sys.exit(
            f"Refusing to use the database {name!r}: it is dropped first, so its name must contain 'bench'."
        )
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
