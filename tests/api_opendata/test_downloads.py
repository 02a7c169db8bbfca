"""The bulk files (CSV, JSON, GeoJSON), the DCAT-AP-SE catalogue, and the two open-data pages."""

import csv
import io
import json
import re

import pytest
from django.urls import reverse
from django.utils.translation import override

from tests.api_endpoints.conftest import EMAIL, PHONE, network, sole_trader  # noqa: F401

pytestmark = pytest.mark.django_db

CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"


def body(response) -> str:
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def download(client, name):
    response = client.get(f"/oppna-data/{name}")
    assert response["Access-Control-Allow-Origin"] == "*"
    return response, body(response)


def test_projects_as_csv(client, network):  # noqa: F811
    response, text = download(client, "projekt.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="projekt.csv"'
    assert response["Link"] == f'<{CC0}>; rel="license"'
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["case_number"] for row in rows] == ["20200181", "20200182", "20200183"]
    first = rows[0]
    assert (first["portfolio"], first["portfolio_sv"], first["portfolio_en"]) == (
        "fornybar-energi", "Förnybar energi", "Renewable energy"
    )
    assert (first["area_code"], first["county_codes"], first["counties"]) == ("SE33", "25", "Norrbottens län")
    assert (first["total_budget"], first["eu_funding"], first["status"]) == ("10000000.00", "4000000.00", "finished")
    assert first["owner_org_number"] == "556036-0793"
    assert rows[2]["owner_org_number"] == ""  # the sole trader's
    assert first["page_url"] == f"http://testserver/projekt/{network['projects'][0].pk}/"


def test_projects_as_json(client, network):  # noqa: F811
    response, text = download(client, "projekt.json")
    assert response["Content-Type"] == "application/json"
    document = json.loads(text)
    assert (document["dataset"], document["license"]) == ("projekt", CC0)
    assert document["title"] == {"sv": "Projektregistret", "en": "The project registry"}
    assert [item["case_number"] for item in document["items"]] == ["20200181", "20200182", "20200183"]
    assert document["items"][0]["total_budget"] == "10000000.00"
    assert document["items"][2]["owner_org_number"] == ""


def test_projects_as_geojson(client, network):  # noqa: F811
    response, text = download(client, "projekt.geojson")
    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(text)
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert [f["properties"]["case_number"] for f in features] == ["20200181", "20200182", "20200183"]
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [19.9, 66.0]}  # Övre Norrland
    assert features[2]["geometry"] == {"type": "Point", "coordinates": [13.6, 55.9]}  # Skåne-Blekinge


def test_a_project_without_a_programme_area_has_no_geometry(client, network, make_project):  # noqa: F811
    make_project(title="Nationellt projekt", area=None, counties=[])
    features = json.loads(download(client, "projekt.geojson")[1])["features"]
    assert features[-1]["geometry"] is None


def test_financing(client, network):  # noqa: F811
    rows = list(csv.DictReader(io.StringIO(download(client, "finansiering.csv")[1])))
    assert rows[0] == {
        "case_number": "20200181", "programme_cci": "2014SE16RFOP008", "total_budget": "10000000.00",
        "eu_funding": "4000000.00", "eu_rate": "40.0", "cofinancing_public": "3000000.00",
        "cofinancing_private": "1000000.00", "cofinancing_unspecified": "2000000.00", "paid_out": "",
    }
    document = json.loads(download(client, "finansiering.json")[1])
    assert document["items"][1]["cofinancing_public"] == "0.00"
    assert document["items"][0]["paid_out"] is None


def test_financing_with_an_amount_paid_out(client, network):  # noqa: F811
    from decimal import Decimal

    from samverka.registry.models import Project

    Project.objects.filter(case_number="20200182").update(paid_out=Decimal("1250000"))
    rows = list(csv.DictReader(io.StringIO(download(client, "finansiering.csv")[1])))
    assert [row["paid_out"] for row in rows] == ["", "1250000.00", ""]
    document = json.loads(download(client, "finansiering.json")[1])
    assert [item["paid_out"] for item in document["items"]] == [None, "1250000.00", None]


