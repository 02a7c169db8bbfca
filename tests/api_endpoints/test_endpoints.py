"""What each endpoint answers: the registry, events, knowledge and news; facets; the "no" cases."""

import datetime

import pytest

from .conftest import api

pytestmark = pytest.mark.django_db


def items(client, path, **params):
    response = client.get(api(path), params)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def case_numbers(client, **params):
    return [project["case_number"] for project in items(client, "/projects", **params)]


def test_reference_lists(client, network):
    assert items(client, "/periods") == [{"name": "2014–2020", "start_year": 2014, "end_year": 2020}]
    assert items(client, "/programmes") == [{
        "cci": "2014SE16RFOP008", "name": "Regionalfondsprogram Övre Norrland", "kind": "regional",
        "period": "2014–2020", "managing_authority": "Tillväxtverket", "area": "SE33",
    }]
    assert [(r["kind"], r["code"], r["parent"]) for r in items(client, "/regions")] == [
        ("area", "SE33", None), ("county", "25", "SE33"), ("area", "SE22", None)
    ]
    assert [r["code"] for r in items(client, "/regions", kind="county")] == ["25"]
    assert items(client, "/themes") == [
        {"code": "TO4", "name_sv": "Koldioxidsnål ekonomi", "name_en": "Low-carbon economy", "period": "2014–2020"}
    ]
    assert [(p["slug"], p["name_en"]) for p in items(client, "/portfolios")] == [
        ("fornybar-energi", "Renewable energy"), ("hallbara-transporter", "Sustainable transport")
    ]


def test_organisations_never_show_a_sole_traders_number(client, network):
    assert [(o["name"], o["org_number"]) for o in items(client, "/organisations")] == [
        ("Norrbottens energikontor", "556036-0793"), ("Elin Enskild Firma", None)
    ]
    assert [o["name"] for o in items(client, "/organisations", q="enskild")] == ["Elin Enskild Firma"]
    third = items(client, "/projects", q="Laddinfrastruktur")[0]
    assert third["owner"]["org_number"] is None


def test_project_list_newest_first_with_what_a_list_shows(client, network):
    projects = items(client, "/projects")
    assert [p["case_number"] for p in projects] == ["20200183", "20200182", "20200181"]
    first = projects[2]
    assert first["title"] == "Vätgas i Norrbotten"
    assert first["programme"] == {"cci": "2014SE16RFOP008", "name": "Regionalfondsprogram Övre Norrland"}
    assert first["portfolio"] == {"slug": "fornybar-energi", "name_sv": "Förnybar energi", "name_en": "Renewable energy"}
    assert first["area"] == {"code": "SE33", "name": "Övre Norrland", "slug": "ovre-norrland"}
    assert first["counties"] == [{"code": "25", "name": "Norrbottens län", "slug": "norrbottens-lan"}]
    assert (first["total_budget"], first["eu_funding"]) == ("10000000.00", "4000000.00")
    assert first["status"] == "finished"
    assert first["url"] == "http://testserver/api/v1/projects/20200181?programme=2014SE16RFOP008"
    assert first["page_url"] == f"http://testserver/projekt/{network['projects'][0].pk}/"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"portfolio": "hallbara-transporter"}, ["20200183"]),
        ({"area": "skane-blekinge"}, ["20200183"]),
        ({"area": "SE33"}, ["20200182", "20200181"]),
        ({"county": "25"}, ["20200182", "20200181"]),
        ({"county": "norrbottens-lan"}, ["20200182", "20200181"]),
        ({"period": "2014-2020"}, ["20200183", "20200182", "20200181"]),
        ({"programme": "2014SE16RFOP008"}, ["20200183", "20200182", "20200181"]),
        ({"theme": "TO4"}, ["20200183", "20200182", "20200181"]),
        ({"status": "finished"}, ["20200183", "20200182", "20200181"]),
        ({"status": "ongoing"}, []),
        ({"year": 2019}, ["20200182", "20200181"]),
        ({"year": 2023}, ["20200183"]),
        ({"q": "vätgas"}, ["20200181"]),
        ({"q": "20200182"}, ["20200182"]),
        ({"q": "energikontor", "portfolio": "fornybar-energi"}, ["20200182", "20200181"]),
    ],
)
def test_project_facets(client, network, params, expected):
    assert case_numbers(client, **params) == expected


def test_project_detail_with_financing(client, network):
    response = client.get(api("/projects/20200181"))
    assert response.status_code == 200
    project = response.json()
    assert project["title"] == "Vätgas i Norrbotten"
    assert project["financing"] == {
        "total_budget": "10000000.00",
        "eu_funding": "4000000.00",
        "eu_rate": "40.0",
        "paid_out": None,
        "cofinancing_public": "3000000.00",
        "cofinancing_private": "1000000.00",
        "cofinancing": [
            {"financier": "Exempelbolaget AB", "kind": "private", "amount": "1000000.00"},
            {"financier": "Region Norrbotten", "kind": "public", "amount": "3000000.00"},
        ],
    }
    assert project["municipalities"] == []


