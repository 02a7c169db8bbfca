from decimal import Decimal

import pytest

from samverka.registry.models import Region

pytestmark = pytest.mark.django_db


def test_portfolio_page(client, portfolio, make_project, other_portfolio):
    portfolio.description = "Sol, vind och vätgas."
    portfolio.save()
    make_project(title="Solceller i Kiruna", eu_funding=Decimal("1000000"))
    make_project(title="Vindkraft i Piteå", eu_funding=Decimal("2500000"))
    make_project(title="Elbussar", portfolio=other_portfolio)

    response = client.get("/portfoljer/fornybar-energi/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Förnybar energi</h1>" in html
    assert "Sol, vind och vätgas." in html
    assert "<dd>2</dd>" in html
    assert "3\xa0500\xa0000\xa0kr" in html
    assert "Solceller i Kiruna" in html and "Elbussar" not in html
    assert 'href="/projekt/?portfolio=fornybar-energi"' in html


def test_portfolio_page_in_english(client, portfolio):
    portfolio.description_en = "Sun, wind and hydrogen."
    portfolio.save()

    html = client.get("/en/portfoljer/fornybar-energi/").content.decode()

    assert "<h1>Renewable energy</h1>" in html
    assert "Sun, wind and hydrogen." in html


def test_missing_portfolio_is_404(client, db):
    assert client.get("/portfoljer/finns-inte/").status_code == 404


def test_portfolio_refuses_post(client, portfolio):
    assert client.post("/portfoljer/fornybar-energi/").status_code == 405


def test_programme_area_page_lists_its_counties_and_projects(client, area, county, make_project, other_area):
    Region.objects.create(kind="county", code="24", name="Västerbottens län", slug="vasterbottens-lan", parent=area)
    make_project(title="Vätgas i Norrbotten")
    make_project(title="Skånsk solenergi", area=other_area, counties=[])

    response = client.get("/omraden/ovre-norrland/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Övre Norrland</h1>" in html
    assert 'href="/omraden/norrbottens-lan/"' in html and "Västerbottens län" in html
    assert "Vätgas i Norrbotten" in html and "Skånsk solenergi" not in html
    assert 'href="/projekt/?area=ovre-norrland"' in html


def test_county_page_lists_its_projects(client, county, make_project, other_area):
    make_project(title="Vätgas i Norrbotten")
    make_project(title="Skånsk solenergi", area=other_area, counties=[])

    html = client.get("/omraden/norrbottens-lan/").content.decode()

    assert "<h1>Norrbottens län</h1>" in html
    assert 'href="/omraden/ovre-norrland/"' in html  # the programme area it belongs to
    assert "Vätgas i Norrbotten" in html and "Skånsk solenergi" not in html
    assert 'href="/projekt/?county=norrbottens-lan"' in html


def test_missing_region_is_404(client, db):
    assert client.get("/omraden/finns-inte/").status_code == 404


def test_region_refuses_post(client, area):
    assert client.post("/omraden/ovre-norrland/").status_code == 405


@pytest.mark.parametrize("number", [3, 300])
def test_portfolio_query_count_does_not_grow(client, bulk_projects, django_assert_num_queries, number):
    bulk_projects(number)

    # the portfolio, its totals, its first projects
    with django_assert_num_queries(3):
        assert client.get("/portfoljer/fornybar-energi/").status_code == 200


@pytest.mark.parametrize("number", [3, 300])
def test_area_query_count_does_not_grow(client, bulk_projects, django_assert_num_queries, number):
    bulk_projects(number)

    # the area, its totals, its counties, its first projects
    with django_assert_num_queries(4):
        assert client.get("/omraden/ovre-norrland/").status_code == 200


@pytest.mark.parametrize("number", [3, 300])
def test_county_query_count_does_not_grow(client, bulk_projects, django_assert_num_queries, number):
    bulk_projects(number)

    # the county, its totals, its first projects
    with django_assert_num_queries(3):
        assert client.get("/omraden/norrbottens-lan/").status_code == 200