def test_indicator_values(client, network):  # noqa: F811
    rows = list(csv.DictReader(io.StringIO(download(client, "indikatorer.csv")[1])))
    assert [(r["case_number"], r["indicator"], r["kind"], r["value"]) for r in rows] == [
        ("20200181", "CO34", "target", "500.000"),
        ("20200181", "CO34", "achieved", "320.000"),
        ("20200182", "CO01", "achieved", "12.000"),
    ]
    assert (rows[0]["indicator_en"], rows[0]["unit_sv"], rows[0]["reference_date"]) == (
        "GHG emissions reduced", "ton CO2-ekvivalenter", "2019-01-01"
    )
    document = json.loads(download(client, "indikatorer.json")[1])
    assert [item["value"] for item in document["items"]] == ["500.000", "320.000", "12.000"]


def test_no_personal_data_in_any_file(client, network):  # noqa: F811
    for name in ["projekt.csv", "projekt.json", "projekt.geojson", "finansiering.csv", "finansiering.json",
                 "indikatorer.csv", "indikatorer.json"]:
        text = download(client, name)[1]
        assert not re.search(EMAIL, text), name
        assert not re.search(PHONE, text), name
        assert "640123-4561" not in text


def test_the_licence_is_configurable(client, network, settings):  # noqa: F811
    settings.OPEN_DATA_LICENSE = "https://data.norge.no/nlod/no/2.0"
    document = json.loads(download(client, "projekt.json")[1])
    assert document["license"] == "https://data.norge.no/nlod/no/2.0"


@pytest.mark.parametrize("name", ["finansiering.geojson", "indikatorer.geojson", "personer.csv", "projekt.xlsx"])
def test_unknown_files_are_404(client, db, name):
    assert client.get(f"/oppna-data/{name}").status_code == 404


def test_downloads_are_get_only(client, db):
    assert client.post("/oppna-data/projekt.csv").status_code == 405


def test_queries_per_file_do_not_grow_with_rows(client, network, make_project, django_assert_num_queries):  # noqa: F811
    with django_assert_num_queries(2):  # the projects, their counties (per 2000 projects)
        body(client.get("/oppna-data/projekt.csv"))
    for n in range(10):
        make_project(title=f"Fler {n}")
    with django_assert_num_queries(2):
        body(client.get("/oppna-data/projekt.csv"))


