"""Every bad input answers 400 or 422 with a clear message, never a 500: one short test each."""

import pytest

from .conftest import api

pytestmark = pytest.mark.django_db


def refused(client, path, code, **params):
    response = client.get(api(path), params)
    assert response.status_code == code, response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()["detail"]


def test_limit_zero(client, network):
    assert refused(client, "/projects", 422, limit=0) == "limit: Input should be greater than or equal to 1"


def test_limit_negative(client, network):
    assert refused(client, "/projects", 422, limit=-5) == "limit: Input should be greater than or equal to 1"


def test_limit_too_large(client, network):
    assert refused(client, "/projects", 422, limit=501) == "limit: Input should be less than or equal to 500"


def test_limit_huge(client, network):
    assert refused(client, "/projects", 422, limit="9" * 40) == "limit: Input should be less than or equal to 500"


def test_limit_not_a_number(client, network):
    assert refused(client, "/projects", 422, limit="many") == (
        "limit: Input should be a valid integer, unable to parse string as an integer"
    )


def test_unknown_portfolio(client, network):
    assert refused(client, "/projects", 400, portfolio="rymdfart") == (
        "Unknown portfolio (give its slug, see /api/v1/portfolios) 'rymdfart'."
    )


def test_unknown_area(client, network):
    assert refused(client, "/projects", 400, area="SE99") == (
        "Unknown programme area (give its slug or NUTS code, see /api/v1/regions) 'SE99'."
    )


def test_a_county_is_not_an_area(client, network):
    assert refused(client, "/projects", 400, area="25").startswith("Unknown programme area")


def test_unknown_county(client, network):
    assert refused(client, "/projects", 400, county="99") == (
        "Unknown county (give its slug or two-digit code, see /api/v1/regions) '99'."
    )


def test_unknown_period(client, network):
    assert refused(client, "/projects", 400, period="1995-1999") == (
        "Unknown programme period (e.g. 2014-2020, see /api/v1/periods) '1995-1999'."
    )


def test_unknown_programme(client, network):
    assert refused(client, "/projects", 400, programme="XX") == (
        "Unknown programme (give its CCI code, see /api/v1/programmes) 'XX'."
    )


def test_unknown_theme(client, network):
    assert refused(client, "/projects", 400, theme="TO9") == (
        "Unknown thematic objective (give its code, e.g. TO4 or PO2, see /api/v1/themes) 'TO9'."
    )


def test_unknown_status(client, network):
    assert refused(client, "/projects", 422, status="paused") == (
        "status: Input should be 'planned', 'ongoing', 'finished' or 'cancelled'"
    )


def test_year_out_of_range(client, network):
    assert refused(client, "/projects", 422, year=1800) == "year: Input should be greater than or equal to 1990"


def test_empty_text(client, network):
    assert refused(client, "/projects", 422, q="") == "q: String should have at least 1 character"


def test_text_too_long(client, network):
    assert refused(client, "/projects", 422, q="x" * 201) == "q: String should have at most 200 characters"


def test_unknown_parameter(client, network):
    assert refused(client, "/projects", 400, portfoli="fornybar-energi") == (
        "Unknown parameter 'portfoli'; this endpoint takes: area, county, cursor, limit, period, portfolio, "
        "programme, q, status, theme, year."
    )


def test_unknown_parameter_on_a_detail(client, network):
    assert refused(client, "/projects/20200181", 400, limit=5) == (
        "Unknown parameter 'limit'; this endpoint takes: programme."
    )


def test_event_kind_unknown(client, network):
    assert refused(client, "/events", 422, kind="party").startswith("kind: Input should be 'leader_meeting'")


def test_event_status_draft_is_not_a_choice(client, network):
    assert refused(client, "/events", 422, status="draft") == "status: Input should be 'published' or 'cancelled'"


def test_region_kind_municipality_is_not_offered(client, network):
    assert refused(client, "/regions", 422, kind="municipality") == "kind: Input should be 'area' or 'county'"


def test_knowledge_language_unknown(client, network):
    assert refused(client, "/knowledge", 422, language="de") == "language: Input should be 'sv' or 'en'"
