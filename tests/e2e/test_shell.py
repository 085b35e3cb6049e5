import pytest

from tests.e2e.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_volunteer_on_a_phone_signs_in_and_lands_on_their_intakes(phone, live_server, volunteer):
    sign_in(phone, live_server, "volunteer")
    assert phone.url.endswith("/intake/")
    assert phone.get_by_role("heading", level=1).inner_text() == "My open intakes"
    assert phone.get_by_role("navigation", name="Main").get_by_role("link", name="My intakes").is_visible()
    page_width = phone.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 390, "the page scrolls sideways on a phone"


def test_the_skip_link_is_the_first_thing_a_keyboard_reaches(laptop, live_server, coordinator):
    sign_in(laptop, live_server, "coordinator")
    laptop.keyboard.press("Tab")
    focused = laptop.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    laptop.keyboard.press("Enter")
    assert laptop.evaluate("document.activeElement.id") == "main"


def test_switching_to_spanish_translates_the_page(laptop, live_server, attorney):
    sign_in(laptop, live_server, "attorney")
    laptop.get_by_label("Language").select_option("es")
    laptop.get_by_role("button", name="Change").click()
    laptop.wait_for_load_state()
    assert laptop.locator("html").get_attribute("lang") == "es"
    laptop.locator(".site-nav").get_by_role("link", name="Mis casos").click()
    laptop.wait_for_load_state()
    assert laptop.get_by_role("heading", level=1).inner_text() == "Mis casos"


def test_the_page_runs_no_inline_script_and_loads_nothing_from_elsewhere(laptop, live_server, coordinator):
    requests = []
    laptop.on("request", lambda request: requests.append(request.url))
    violations = []
    laptop.on(
        "console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None
    )
    sign_in(laptop, live_server, "coordinator")
    assert all(url.startswith(live_server.url) for url in requests)
    assert violations == []
