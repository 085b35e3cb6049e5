from datetime import timedelta

from django.utils import timezone

from response import services
from response.models import Response
from response.selectors import response_counts, response_figures
from tests.response.factories import emergency_intake, found_at, open_response

S = Response.Status


def test_response_figures_count_outcomes_medians_and_transfers(volunteer, coordinator):
    made = [
        open_response(intake=emergency_intake(volunteer=volunteer), acting_user=volunteer) for _ in range(3)
    ]
    for response, hours in zip(made[:2], (2, 6), strict=True):
        found_at(
            response,
            "First (test)",
            acting_user=coordinator,
            at=response.reported_at + timedelta(hours=hours),
        )
    found_at(made[0], "Second (test)", acting_user=coordinator)
    found_at(made[0], "Third (test)", acting_user=coordinator)
    services.response_status_set(response=made[1], status=S.BONDED, acting_user=coordinator)
    services.response_status_set(response=made[2], status=S.CLOSED, acting_user=coordinator)

    now = timezone.now()
    figures = response_figures(start=now - timedelta(days=1), end=now + timedelta(minutes=1))
    assert figures["total"] == 3
    assert figures["by_outcome"][S.BONDED] == 1 and figures["by_outcome"][S.CLOSED] == 1
    assert figures["by_outcome"][S.LOCATED] == 1 and figures["by_outcome"][S.REMOVED] == 0
    assert figures["median_hours_to_located"] == 4.0
    assert figures["median_hours_to_represented"] is None
    assert figures["transfers"] == 2 and figures["transfers_per_person"] == 0.67

    assert response_figures(start=now + timedelta(days=1), end=now + timedelta(days=2))["total"] == 0


def test_the_overview_counts_what_needs_the_team(volunteer, coordinator):
    located = open_response(intake=emergency_intake(volunteer=volunteer), acting_user=volunteer)
    open_response(intake=emergency_intake(volunteer=volunteer), acting_user=volunteer)
    found_at(located, "First (test)", acting_user=coordinator)
    found_at(located, "Second (test)", acting_user=coordinator)
    counts = response_counts()
    assert counts == {"open": 2, "not_located": 1, "window_closing": 0, "transfers": 1}
