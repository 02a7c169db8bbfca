"""The content pages and the accessibility statement in Chromium, checked by axe-core."""

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)


def test_content_pages_and_statement_pass_axe(visitor, demo):
    for path in ["/om/", "/sok-finansiering/", "/personuppgifter/", "/tillganglighet/", "/en/om/", "/en/tillganglighet/"]:
        visitor.goto(path)
        assert visitor.page.locator("h1").count() == 1


def test_footer_leads_to_the_statement_by_keyboard(visitor, demo):
    visitor.goto("/om/", check=False)
    link = visitor.page.get_by_role("link", name="Tillgänglighetsredogörelse")
    link.focus()
    visitor.page.keyboard.press("Enter")
    visitor.page.wait_for_url("**/tillganglighet/")
    assert "delvis förenlig med lagen om tillgänglighet till digital offentlig service" in visitor.page.content()
    visitor.check()


def test_coordinator_follows_the_edit_link_to_the_back_office(visitor, demo, settings):
    visitor.goto("/konto/login/", check=False)
    visitor.page.fill("input[name=login]", "samordnare@example.org")
    visitor.page.fill("input[name=password]", settings.DEMO_PASSWORD)
    with visitor.page.expect_navigation():
        visitor.page.locator("main form button[type=submit]").first.click()
    visitor.goto("/sok-finansiering/")
    visitor.page.get_by_role("link", name="Redigera sidan").click()
    visitor.page.wait_for_url("**/admin/pages/page/*/change/")
