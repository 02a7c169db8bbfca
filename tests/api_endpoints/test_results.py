"""Indicators, approved indicator values and the statistics' totals in the API."""

import pytest

from .conftest import api

pytestmark = pytest.mark.django_db


def get(client, path, **params):
    response = client.get(api(path), params)
    assert response.status_code == 200, response.content
    return response.json()


def test_indicators(client, network):
    indicators = get(client, "/indicators")["items"]
    assert [i["code"] for i in indicators] == ["CO34", "CO01"]
    assert indicators[0] == {
        "code": "CO34", "name_sv": "Minskade växthusgasutsläpp", "name_en": "GHG emissions reduced",
        "unit_sv": "ton CO2-ekvivalenter", "unit_en": "tonnes of CO2eq", "kind": "output", "period": "2014-2020",
        "programme_specific": False, "programme": None,
    }
    assert get(client, "/indicators", period="2021-2027")["items"] == []


def test_only_approved_values(client, network):
    values = get(client, "/indicator-values")["items"]
    assert [(v["project"]["case_number"], v["indicator"], v["kind"], v["value"]) for v in values] == [
        ("20200181", "CO34", "target", "500.000"),
        ("20200181", "CO34", "achieved", "320.000"),
        ("20200182", "CO01", "achieved", "12.000"),
    ]
    assert values[2]["breakdown"] == {"size": {"small": 12}}
    assert set(values[0]) == {"id", "project", "indicator", "kind", "phase", "value", "reference_date", "breakdown"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"indicator": "CO01"}, ["12.000"]),
        ({"project": "20200181", "kind": "achieved"}, ["320.000"]),
        ({"portfolio": "fornybar-energi", "year": 2019}, ["500.000"]),
        ({"county": "25", "phase": "follow_up"}, []),
        ({"area": "SE22"}, []),
        ({"programme": "2014SE16RFOP008"}, ["500.000", "320.000", "12.000"]),
    ],
)
def test_value_facets(client, network, params, expected):
    assert [v["value"] for v in get(client, "/indicator-values", **params)["items"]] == expected


def test_unknown_portfolio_for_values(client, network):
    response = client.get(api("/indicator-values"), {"portfolio": "rymdfart"})
    assert response.status_code == 400
    assert response.json() == {"detail": "Unknown portfolio (give its slug, see /api/v1/portfolios) 'rymdfart'."}


def test_funding_totals(client, network):
    funding = get(client, "/statistics/funding")
    assert funding["currency"] == "SEK"
    assert {key: value for key, value in funding["total"].items() if key != "name"} == {
        "slug": "", "code": "", "projects": 3, "total_budget": "30000000.00", "eu_funding": "12000000.00",
        "paid_out": None, "paid_out_known": 0,
        "cofinancing_public": "3000000.00", "cofinancing_private": "1000000.00",
    }
    portfolios = {row["slug"]: row for row in funding["portfolio"]}
    assert (portfolios["fornybar-energi"]["projects"], portfolios["hallbara-transporter"]["projects"]) == (2, 1)
    assert [(row["code"], row["projects"]) for row in funding["area"]] == [("SE22", 1), ("SE33", 2)]
    assert [(row["code"], row["projects"]) for row in funding["county"]] == [("25", 2)]


def test_funding_in_euros(client, network, settings):
    from decimal import Decimal

    settings.EUR_RATE = Decimal("10.00")
    funding = get(client, "/statistics/funding", currency="EUR")
    assert (funding["currency"], funding["eur_rate"]) == ("EUR", "10.00")
    assert funding["total"]["eu_funding"] == "1200000.00"


def test_funding_paid_out_sums_the_known_amounts(client, network, settings):
    from decimal import Decimal

    from samverka.registry.models import Project

    Project.objects.filter(case_number="20200181").update(paid_out=Decimal("3000000.50"))
    Project.objects.filter(case_number="20200183").update(paid_out=Decimal("0"))
    funding = get(client, "/statistics/funding")
    assert (funding["total"]["paid_out"], funding["total"]["paid_out_known"]) == ("3000000.50", 2)
    portfolios = {row["slug"]: row for row in funding["portfolio"]}
    assert (portfolios["fornybar-energi"]["paid_out"], portfolios["fornybar-energi"]["paid_out_known"]) == (
        "3000000.50", 1
    )
    assert (portfolios["hallbara-transporter"]["paid_out"], portfolios["hallbara-transporter"]["paid_out_known"]) == (
        "0.00", 1
    )
    areas = {row["code"]: row for row in funding["area"]}
    assert areas["SE33"]["paid_out"] == "3000000.50"
    settings.EUR_RATE = Decimal("10.00")
    assert get(client, "/statistics/funding", currency="EUR")["total"]["paid_out"] == "300000.05"


def test_indicator_sums_by_portfolio(client, network):
    rows = get(client, "/statistics/indicators")
    co34 = [row for row in rows if row["code"] == "CO34"]
    assert [(r["group_slug"], r["target"], r["achieved"], r["share_of_target"], r["projects"]) for r in co34] == [
        ("fornybar-energi", "500.000", "320.000", "64.0", 1)
    ]


def test_indicator_sums_by_programme(client, network):
    rows = get(client, "/statistics/indicators", by="programme")
    assert {row["code"] for row in rows} == {"CO34", "CO01"}


def test_bad_grouping(client, network):
    response = client.get(api("/statistics/indicators"), {"by": "county"})
    assert response.status_code == 422
    assert response.json() == {"detail": "by: Input should be 'portfolio' or 'programme'"}


def test_bad_currency(client, network):
    response = client.get(api("/statistics/funding"), {"currency": "USD"})
    assert response.status_code == 422
    assert response.json() == {"detail": "currency: Input should be 'SEK' or 'EUR'"}
