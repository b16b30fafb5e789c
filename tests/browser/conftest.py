"""Real-browser tests: Playwright drives Debian's chromium against pytest-django's live server.

Browsers are never downloaded: chromium comes from the system (`apt-get install chromium`).
Without it these tests skip, unless OBIEG_REQUIRE_BROWSER is set (as in CI), where a missing
browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = os.environ.get("OBIEG_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
    "--no-first-run",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    # Playwright's sync API keeps an event loop running in this thread for the whole session,
    # and Django then refuses plain ORM calls here (test set-up, live-server fixtures) unless its
    # async guard stands aside. Only sessions that drive a browser set this.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not os.path.exists(CHROMIUM):
        if os.environ.get("OBIEG_REQUIRE_BROWSER"):
            pytest.fail(f"chromium not found at {CHROMIUM}; install Debian's chromium")
        pytest.skip(f"chromium not found at {CHROMIUM}; `apt-get install chromium` to run")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    _ensure_reference_data()
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _ensure_reference_data() -> None:
    # A transactional test flushes every table at its end. The serialized rollback that brings
    # the reference data back (tests/conftest.py) does not reach a test whose thread already
    # runs Playwright's loop, so browser tests reload what is missing themselves.
    from obieg.directory import reference_data
    from obieg.directory.models import Country, NaceActivity, NutsRegion, Theme

    if not Country.objects.exists():
        reference_data.load_countries(Country)
        reference_data.load_nuts(NutsRegion, Country)
        reference_data.load_nace(NaceActivity)
        reference_data.load_themes(Theme)


@pytest.fixture
def sign_in(page: Any) -> Any:
    """Sign a user in through the real login form."""

    def _sign_in(username: str, password: str = "correct horse battery staple") -> None:
        page.goto("/en/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("form button[type=submit]")
        page.wait_for_load_state()

    return _sign_in