def test_paid_out_where_known_and_null_where_not(client, network):
    from decimal import Decimal

    from samverka.registry.models import Project

    Project.objects.filter(case_number="20200181").update(paid_out=Decimal("3500000"))
    projects = {p["case_number"]: p for p in items(client, "/projects")}
    assert (projects["20200181"]["paid_out"], projects["20200182"]["paid_out"]) == ("3500000.00", None)
    detail = client.get(api("/projects/20200181")).json()
    assert (detail["paid_out"], detail["financing"]["paid_out"]) == ("3500000.00", "3500000.00")
    assert client.get(api("/projects/20200182")).json()["financing"]["paid_out"] is None


def test_project_detail_by_its_programme(client, network):
    response = client.get(api("/projects/20200181"), {"programme": "2014SE16RFOP008"})
    assert response.json()["case_number"] == "20200181"


def test_project_detail_unknown_case_number_is_404(client, network):
    response = client.get(api("/projects/19990001"))
    assert response.status_code == 404
    assert response.json() == {"detail": "No project has the case number '19990001'."}


def test_project_detail_in_another_programme_is_404(client, network):
    response = client.get(api("/projects/20200181"), {"programme": "2021SE16FFPR001"})
    assert response.status_code == 404


def test_a_case_number_in_two_programmes_needs_the_programme(client, network, period, make_project):
    from samverka.registry.models import Programme

    national = Programme.objects.create(period=period, name="Nationellt regionalfondsprogram", cci="2014SE16RFOP001",
                                        kind="national")
    make_project(programme=national, case_number="20200181", title="Samma nummer, annat program")
    response = client.get(api("/projects/20200181"))
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Several programmes have a project '20200181': add ?programme=<CCI code>."
    }
    answer = client.get(api("/projects/20200181"), {"programme": "2014SE16RFOP001"}).json()
    assert answer["title"] == "Samma nummer, annat program"


def test_events_are_published_or_cancelled_and_never_carry_the_video_link(client, network):
    events = items(client, "/events")
    assert [(e["title"], e["status"]) for e in events] == [
        ("Projektledarträff i november", "published"), ("Inställt webbinarium", "cancelled")
    ]
    assert events[0]["invited_portfolios"] == ["fornybar-energi"]
    assert "video" not in str(events) and "08-123" not in str(events)
    assert set(events[0]) == {"id", "kind", "format", "status", "title", "description", "starts_at", "ends_at",
                              "place", "invited_portfolios", "page_url"}


def test_event_facets(client, network):
    assert [e["title"] for e in items(client, "/events", status="cancelled")] == ["Inställt webbinarium"]
    assert [e["title"] for e in items(client, "/events", kind="leader_meeting")] == ["Projektledarträff i november"]
    assert [e["title"] for e in items(client, "/events", portfolio="fornybar-energi")] == ["Projektledarträff i november"]
    assert [e["title"] for e in items(client, "/events", q="inställt")] == ["Inställt webbinarium"]
    year = network["event"].starts_at.year
    assert "Projektledarträff i november" in [e["title"] for e in items(client, "/events", year=year)]
    assert items(client, "/events", year=2001) == []


def test_knowledge_items_published_only(client, network):
    knowledge = items(client, "/knowledge")
    assert [k["title"] for k in knowledge] == ["Tips om spridningskonferenser"]
    assert knowledge[0]["projects"] == [{"case_number": "20200181", "programme": "2014SE16RFOP008"}]
    assert (knowledge[0]["portfolios"], knowledge[0]["tags"]) == (["fornybar-energi"], ["spridning"])
    assert items(client, "/knowledge", kind="result") == []
    assert len(items(client, "/knowledge", portfolio="fornybar-energi", language="sv")) == 1


def test_news_published_and_due_only(client, network):
    assert [n["title"] for n in items(client, "/news")] == ["Nätverket samlades i Luleå"]
    assert items(client, "/news", portfolio="hallbara-transporter") == []
    assert items(client, "/news", language="en") == []


def test_polls_are_not_in_the_api(client, network):
    from samverka.api.api import api as open_api

    paths = open_api.get_openapi_schema(path_prefix="/api/v1")["paths"]
    assert not [path for path in paths if "poll" in path]
    assert client.get(api("/polls")).status_code == 404


def test_wrong_method_is_405(client, network):
    assert client.post(api("/projects")).status_code == 405
    assert client.delete(api("/projects/20200181")).status_code == 405


def test_openapi_description(client, db):
    response = client.get(api("/openapi.json"))
    assert response.status_code == 200
    description = response.json()
    assert description["openapi"].startswith("3.")
    assert {"/api/v1/projects", "/api/v1/projects/{case_number}", "/api/v1/events", "/api/v1/news"} <= set(
        description["paths"]
    )


def test_times_are_utc_iso_8601(client, network):
    event = items(client, "/events")[0]
    assert datetime.datetime.fromisoformat(event["starts_at"]) == network["event"].starts_at.replace(microsecond=(
        network["event"].starts_at.microsecond // 1000 * 1000))


def test_text_search_reads_the_lead_of_knowledge_and_news(client, network):
    assert [k["title"] for k in items(client, "/knowledge", q="bjud in")] == ["Tips om spridningskonferenser"]
    assert [n["title"] for n in items(client, "/news", q="fyrtio")] == ["Nätverket samlades i Luleå"]
    assert [e["title"] for e in items(client, "/events", q="digitalt")] == ["Projektledarträff i november"]
