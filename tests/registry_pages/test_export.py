import csv
import io
import json
from decimal import Decimal

import openpyxl
import pytest

from samverka.registry.models import CoFinancing, ProjectRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(project_a, project_b, leader_a, make_project, other_portfolio):
    """Two projects in Förnybar energi (one with a leader and a co-financier) and one in Hållbara transporter."""
    CoFinancing.objects.create(project=project_a, financier="Region Norrbotten", amount=Decimal("6000000"))
    make_project(title="Elbussar i Luleå", portfolio=other_portfolio, eu_funding=Decimal("1234567.50"))
    assert ProjectRole.objects.filter(person=leader_a).exists()
    return project_a


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_csv_parses_back_with_every_column(client, exported):
    from django.utils.translation import gettext, override

    response = client.get("/projekt/export.csv")
    with override("sv"):
        paid_out = gettext("Paid out (SEK)")  # the Swedish heading, once the catalogue has it

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="projekt-')
    rows = list(csv.DictReader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert len(rows) == 3
    row = next(row for row in rows if row["Ärende-ID"] == "20200181")
    assert row == {
        "Ärende-ID": "20200181",
        "Titel": "Vätgas i Norrbotten",
        "Projektägare": "Norrbottens energikontor",
        "Organisationsnummer": "556036-0793",
        "Program": "Regionalfondsprogram Övre Norrland",
        "CCI-kod": "2014SE16RFOP008",
        "Programperiod": "2014–2020",
        "Programområde": "Övre Norrland",
        "Län": "Norrbottens län",
        "Projektportfölj": "Förnybar energi",
        "Tematiskt mål": "TO4 Koldioxidsnål ekonomi",
        "Startdatum": "2019-01-01",
        "Slutdatum": "2022-12-31",
        "Total budget (kr)": "10000000.00",
        "EU-stöd (kr)": "4000000.00",
        "EU-andel (%)": "40.0",
        paid_out: "",
        "Status": "avslutat",
        "Webbplats": "",
        "Adress i projektregistret": f"http://testserver/projekt/{exported.pk}/",
    }


def test_csv_keeps_the_filters(client, exported):
    rows = list(csv.reader(io.StringIO(body(client.get("/projekt/export.csv?portfolio=hallbara-transporter")).decode("utf-8-sig"))))

    assert [row[1] for row in rows[1:]] == ["Elbussar i Luleå"]


def test_csv_with_an_invalid_filter_uses_the_valid_ones(client, exported):
    rows = list(csv.reader(io.StringIO(body(client.get("/projekt/export.csv?portfolio=hallbara-transporter&status=x")).decode("utf-8-sig"))))

    assert [row[1] for row in rows[1:]] == ["Elbussar i Luleå"]


def test_json_parses_back_with_exact_amounts(client, exported):
    response = client.get("/projekt/export.json?portfolio=hallbara-transporter")

    assert response["Content-Type"] == "application/json"
    data = json.loads(body(response))
    assert len(data["projects"]) == 1
    project = data["projects"][0]
    assert project["eu_funding"] == "1234567.50"
    assert project["total_budget"] == "10000000.00"
    assert project["eu_rate"] == "12.3"
    assert project["start_date"] == "2019-01-01"
    assert project["status"] == "finished"
    assert project["counties"] == "Norrbottens län"


def test_json_of_nothing_is_an_empty_list(client, exported):
    assert json.loads(body(client.get("/projekt/export.json?q=finns-inte"))) == {"projects": []}


def test_xlsx_parses_back(client, exported):
    response = client.get("/projekt/export.xlsx")

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = openpyxl.load_workbook(io.BytesIO(body(response)), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Ärende-ID", "Titel", "Projektägare")
    assert len(rows) == 4
    luleå = next(row for row in rows if row[1] == "Elbussar i Luleå")
    assert Decimal(str(luleå[14])) == Decimal("1234567.50")
    assert luleå[11].date().isoformat() == "2019-01-01"


def test_english_export_has_english_headings(client, exported):
    rows = list(csv.reader(io.StringIO(body(client.get("/en/projekt/export.csv")).decode("utf-8-sig"))))

    assert rows[0][:3] == ["Case number", "Title", "Project owner"]
    assert rows[1][-1].startswith("http://testserver/en/projekt/")


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_exports_hold_no_personal_data(client, exported, leader_a, fmt):
    content = body(client.get(f"/projekt/export.{fmt}"))
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).active
        content = "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row).encode()

    assert b"@" not in content
    assert leader_a.name.encode() not in content


def test_unknown_format_is_404(client, db):
    assert client.get("/projekt/export.pdf").status_code == 404


def test_export_refuses_post(client, db):
    assert client.post("/projekt/export.csv").status_code == 405


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
@pytest.mark.parametrize("number", [3, 300])
def test_export_query_count_does_not_grow(client, bulk_projects, django_assert_num_queries, number, fmt):
    bulk_projects(number)

    # the projects with their programme, owner, portfolio and area; their counties
    with django_assert_num_queries(2):
        response = client.get(f"/projekt/export.{fmt}")
        content = body(response)
    assert content


def test_a_sole_traders_personal_identity_number_is_never_published(client, make_project):
    from samverka.registry.models import Organisation

    # A sole trader's organisation number is the owner's personal identity number (month 12 here).
    sole_trader = Organisation.objects.create(name="Exempelssons Solel", org_number="811218-9876")
    project = make_project(title="Solel på gården", owner=sole_trader)

    page = client.get(project.get_absolute_url()).content.decode()
    assert "Exempelssons Solel" in page
    assert "811218" not in page
    for fmt in ("csv", "json"):
        response = client.get(f"/projekt/export.{fmt}")
        body = b"".join(response.streaming_content).decode()
        assert "Exempelssons Solel" in body
        assert "811218" not in body


def test_exports_carry_the_amount_paid_out_where_known(client, exported):
    exported.paid_out = Decimal("3500000.50")
    exported.save()
    rows = list(csv.DictReader(io.StringIO(body(client.get("/en/projekt/export.csv")).decode("utf-8-sig"))))
    assert sorted(row["Paid out (SEK)"] for row in rows) == ["", "", "3500000.50"]

    projects = json.loads(body(client.get("/projekt/export.json")))["projects"]
    paid_out = {p["case_number"]: p["paid_out"] for p in projects}
    assert paid_out.pop("20200181") == "3500000.50"
    assert list(paid_out.values()) == [None, None]

    sheet = openpyxl.load_workbook(io.BytesIO(body(client.get("/en/projekt/export.xlsx"))), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index("Paid out (SEK)")
    assert sorted(str(row[column]) for row in rows[1:]) == ["3500000.5", "None", "None"]
