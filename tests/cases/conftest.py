import pytest

from cases.models import Case
from tests.cases.factories import CaseFactory, ClientFactory, IntakeFactory, OfferFactory


@pytest.fixture
def case(attorney):
    """An active case held by `attorney` (with the object permissions the services would grant)."""
    return CaseFactory(attorney=attorney)


@pytest.fixture
def awaiting_case(coordinator):
    intake = IntakeFactory(client=ClientFactory(), is_detained=True)
    return CaseFactory(client=intake.client, intake=intake, opened_by=coordinator, is_detained=True)


@pytest.fixture
def offer(attorney, coordinator, awaiting_case):
    awaiting_case.status = Case.Status.OFFERED
    awaiting_case.save(update_fields=["status"])
    return OfferFactory(case=awaiting_case, attorney=attorney, offered_by=coordinator)
