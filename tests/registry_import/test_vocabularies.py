"""Each vocabulary of headings, in every encoding and separator, as CSV and as XLSX."""

import datetime
from decimal import Decimal

import pytest

from samverka.registry.models import Project

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_project_bank_csv_in_each_encoding_and_separator(registry, portfolio, county, files, encoding, delimiter):
    data = files.csv(files.table([files.bank_row()], files.BANK_HEADER), encoding=encoding, delimiter=delimiter)

    outcome = files.run(data)

    assert files.messages(outcome) == []
    assert outcome.counts == {"created": 1, "updated": 0, "unchanged": 0}
    project = Project.objects.get()
    assert project.programme == registry
    assert project.case_number == "20200181"
    assert project.title == "Vätgas i Norrbotten"
    assert project.owner.name == "Luleå tekniska universitet"
    assert project.owner.org_number == "202100-2841"
    assert project.total_budget == Decimal("10000000.00")
    assert project.eu_funding == Decimal("4000000.00")
    assert project.portfolio == portfolio
    assert project.area == registry.area
    assert list(project.counties.all()) == [county]
    assert [m.name for m in project.municipalities.all()] == ["Luleå"]
    assert project.municipalities.get().parent == county
    assert sorted((line.kind, line.amount) for line in project.cofinancing.all()) == [
        ("private", Decimal("1000000.00")),
        ("public", Decimal("5000000.00")),
    ]


def test_project_bank_xlsx_with_typed_cells(registry, portfolio, files):
    row = files.bank_row(
        **{
            "Ärende-ID": 20200181,
            "Beviljat belopp": 4000000.5,
            "Total budget": 10000000,
            "Projektstart": datetime.datetime(2019, 1, 1),
            "Projektslut": datetime.date(2021, 12, 31),
        }
    )
    outcome = files.run(files.xlsx(files.table([row], files.BANK_HEADER)))

    assert files.messages(outcome) == []
    project = Project.objects.get()
    assert project.case_number == "20200181"
    assert project.eu_funding == Decimal("4000000.50")
    assert project.start_date == datetime.date(2019, 1, 1)
    assert project.end_date == datetime.date(2021, 12, 31)


def test_project_bank_alternative_headings(registry, files):
    header = ["ÄRENDE-ID", " stödmottagare ", "Projektnamn", "Beviljat belopp", "Total finansiering",
              "Startdatum", "Slutdatum", "Programområde"]
    rows = [header, ["20200181", "Piteå kommun", "Solel i Piteå", "400 000", "1 000 000", "2020-01-01", "2020-12-31",
                     "Övre Norrland"]]
    outcome = files.run(files.csv(rows, delimiter=","))

    assert files.messages(outcome) == []
    assert Project.objects.get().total_budget == Decimal("1000000.00")


EU_HEADER = [
    "Operation code", "Beneficiary name", "Operation name", "Operation summary", "Operation start date",
    "Operation end date", "Total eligible expenditure allocated to the operation",
    "Union co-financing rate, as per priority axis", "Operation postcode; or other appropriate location indicator",
    "Country", "Name of category of intervention for the operation", "Date of last update of the list of operations",
]
EU_ROW = ["20200190", "Umeå universitet", "Smarta elnät", "Elnät som styr sig själva.", "2018-03-01", "2020-02-29",
          "2 500 000", "50 %", "901 87", "Sverige", "Smart energy distribution", "2021-06-30"]


@pytest.mark.parametrize("build", ["csv", "xlsx"])
def test_eu_list_of_operations_with_a_programme_for_the_file(registry, files, build):
    data = files.csv([EU_HEADER, EU_ROW], delimiter=",") if build == "csv" else files.xlsx([EU_HEADER, EU_ROW])

    outcome = files.run(data, programme_cci="2014SE16RFOP008")

    assert files.messages(outcome) == []
    project = Project.objects.get()
    assert project.programme == registry
    assert project.title == "Smarta elnät"
    assert project.summary == "Elnät som styr sig själva."
    assert project.eu_funding == Decimal("1250000.00")  # the total times the rate
    assert project.area == registry.area  # from the programme


