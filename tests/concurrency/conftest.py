"""gunicorn with two worker processes on a fresh database of the engine this run of the suite uses."""

import pytest

from clinic.testing.liveserver import LiveClinic, throwaway_database


@pytest.fixture
def live():
    """gunicorn on a fresh database of the engine this run of the suite uses."""
    with throwaway_database("live") as database_url:
        server = LiveClinic(database_url=database_url)
        server.migrate()
        try:
            yield server
        finally:
            server.cleanup()
