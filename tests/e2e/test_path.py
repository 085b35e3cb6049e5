"""From intake to the attorney's desk, by clicking: a Spanish intake on a phone, the coordinator
accepts and offers, the attorney accepts and opens the client section. axe-core checks every page
the walk visits for serious or critical accessibility violations."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from cases.models import AttorneyProfile, Case, CaseType
from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Axe()


def _no_serious_violations(page, visited: list[str]) -> None:
    results = AXE.run(page)
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in results.response["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]
    visited.append(page.url)
    assert not bad, f"{page.url}: {bad}"


def _continue(page) -> None:
    page.locator('.form-actions button[name="action"][value="next"]').click()
    page.wait_for_load_state()


def test_the_whole_path_from_a_spanish_phone_intake_to_the_attorney_with_the_client(
    browser, phone, live_server, volunteer, coordinator, attorney
):
    AttorneyProfile.objects.create(
        user=attorney,
        languages=["es", "en"],
        practice_areas=[CaseType.ASYLUM, CaseType.REMOVAL_DEFENSE],
        capacity=5,
        takes_detained=True,
    )
    visited: list[str] = []
    hearing_day = timezone.localdate() + timedelta(days=21)

    # The volunteer, on a phone, in Spanish.
    sign_in(phone, live_server, "volunteer")
    phone.get_by_label("Language").select_option("es")
    phone.locator(".language-form button").click()
    phone.wait_for_load_state()
    assert phone.locator("html").get_attribute("lang") == "es"
    phone.locator("main form button[type=submit]").first.click()  # start a new intake
    phone.wait_for_load_state()
    _no_serious_violations(phone, visited)
    phone.fill('[name="given_names"]', "Xiomara")
    phone.fill('[name="family_names"]', "Quintanilla Ayala")
    phone.fill('[name="a_number"]', "A-208-555-301")
    phone.fill('[name="phone"]', "+1 312 555 0177")
    assert phone.locator('[name="phone"]').get_attribute("inputmode") == "tel"
    _continue(phone)
    phone.select_option('[name="help_needed"]', "asylum")
    phone.fill('[name="court"]', "Chicago Immigration Court")
    phone.fill('[name="next_hearing_date"]', hearing_day.isoformat())
    _no_serious_violations(phone, visited)
    _continue(phone)
    _continue(phone)  # household: nothing to add
    _continue(phone)  # adverse parties: none
    phone.fill('[name="narrative"]', "Teme volver; audiencia en tres semanas.")
    _continue(phone)
    review = phone.locator("main").inner_text()
    assert "Chicago Immigration Court" in review and "Teme volver" in review
    _no_serious_violations(phone, visited)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390, "the review scrolls sideways"
    phone.locator("main form button[type=submit]").last.click()
    phone.wait_for_load_state()

    # The coordinator, at a desk, accepts with the details the intake carried.
    desk = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    sign_in(desk, live_server, "coordinator")
    desk.goto(f"{live_server.url}/intake/queue/")
    _no_serious_violations(desk, visited)
    desk.locator("main tbody tr", has_text="Xiomara").get_by_role("link").first.click()
    desk.wait_for_load_state()
    if desk.locator('[name="accept-case_type"]').count() == 0:  # the check must be clear first
        desk.get_by_role("button", name="Run the check again").click()
        desk.wait_for_load_state()
    assert desk.locator('[name="accept-case_type"]').input_value() == "asylum"
    assert desk.locator('[name="accept-court"]').input_value() == "Chicago Immigration Court"
    _no_serious_violations(desk, visited)
    desk.get_by_role("button", name="Accept and open a case").click()
    desk.wait_for_load_state()
    case = Case.objects.get(client__given_names="Xiomara")
    assert f"/cases/{case.public_id}/" in desk.url  # lands on the new case
    assert case.case_type == "asylum" and case.court == "Chicago Immigration Court"
    assert timezone.localtime(case.hearings.get().starts_at).date() == hearing_day
    _no_serious_violations(desk, visited)
    desk.get_by_role("link", name="Find an attorney").click()
    desk.wait_for_load_state()
    _no_serious_violations(desk, visited)
    desk.locator(f'input[name="attorneys"][value="{attorney.pk}"]').check()
    desk.get_by_role("button", name="Send offers").click()
    desk.wait_for_load_state()

    # The attorney reads the offer (what, not who), accepts, and opens the client section.
    office = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    sign_in(office, live_server, "attorney")  # lands on their week; offers wait under My cases
    office.get_by_role("navigation", name="Main").get_by_role("link", name="My cases").click()
    office.wait_for_load_state()
    offer_text = office.locator("#offers-heading + ul").inner_text()
    assert "Chicago Immigration Court" in offer_text and "Asylum" in offer_text
    assert "Xiomara" not in offer_text
    _no_serious_violations(office, visited)
    office.get_by_role("button", name="Accept").first.click()
    office.wait_for_load_state()
    assert f"/cases/{case.public_id}/" in office.url
    office.get_by_role("link", name="Client").click()
    office.wait_for_load_state()
    assert "+1 312 555 0177" in office.locator("main").inner_text()
    _no_serious_violations(office, visited)

    # A coordinator finds the client by A-number and by a misspelt name.
    desk.get_by_role("navigation", name="Main").get_by_role("link", name="Find a client").click()
    desk.wait_for_load_state()
    desk.fill('[name="a_number"]', "A-208-555-301")
    desk.get_by_role("button", name="Search").click()
    desk.wait_for_load_state()
    assert "Xiomara Quintanilla Ayala" in desk.locator("main").inner_text()
    _no_serious_violations(desk, visited)
    desk.fill('[name="a_number"]', "")
    desk.fill('[name="name"]', "Xiomara Quintanila Ayala")  # one l short
    desk.get_by_role("button", name="Search").click()
    desk.wait_for_load_state()
    desk.get_by_role("link", name="Xiomara Quintanilla Ayala").click()
    desk.wait_for_load_state()
    assert case.reference in desk.locator("main").inner_text()  # the cases panel on the client page
    _no_serious_violations(desk, visited)

    assert len(visited) >= 11
    desk.context.close()
    office.context.close()