KOHESIO_HEADER = ["Project ID", "Project name", "Beneficiary", "Summary", "Start date", "End date", "Total budget",
                  "EU contribution", "Co-financing rate", "Programme", "Region", "Theme", "Category of intervention"]
KOHESIO_ROW = ["20200200", "Biogas för bussar", "Region Norrbotten", "Biogas i kollektivtrafiken.", "01/09/2017",
               "31/08/2020", "3,200,000.00", "1,440,000.00", "45%", "2014SE16RFOP008 Övre Norrland", "Norrbotten",
               "Low-carbon economy", "Clean urban transport"]


@pytest.mark.parametrize("build", ["csv", "xlsx"])
def test_kohesio_export(registry, county, portfolio, files, build):
    rows = [KOHESIO_HEADER, KOHESIO_ROW]
    data = files.csv(rows, delimiter=",") if build == "csv" else files.xlsx(rows)

    outcome = files.run(data)

    assert files.messages(outcome) == []
    project = Project.objects.get()
    assert project.owner.name == "Region Norrbotten"
    assert project.start_date == datetime.date(2017, 9, 1)
    assert project.total_budget == Decimal("3200000.00")
    assert project.eu_funding == Decimal("1440000.00")
    assert list(project.counties.all()) == [county]
    assert project.area == registry.area
    # "Low-carbon economy" is TO4, whose theme area has one portfolio besides... two: none chosen.
    assert project.portfolio is None


def test_map_option_for_any_other_file(registry, files):
    rows = [["Diarienr", "Namn", "Ägare", "Från", "Till", "Budget", "EU"],
            ["20200300", "Laddstolpar", "Kiruna kommun", "2020-01-01", "2021-01-01", "100000", "40000"]]

    outcome = files.run(
        files.csv(rows, delimiter=","),
        map_text="Diarienr=case_number, Namn=title,Ägare=owner_name,Från=start_date,Till=end_date,EU=eu_funding",
        programme_cci="2014SE16RFOP008",
    )

    assert files.messages(outcome) == []
    assert Project.objects.get().title == "Laddstolpar"


def test_header_row_below_a_title_row(registry, files):
    rows = [["Lista över insatser, december 2020"], files.BANK_HEADER,
            [files.bank_row()[name] for name in files.BANK_HEADER]]

    outcome = files.run(files.csv(rows))

    assert files.messages(outcome) == []
    assert Project.objects.count() == 1


def test_thematic_objective_as_code_picks_its_only_portfolio(registry, theme, portfolio, other_portfolio, files):
    other_portfolio.delete()
    rows = [files.bank_row(**{"Portfölj": "", "Tematiskt mål": "TO4"}),
            files.bank_row(case="20200182", **{"Portfölj": "", "Tematiskt mål": "4"}),
            files.bank_row(case="20200183", **{"Portfölj": "", "Tematiskt mål": files.TO4_WORDS})]

    outcome = files.run(files.csv(files.table(rows, files.BANK_HEADER)))

    assert files.messages(outcome) == []
    assert [op.theme_code for op in outcome.parsed.operations] == ["TO4", "TO4", "TO4"]
    assert set(Project.objects.values_list("portfolio", flat=True)) == {portfolio.pk}
    assert set(Project.objects.values_list("theme", flat=True)) == {theme.pk}


def test_programme_from_area_and_start_date(registry, files):
    rows = [files.bank_row(), files.bank_row(case="20230001", Projektstart="2023-02-01", Projektslut="2025-12-31")]

    outcome = files.run(files.csv(files.table(rows, files.BANK_HEADER)))

    assert files.messages(outcome) == []
    assert dict(Project.objects.values_list("case_number", "programme__cci")) == {
        "20200181": "2014SE16RFOP008",
        "20230001": "2021SE16FFPR001",
    }


def test_portfolio_option_and_county_by_code(registry, portfolio, other_portfolio, county, files):
    header = [name for name in files.BANK_HEADER if name != "Portfölj"]
    row = files.bank_row(**{"Län": "25"})

    outcome = files.run(files.csv(files.table([row], header)), portfolio_slug="hallbara-transporter")

    assert files.messages(outcome) == []
    project = Project.objects.get()
    assert project.portfolio == other_portfolio
    assert list(project.counties.all()) == [county]
