import base64

import pytest

from intake.models import Intake
from tests.intake.factories import ClientFactory, IntakeFactory


@pytest.fixture(autouse=True)
def test_keys(settings):
    """Fixed test keys: tests never read or write the developer's key file."""
    settings.CLINIC_KEYS = f"test1:{base64.b64encode(b'k' * 32).decode()}"
    settings.CLINIC_INDEX_KEY = base64.b64encode(b"x" * 32).decode()


@pytest.fixture
def open_intake(volunteer):
    return IntakeFactory(
        volunteer=volunteer, client=ClientFactory(given_names="Lucía", family_names="Paredes")
    )


@pytest.fixture
def draft_intake(volunteer):
    return IntakeFactory(volunteer=volunteer, client=None, status=Intake.Status.DRAFT)
