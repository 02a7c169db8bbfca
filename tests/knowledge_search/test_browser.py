"""Search in Chromium: from the header's box, filter by a facet; axe-core on the page in both languages."""

import pytest

from tests.browser.conftest import browser, visitor  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture
def findable(transactional_db, make_project, make_item):
    # Saved outside a test transaction: the signal handlers index them on commit.
    from samverka.knowledge.models import KnowledgeItem

    make_project(title="Laddstolpar längs E4", summary="Snabbladdning för tunga transporter.")
    make_item(title="Tips: laddstolpe vid gården", kind=KnowledgeItem.Kind.TIP)
    make_item(title="Charging stations for lorries", lead="Laddstolpar in English.", language="en",
              kind=KnowledgeItem.Kind.RESULT)


def test_search_from_the_header_and_filter_by_kind(visitor, findable):
    page = visitor.page
    visitor.goto("/en/")
    page.get_by_label("Search the site").fill("laddstolpar")
    with page.expect_navigation():
        page.get_by_label("Search the site").press("Enter")
    visitor.check()
    assert page.get_by_role("heading", level=1).inner_text() == "Search"
    assert page.get_by_role("heading", name="3 results").is_visible()
    assert page.locator("mark").first.is_visible()

    page.get_by_role("checkbox", name="Tip (1)").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Show the results").click()
    visitor.check()
    assert page.get_by_role("heading", name="1 result").is_visible()
    assert page.get_by_role("link", name="Tips: laddstolpe vid gården").is_visible()
    assert page.get_by_label("Search for").input_value() == "laddstolpar"


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_search_page_passes_axe_in_both_languages(visitor, findable, prefix):
    visitor.goto(f"{prefix}/sok/")
    visitor.goto(f"{prefix}/sok/?q=laddstolpar")
    visitor.goto(f"{prefix}/sok/?q=" + "x" * 300)  # the error next to the field
    visitor.goto(f"{prefix}/sok/?q=vindkraft")  # nothing found
