from decimal import Decimal

import pytest

from samverka.pages.models import Page

pytestmark = pytest.mark.django_db


def test_home_lists_portfolios_with_counts_and_funding(client, make_project, portfolio, other_portfolio):
    make_project(eu_funding=Decimal("1234567"))
    make_project(eu_funding=Decimal("1000000"))

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Förnybar energi" in html
    assert "2 projekt" in html
    assert "2\xa0234\xa0567\xa0kr" in html
    assert "Hållbara transporter" in html and "0 projekt" in html
    assert 'href="/projekt/"' in html


def test_home_links_to_regions(client, area, county):
    html = client.get("/").content.decode()

    assert 'href="/omraden/ovre-norrland/"' in html
    assert 'href="/omraden/norrbottens-lan/"' in html


def test_home_links_to_about_page_only_when_it_exists(client, db):
    assert "Mer om nätverket" not in client.get("/").content.decode()

    Page.objects.create(slug="om", title="Om nätverket", body="Text")

    assert "Mer om nätverket" in client.get("/").content.decode()


def test_home_in_english(client, portfolio, make_project):
    make_project()

    html = client.get("/en/").content.decode()

    assert "Renewable energy" in html
    assert "1 project" in html


def test_home_refuses_post(client, db):
    assert client.post("/").status_code == 405


@pytest.mark.parametrize("number", [3, 300])
def test_home_query_count_does_not_grow(client, bulk_projects, other_portfolio, django_assert_num_queries, number):
    bulk_projects(number)

    # portfolios with their totals, regions, the about page
    with django_assert_num_queries(3):
        assert client.get("/").status_code == 200
