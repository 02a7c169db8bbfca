"""The import pages in real Chromium: upload, preview with problems, preview ready, running; axe-core on each."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coordinator_page(live_server, coordinator, monkeypatch):
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}")
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
    # monkeypatch, so that the setting does not leak into later tests (the deploy check refuses it).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from django.test import Client
    from playwright.sync_api import sync_playwright

    client = Client()
    client.force_login(coordinator, backend="django.contrib.auth.backends.ModelBackend")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(locale="sv-SE")
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
        page = context.new_page()
        page.set_default_timeout(15000)
        errors = []

        def on_console(message):
            # The admin has no favicon; the browser's own request for one is not the page's error.
            if message.type == "error" and "favicon" not in message.location.get("url", ""):
                errors.append(message.text)

        page.on("console", on_console)
        page.console_errors = errors
        yield page
        browser.close()


def assert_accessible(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.response["violations"] == [], results.generate_report()
    assert page.console_errors == []


def test_import_pages_pass_axe(coordinator_page, live_server, registry, files, tmp_path):
    page = coordinator_page
    page.goto(live_server.url + "/admin/registry/project/")
    page.get_by_role("link", name="Importera en lista över insatser").click()
    assert page.locator("h1").inner_text() == "Importera en lista över insatser"
    assert_accessible(page)

    bad = tmp_path / "fel.csv"
    bad.write_bytes(files.csv(files.table([files.bank_row(Projektslut="2018-01-01")], files.BANK_HEADER)))
    page.set_input_files("input[type=file]", str(bad))
    page.get_by_role("button", name="Kontrollera filen").click()
    assert "Slutdatumet 2018-01-01 ligger före startdatumet 2019-01-01." in page.content()
    assert_accessible(page)

    page.get_by_role("link", name="Ladda upp en rättad fil").click()
    page.get_by_role("button", name="Kontrollera filen").click()  # no file: the error next to the field
    assert_accessible(page)

    good = tmp_path / "insatser.csv"
    good.write_bytes(files.csv(files.table([files.bank_row()], files.BANK_HEADER)))
    page.set_input_files("input[type=file]", str(good))
    page.get_by_role("button", name="Kontrollera filen").click()
    assert "1 projekt skapas" in page.content()
    assert_accessible(page)

    page.get_by_role("button", name="Importera alla rader").click()
    assert page.locator("progress").count() == 1
    assert_accessible(page)
