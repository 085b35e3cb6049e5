from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.e2e.conftest import sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_volunteer_reports_a_detention_from_a_phone_and_the_coordinator_sees_it_first(
    browser, phone, live_server, volunteer
):
    UserFactory(username="oncall", role="coordinator", is_on_call=True)
    sign_in(phone, live_server, "volunteer")
    phone.goto(f"{live_server.url}/intake/emergency/")
    phone.get_by_role("button", name="Record the emergency").click()
    phone.wait_for_load_state()
    assert phone.locator(".field--error").count() >= 4, "missing fields are marked beside each field"

    phone.get_by_label("Detained person: given names").fill("Teodoro")
    phone.get_by_label("Detained person: family names").fill("Quispe Lliuya")
    phone.get_by_label("A-number, if known").fill("A-099-888-777")
    phone.get_by_label("Where (facility, city, place of arrest)").fill("Broadview processing center")
    phone.get_by_label("When").fill(str(timezone.localdate() - timedelta(days=1)))
    phone.get_by_label("Caller's name").fill("Cousin of the detained person")
    phone.get_by_label("Callback number").fill("312-555-0142")
    phone.get_by_role("button", name="Record the emergency").click()
    phone.wait_for_load_state()
    assert "The on-call coordinators have been notified" in phone.content()
    assert "Quispe" not in phone.url

    assert [m.to for m in mail.outbox] == [["oncall@clinic.example"]]
    assert "Quispe" not in mail.outbox[0].body

    desk = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    sign_in(desk, live_server, "oncall")
    desk.goto(f"{live_server.url}/intake/queue/")
    first = desk.locator("main tbody tr").first
    assert "Teodoro Quispe Lliuya" in first.inner_text()
    assert first.locator(".badge--urgent").is_visible()
    assert "Broadview processing center" in first.inner_text()  # where to look for the person
    desk.context.close()