def graph(client):
    response = client.get(reverse("opendata_catalogue"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def nodes_of(document, kind):
    return [node for node in document["@graph"] if node["@type"] == kind]


def test_catalogue_describes_each_dataset_and_file(client, network, settings):  # noqa: F811
    settings.OPEN_DATA_PUBLISHER = "Nätverkskansliet"
    document = graph(client)
    assert document["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    [catalogue] = nodes_of(document, "dcat:Catalog")
    assert {"@value": "Open data from Samverka", "@language": "en"} in catalogue["dcterms:title"]
    assert catalogue["dcterms:license"] == {"@id": CC0}
    datasets = nodes_of(document, "dcat:Dataset")
    assert [d["@id"] for d in datasets] == ["http://testserver/oppna-data/#projekt",
                                            "http://testserver/oppna-data/#finansiering",
                                            "http://testserver/oppna-data/#indikatorer"]
    registry = datasets[0]
    assert registry["dcterms:title"] == [{"@value": "Projektregistret", "@language": "sv"},
                                         {"@value": "The project registry", "@language": "en"}]
    assert registry["dcterms:modified"]["@type"] == "xsd:date"
    distributions = {d["@id"]: d for d in nodes_of(document, "dcat:Distribution")}
    assert len(distributions) == 7
    csv_file = distributions["http://testserver/oppna-data/projekt.csv#distribution"]
    assert csv_file["dcat:downloadURL"] == {"@id": "http://testserver/oppna-data/projekt.csv"}
    assert csv_file["dcat:accessURL"] == {"@id": "http://testserver/oppna-data/"}
    assert csv_file["dcterms:format"] == {"@id": "http://publications.europa.eu/resource/authority/file-type/CSV"}
    assert csv_file["dcterms:license"] == {"@id": CC0}
    [publisher] = nodes_of(document, "foaf:Agent")
    assert publisher["foaf:name"] == "Nätverkskansliet"
    [service] = nodes_of(document, "dcat:DataService")
    assert service["dcat:endpointDescription"] == {"@id": "http://testserver/api/v1/openapi.json"}
    # Every file the catalogue names is there.
    for url in distributions:
        path = url.removeprefix("http://testserver").removesuffix("#distribution")
        assert client.get(path).status_code == 200, path


def test_catalogue_contact_point_when_configured(client, network, settings):  # noqa: F811
    assert not nodes_of(graph(client), "vcard:Organization")
    settings.OPEN_DATA_CONTACT_EMAIL = "oppnadata@example.org"
    [contact] = nodes_of(graph(client), "vcard:Organization")
    assert contact["vcard:hasEmail"] == {"@id": "mailto:oppnadata@example.org"}
    assert nodes_of(graph(client), "dcat:Dataset")[0]["dcat:contactPoint"] == {"@id": contact["@id"]}


def test_catalogue_as_turtle(client, network):  # noqa: F811
    response = client.get(reverse("opendata_catalogue_turtle"))
    assert response["Content-Type"] == "text/turtle; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("@prefix dcat: <http://www.w3.org/ns/dcat#> .")
    assert "<http://testserver/oppna-data/#projekt>\n    a dcat:Dataset ;" in text
    assert 'dcterms:title "Projektregistret"@sv, "The project registry"@en ;' in text
    assert "dcat:downloadURL <http://testserver/oppna-data/projekt.csv> ;" in text


def test_catalogue_queries(client, network, django_assert_num_queries):  # noqa: F811
    with django_assert_num_queries(3):  # the modification date of each dataset
        graph(client)


def test_open_data_page(client, network, django_assert_num_queries):  # noqa: F811
    with django_assert_num_queries(0):
        response = client.get("/oppna-data/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1>") == 1
    assert 'href="/oppna-data/projekt.csv"' in html and 'href="/oppna-data/projekt.geojson"' in html
    assert f'href="{CC0}"' in html
    assert 'href="/oppna-data/katalog.jsonld"' in html


def test_open_data_page_in_english(client, db):
    with override("en"):
        url = reverse("opendata_page")
    html = client.get(url).content.decode()
    assert url == "/en/oppna-data/"
    assert "<h1>Open data</h1>" in html
    assert "The project registry" in html
    assert "dedicated to the public domain" in html
    assert "Each address may make 300 requests in 60 seconds" in html


def test_open_data_page_with_another_licence(client, db, settings):
    settings.OPEN_DATA_LICENSE = "https://data.norge.no/nlod/no/2.0"
    with override("en"):
        html = client.get(reverse("opendata_page")).content.decode()
    assert "published under the licence at" in html


def test_footer_links_the_open_data_page(client, db):
    assert 'href="/oppna-data/"' in client.get("/").content.decode()


def test_api_docs_page(client, db, django_assert_num_queries):
    with override("en"):
        url = reverse("opendata_api_docs")
    with django_assert_num_queries(0):
        response = client.get(url)
    html = response.content.decode()
    assert html.count("<h1>") == 1
    assert '<h2 id="list_projects"><code>GET /api/v1/projects</code></h2>' in html
    assert "<code>limit (query)</code></th><td>integer, 1–500</td>" in html
    assert '<td><a href="#schema-IndicatorSumOut">list of IndicatorSumOut</a></td>' in html
    assert '<h3 id="schema-ProjectDetailOut">ProjectDetailOut</h3>' in html


def test_ninja_docs_address_leads_to_the_docs_page(client, db):
    response = client.get("/api/v1/docs")
    assert (response.status_code, response["Location"]) == (302, "/oppna-data/api/")


def test_pages_are_get_only(client, db):
    assert client.post("/oppna-data/").status_code == 405
    assert client.post("/oppna-data/api/").status_code == 405
