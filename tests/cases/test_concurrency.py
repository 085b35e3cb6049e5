"""Two attorneys accept the same case at the same moment: the row lock lets exactly one win."""

import threading

import pytest
from django.db import connection

from cases import services
from cases.models import Assignment, Case, Offer
from cases.services import CaseStateError
from clinic.roles import Role
from tests.cases.factories import CaseFactory, OfferFactory
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks (PostgreSQL)"),
]


def test_the_first_acceptance_wins_when_two_arrive_together():
    coordinator = UserFactory(role=Role.COORDINATOR)
    case = CaseFactory(status=Case.Status.OFFERED, opened_by=coordinator)
    offers = [
        OfferFactory(case=case, attorney=UserFactory(role=Role.ATTORNEY), offered_by=coordinator)
        for _ in range(2)
    ]
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
