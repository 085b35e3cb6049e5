import base64
from datetime import datetime

import pytest
from django.core.cache import cache

from response.services import Detention
from tests.response.factories import emergency_intake, open_response


@pytest.fixture(autouse=True)
def test_keys(settings):
    """Fixed test keys: tests never read or write the developer's key file."""
    settings.CLINIC_KEYS = f"test1:{base64.b64encode(b'k' * 32).decode()}"
    settings.CLINIC_INDEX_KEY = base64.b64encode(b"x" * 32).decode()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tz():
    from zoneinfo import ZoneInfo

    return ZoneInfo("America/Chicago")


@pytest.fixture
def local(tz):
    def make(text: str) -> datetime:
        return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=tz)

    return make


@pytest.fixture
def intake(volunteer):
    return emergency_intake(volunteer=volunteer)


@pytest.fixture
def response(volunteer, intake):
    """A response a volunteer opened from their hotline emergency: reported, not yet located."""
    return open_response(intake=intake, acting_user=volunteer, detention=Detention(country_of_birth="Mexico"))
