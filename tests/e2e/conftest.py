"""Browser tests: Debian's Chromium driven by Playwright against the live test server.

They run when CLINIC_E2E=1 (CI sets it and installs Chromium); otherwise they are deselected
and pytest says so in its summary.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CLINIC_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
E2E_ENABLED = os.environ.get("CLINIC_E2E") == "1"


def pytest_collection_modifyitems(config, items):
    if E2E_ENABLED:
        if not os.path.exists(CHROMIUM):
            raise pytest.UsageError(f"CLINIC_E2E=1 but no Chromium at {CHROMIUM}: install Debian's chromium.")
        return
    e2e = [item for item in items if "tests/e2e/" in item.nodeid]
    if e2e:
        config.hook.pytest_deselected(items=e2e)
        items[:] = [item for item in items if item not in e2e]


def sign_in(page, live_server, username):
    """Password, then the code the user's authenticator shows, as a person would type them."""
    from clinic.models import User
    from clinic.two_factor import needs_two_factor
    from tests.factories import TEST_PASSWORD, current_code, verified_device_for

    user = User.objects.get(username=username)
    device = verified_device_for(user)
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if needs_two_factor(user):
        page.get_by_label("Code").fill(current_code(device))
        page.locator("main").get_by_role("button", name="Continue").click()
        page.wait_for_load_state()


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM calls in fixtures are
    # still synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-sync",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def laptop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()
