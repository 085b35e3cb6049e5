"""gunicorn with two worker processes on a fresh database of the engine this run of the suite uses."""

import os
from urllib.parse import urlparse

import pytest

from clinic.testing.liveserver import LiveClinic


def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


@pytest.fixture
def live():
    """gunicorn on a fresh database of the engine this run of the suite uses."""
    pg = postgres_url()
    database_url = None
    if pg:
        import psycopg

        parsed = urlparse(pg)
        name = f"{parsed.path.lstrip('/')}_live_{os.getpid()}"
        admin = pg.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        database_url = pg.rsplit("/", 1)[0] + "/" + name
    server = LiveClinic(database_url=database_url)
    server.migrate()
    try:
        yield server
    finally:
        server.cleanup()
        if database_url:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
