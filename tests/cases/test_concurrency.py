"""Two attorneys accept the same case at the same moment: the row lock lets exactly one win.

The threads need committed rows, so this test commits its own data and deletes it afterwards
instead of using a transactional test, whose closing flush would also drop the role groups that
the data migration created for every other test.
"""

import threading

import pytest
from django.db import connection

from cases import services
from cases.models import Assignment, Case, Offer
from cases.services import CaseStateError
from clinic.roles import Role
from tests.cases.factories import CaseFactory, OfferFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks (PostgreSQL)")


@pytest.fixture
def committed(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        made: dict = {}
        yield made
        if "case" in made:
            client = made["case"].client
            Case.objects.filter(pk=made["case"].pk).delete()
            client.delete()
        for user in made.get("users", []):
            user.delete()


def test_the_first_acceptance_wins_when_two_arrive_together(committed):
    coordinator = UserFactory(role=Role.COORDINATOR)
    attorneys = [UserFactory(role=Role.ATTORNEY) for _ in range(2)]
    case = CaseFactory(status=Case.Status.OFFERED, opened_by=coordinator)
    committed.update(case=case, users=[*attorneys, coordinator])
    offers = [OfferFactory(case=case, attorney=attorney, offered_by=coordinator) for attorney in attorneys]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def accept(offer: Offer) -> None:
        try:
            barrier.wait()
            services.offer_accept(offer=offer, acting_user=offer.attorney)
            outcomes.append("won")
        except CaseStateError:
            outcomes.append("lost")
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(offer,)) for offer in offers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["lost", "won"]
    assert Assignment.objects.filter(case=case).count() == 1
    assert Offer.objects.filter(case=case, status=Offer.Status.ACCEPTED).count() == 1
