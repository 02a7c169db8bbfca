"""Browser tests: real Chromium (Debian's /usr/bin/chromium) driven by Playwright against a
live server, with axe-core run on every page visited."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (.ci/run does).")
    # Playwright's sync API keeps an event loop in this thread, which makes Django refuse
    # synchronous ORM calls. The test's own ORM calls are synchronous and safe, so allow them
    # while the browser lives, and only then (module scope, restored afterwards).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class Visitor:
    """A browser tab that fails the test on axe violations, CSP reports and server errors."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.console_errors = []
        page.on("console", self._on_console)

    def _on_console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text)

    def goto(self, path, *, check=True):
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.status < 400, f"{path} answered {response and response.status}"
        if check:
            self.check()
        return response

    def sign_in(self, email, password):
        """Sign in through the real form (the login page itself is checked by the accounts tests)."""
        self.goto("/konto/login/", check=False)
        self.page.fill("input[name=login]", email)
        self.page.fill("input[name=password]", password)
        self.page.locator("main form button[type=submit]").first.click()
        self.page.wait_for_url("**/konto/profil/")

    def check(self):
        """Run axe-core on the current page and fail on any violation or console error."""
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(self.page)
        violations = results.response["violations"]
        assert violations == [], f"axe violations on {self.page.url}:\n{results.generate_report()}"
        assert self.console_errors == [], f"console errors on {self.page.url}: {self.console_errors}"


@pytest.fixture
def visitor(browser, live_server):
    context = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield Visitor(page, live_server.url)
    context.close()
