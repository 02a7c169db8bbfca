"""The map by keyboard: Tab to an area, Enter, and the project list shows that area's projects;
axe-core on the map and on the list it leads to."""

from decimal import Decimal

import pytest

from tests.browser.conftest import browser, visitor  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture
def setting(transactional_db, make_project, area, county, other_area):
    from samverka.registry.models import Region

    skane = Region.objects.create(kind="county", code="12", name="Skåne län", slug="skane-lan", parent=other_area)
    make_project(title="Vätgas i Norrbotten", eu_funding=Decimal("4000000"))
    make_project(title="Biogas i Skåne", area=other_area, counties=[skane], eu_funding=Decimal("1000000"))


def tab_to(page, selector, limit=80):
    """Press Tab until the focused element matches ``selector``; fail after ``limit`` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return page.evaluate("document.activeElement.getAttribute('aria-label')")
    pytest.fail(f"never reached {selector} by Tab")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_tab_to_an_area_and_enter_filters_the_project_list(visitor, setting, prefix):
    page = visitor.page
    visitor.goto(f"{prefix}/statistik/karta/")
    label = tab_to(page, ".sweden-map a[href*='area=skane-blekinge']")
    assert label.startswith("Skåne-Blekinge: ")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"{prefix}/projekt/?area=skane-blekinge")
    visitor.check()
    main = page.locator("main").inner_text()
    assert "Biogas i Skåne" in main and "Vätgas i Norrbotten" not in main


def test_county_map_by_keyboard(visitor, setting):
    page = visitor.page
    visitor.goto("/en/statistik/karta/")
    with page.expect_navigation():
        page.get_by_role("link", name="Counties").click()
    visitor.check()
    tab_to(page, ".sweden-map a[href*='county=norrbottens-lan']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/en/projekt/?county=norrbottens-lan")
    assert "Vätgas i Norrbotten" in page.locator("main").inner_text()


def test_legend_links_work_by_keyboard(visitor, setting):
    page = visitor.page
    visitor.goto("/en/statistik/karta/?measure=projects")
    tab_to(page, ".legend a[href*='area=ovre-norrland']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/en/projekt/?area=ovre-norrland")
