"""The reference path through the public registry in real Chromium, axe-core on every page:
a visitor browses and filters, opens a project and switches language; a project leader signs
in and edits her project's page; the coordinator opens the back office."""

import re

import pytest
from django.core.management import call_command

from samverka.registry.models import Portfolio, ProjectRole


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)


def sign_in(visitor, email, password):
    visitor.goto("/konto/login/")
    visitor.page.get_by_label("E-post").fill(email)
    visitor.page.get_by_label("Lösenord").first.fill(password)
    with visitor.page.expect_navigation():
        visitor.page.locator("main form button[type=submit]").first.click()


def test_visitor_filters_opens_a_project_and_switches_language(visitor, demo):
    page = visitor.page
    visitor.goto("/")
    assert page.locator("html").get_attribute("lang") == "sv"
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Projekt").click()
    page.wait_for_url("**/projekt/")
    visitor.check()

    portfolio = Portfolio.objects.get(slug="fornybar-energi")
    expected = portfolio.projects.count()
    page.get_by_label("Projektportfölj").select_option(label=portfolio.name)
    page.get_by_role("button", name="Visa projekt").click()
    page.wait_for_url("**/projekt/?*portfolio=fornybar-energi*")
    visitor.check()
    assert re.search(rf"\b{expected}\b", page.locator("main").inner_text())
    assert page.get_by_label("Projektportfölj").input_value() == "fornybar-energi"

    page.locator("main table a, main ol a, main ul.projects a").first.click()
    page.wait_for_url(re.compile(r".*/projekt/\d+/$"))
    visitor.check()
    title = page.locator("h1").inner_text()
    assert page.get_by_text("Ärende-ID").count() >= 1

    page.get_by_role("link", name="In English").click()
    page.wait_for_url(re.compile(r".*/en/projekt/\d+/$"))
    visitor.check()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == title
    assert page.get_by_text("Case number").count() >= 1

    page.get_by_role("link", name="På svenska").click()
    page.wait_for_url(re.compile(r"^http://[^/]+/projekt/\d+/$"))
    assert page.locator("html").get_attribute("lang") == "sv"


def test_skip_link_is_the_first_stop_for_the_keyboard(visitor, demo):
    page = visitor.page
    visitor.goto("/projekt/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Hoppa till innehållet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_project_leader_signs_in_and_edits_her_project(visitor, demo, settings):
    role = ProjectRole.objects.filter(role=ProjectRole.Role.LEADER).select_related("project", "person").first()
    sign_in(visitor, role.person.email, settings.DEMO_PASSWORD)
    visitor.goto(role.project.get_absolute_url())
    visitor.page.get_by_role("link", name="Redigera projektsidan").click()
    visitor.page.wait_for_url("**/redigera/")
    visitor.check()
    visitor.page.get_by_label("Webbplats", exact=True).fill("inte en adress")
    with visitor.page.expect_navigation():
        visitor.page.locator("main form button[type=submit]").click()
    visitor.check()
    assert visitor.page.get_by_label("Webbplats", exact=True).input_value() == "inte en adress"
    visitor.page.get_by_label("Webbplats", exact=True).fill("https://projekt.example.org/")
    visitor.page.locator("main form button[type=submit]").click()
    visitor.page.wait_for_url(f"**{role.project.get_absolute_url()}")
    visitor.check()
    role.project.refresh_from_db()
    assert role.project.website == "https://projekt.example.org/"


def test_coordinator_back_office_pages_pass_axe(visitor, demo, settings):
    sign_in(visitor, "samordnare@example.org", settings.DEMO_PASSWORD)
    for path in ["/admin/", "/admin/registry/project/", "/admin/registry/project/?q=energi", "/admin/registry/organisation/"]:
        visitor.goto(path)
    visitor.page.locator("#result_list tbody th a").first.click()
    visitor.page.wait_for_url("**/change/")
    visitor.check()
