"""Every list page on a 390 px phone: nothing scrolls sideways, and axe-core finds no serious or
critical violation, signed in as the role that uses the page. The demo data fills the lists, with
a few long names and places added, as clinics type them.

Set CLINIC_E2E_SCREENSHOTS to a folder to keep a full-page screenshot of each page at 390 px and at
1280 px, for a person to look at.
"""

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse

from cases.models import Case
from clinic.models import User
from intake.models import Intake
from intake.services import outreach_event_save
from reports.models import FundingReport
from tests.e2e.conftest import sign_in
from tests.factories import TEST_PASSWORD
from tests.intake.factories import ClientFactory, IntakeFactory

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Axe()
SCREENSHOTS = os.environ.get("CLINIC_E2E_SCREENSHOTS")
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 800}


@pytest.fixture
def demo(migration_data):
    call_command("seed_demo", password=TEST_PASSWORD, stdout=open(os.devnull, "w"))  # noqa: SIM115
    coordinator = User.objects.get(username="coordinator")
    # Long, unbreakable names and places are what push a table past a phone's width.
    IntakeFactory(
        client=ClientFactory(given_names="Maximiliana Guadalupe", family_names="Villaseñor-Echeverría"),
        is_urgent=True,
        is_emergency=True,
        is_detained=True,
        channel=Intake.Channel.RAPID_RESPONSE,
        facility="Broadview Service Staging Facility, 1930 Beach Street, Broadview, Illinois",
        detained_on=date.today() - timedelta(days=1),
        volunteer=coordinator,
    )
    outreach_event_save(
        event=None,
        acting_user=coordinator,
        title="Conozca sus derechos: taller para familias de trabajadores agrícolas",
        held_on=date.today(),
        place="Iglesia de Nuestra Señora de Guadalupe, salón parroquial",
        community_area="South Lawndale",
        attendees=40,
        materials=60,
    )
    FundingReport.objects.create(
        requested_by=coordinator,
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
        hourly_rate=150,
        threshold=5,
        status=FundingReport.Status.DONE,
    )


def _pages(role: str) -> list[str]:
    if role == "attorney":
        case = Case.objects.filter(assignments__attorney__username="attorney").first() or Case.objects.first()
        return [
            reverse("cases:caseload"),
            reverse("cases:my_week"),
            reverse("cases:case_history", args=[case.public_id]),
            reverse("response:mine"),
        ]
    if role == "volunteer":
        return [reverse("intake:home"), reverse("response:mine")]
    awaiting = Case.objects.filter(status=Case.Status.AWAITING_ASSIGNMENT).first() or Case.objects.first()
    return [
        reverse("intake:queue"),
        reverse("cases:case_list"),
        reverse("cases:deadline_overview"),
        reverse("cases:funding"),
        reverse("intake:outreach_list"),
        reverse("reports:report_list"),
        reverse("response:dashboard"),
        reverse("cases:case_match", args=[awaiting.public_id]),
        reverse("cases:case_history", args=[awaiting.public_id]),
        reverse("access_log"),
    ]


def _problems(page) -> list[str]:
    problems = []
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        problems.append(f"{page.url}: scrolls sideways by {overflow}px")
    wider = page.evaluate(
        """() => [...document.querySelectorAll('.card, .list-table tbody tr, .list__item')]
            .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'auto')
            .map(e => e.className + ': ' + e.textContent.trim().slice(0, 40))"""
    )
    problems += [f"{page.url}: content wider than its card: {item}" for item in wider]
    results = AXE.run(page)
    problems += [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']}"
        for v in results.response["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]
    return problems


def _screenshot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / name), full_page=True)


def _check(browser, live_server, role: str, pages: list[str]) -> list[str]:
    problems = []
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    sign_in(phone, live_server, role)
    for path in pages:
        phone.goto(live_server.url + path)
        phone.wait_for_load_state()
        problems += _problems(phone)
        _screenshot(phone, f"{role}{path.replace('/', '_')}390.png")
    if SCREENSHOTS:
        # The phone's session: a second sign-in would replay the same one-time code, which is refused.
        desk = browser.new_context(viewport=DESK, storage_state=phone.context.storage_state()).new_page()
        for path in pages:
            desk.goto(live_server.url + path)
            _screenshot(desk, f"{role}{path.replace('/', '_')}1280.png")
        desk.context.close()
    phone.context.close()
    return problems


@pytest.mark.parametrize("role", ["coordinator", "attorney", "volunteer"])
def test_every_list_page_fits_a_phone_and_passes_axe(browser, live_server, demo, role):
    problems = _check(browser, live_server, role, _pages(role))
    assert not problems, "\n".join(problems)


def test_client_search_results_fit_a_phone(browser, live_server, demo):
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    sign_in(phone, live_server, "coordinator")
    phone.goto(live_server.url + reverse("intake:client_search"))
    phone.fill('[name="name"]', "Maximiliana Guadalupe Villaseñor-Echeverría")
    phone.get_by_role("button", name="Search").click()
    phone.wait_for_load_state()
    assert "Villaseñor-Echeverría" in phone.locator("main").inner_text()
    _screenshot(phone, "coordinator_client_search390.png")
    assert not _problems(phone)
    phone.context.close()


def test_on_a_phone_a_queue_row_reads_as_a_card_with_each_columns_name(browser, live_server, demo):
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    sign_in(phone, live_server, "coordinator")
    phone.goto(live_server.url + reverse("intake:queue"))
    first = phone.locator("main tbody tr").first
    assert "Villaseñor-Echeverría" in first.inner_text()  # the newest emergency heads the queue
    cell = first.locator('td[data-label="Detained at"]')
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Detained at"'
    assert phone.locator("main thead").evaluate("e => e.getBoundingClientRect().height") <= 1
    phone.context.close()
