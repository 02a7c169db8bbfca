"""The open-data page and the API documentation in Chromium, with axe-core, in both languages."""

import pytest

from tests.browser.conftest import browser, visitor  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def data(make_project):
    make_project(title="Vätgas i Norrbotten")


@pytest.mark.parametrize("path", ["/oppna-data/", "/en/oppna-data/", "/oppna-data/api/", "/en/oppna-data/api/"])
def test_pages_pass_axe(visitor, data, path):  # noqa: F811
    visitor.goto(path)
    assert visitor.page.locator("h1").count() == 1


def test_from_the_footer_to_a_file(visitor, data):  # noqa: F811
    visitor.goto("/en/")
    with visitor.page.expect_navigation():
        visitor.page.locator("footer").get_by_role("link", name="Open data").click()
    assert visitor.page.url.endswith("/en/oppna-data/")
    with visitor.page.expect_download() as download:
        visitor.page.get_by_role("link", name="CSV – The project registry").click()
    assert download.value.suggested_filename == "projekt.csv"
    with visitor.page.expect_navigation():
        visitor.page.get_by_role("link", name="API documentation").click()
    visitor.check()
    with visitor.page.expect_navigation():
        visitor.page.get_by_role("link", name="GET /api/v1/projects/{case_number}").click()
    assert visitor.page.url.endswith("#get_project")
