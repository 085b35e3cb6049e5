import pytest
from django.test import RequestFactory
from django.urls import reverse

from clinic import registry
from clinic.registry import register_panel, render_panels


@pytest.fixture
def scratch_panel():
    yield "test-panel"
    registry.registry.panels["case"].pop("test-panel", None)


def test_each_role_sees_only_the_navigation_registered_for_it(client, volunteer, attorney):
    client.force_login(volunteer)
    html = client.get(reverse("intake:home")).content.decode()
    assert reverse("intake:emergency") in html
    assert reverse("cases:caseload") not in html
    client.force_login(attorney)
    html = client.get(reverse("cases:caseload")).content.decode()
    assert reverse("cases:caseload") in html
    assert reverse("intake:queue") not in html


def test_the_overview_shows_every_registered_card(client, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("coordinator_home")).content.decode()
    assert 'id="overview-intakes"' in html
    assert 'id="overview-cases"' in html


def test_a_panel_that_answers_none_is_left_out(scratch_panel, coordinator):
    request = RequestFactory().get("/")
    request.user = coordinator
    register_panel("case", scratch_panel, lambda request, obj: None)
    assert render_panels("case", request, object()) == []
    register_panel("case", scratch_panel, lambda request, obj: f"<p>{type(obj).__name__}</p>")
    assert "<p>object</p>" in render_panels("case", request, object())


def test_a_panel_for_an_unknown_page_is_refused():
    with pytest.raises(ValueError, match="No page"):
        register_panel("nowhere", "x", lambda request, obj: None)
