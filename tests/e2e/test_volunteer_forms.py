"""The volunteer's forms on a phone, without dead ends: a household of any size, no relationship
chosen for them, a draft that can be left half-typed and found again by the name typed."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import sign_in
from tests.e2e.test_lists_on_a_phone import _screenshot

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Axe()


def _serious(page) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in AXE.run(page).response["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]


def test_a_volunteer_adds_family_members_and_leaves_a_draft_half_typed(phone, live_server, volunteer):
    sign_in(phone, live_server, "volunteer")
    phone.get_by_role("button", name="Start a new intake").click()
    phone.wait_for_load_state()
    phone.get_by_label("Given names").fill("Xiomara")
    phone.get_by_label("Family names").fill("Quintanilla Ayala")
    phone.get_by_label("A-number").fill("B-12")  # a mistake, corrected later
    phone.get_by_role("button", name="Save draft and leave").click()
    phone.wait_for_load_state()
    assert phone.url.endswith("/intake/")
    assert "Some fields still need correcting" in phone.locator("main").inner_text()
    draft = phone.locator("main .list__item", has_text="Xiomara Quintanilla Ayala")
    assert draft.count() == 1, "the draft is listed by the name typed"

    draft.get_by_role("link").click()
    phone.wait_for_load_state()
    household = phone.url.replace("/identity/", "/household/")
    phone.goto(household)
    assert "the client included" in phone.get_by_label(
        "People in the household, the client included"
    ).evaluate("input => input.labels[0].textContent")
    assert phone.locator("fieldset[id^=member-]").count() == 2
    for _ in range(2):
        phone.get_by_role("button", name="Add a family member").click()
        phone.wait_for_load_state()
    assert phone.locator("fieldset[id^=member-]").count() == 4
    relationships = phone.locator('select[name$="-relationship"]')
    assert all(relationships.nth(i).input_value() == "" for i in range(4)), "nothing is chosen for them"
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert not _serious(phone)
    _screenshot(phone, "volunteer_household390.png")

    # Enter in a field continues to the next step; it does not add yet another member.
    phone.fill('[name="members-3-given_names"]', "Ana")
    phone.fill('[name="members-3-family_names"]', "Quintanilla")
    phone.select_option('[name="members-3-relationship"]', "child")
    phone.fill('[name="means-household_size"]', "2")
    phone.fill('[name="means-annual_income"]', "18000")
    phone.locator('[name="means-annual_income"]').press("Enter")
    phone.wait_for_load_state()
    assert "/step/parties/" in phone.url
