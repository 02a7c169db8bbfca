"""Each bad input: its exact message, its row and column, and nothing saved."""

import pytest

from samverka.registry.models import Organisation, Project, Region

pytestmark = pytest.mark.django_db


def run_rows(files, rows, header=None, **options):
    return files.run(files.csv(files.table(rows, header or files.BANK_HEADER)), **options)


def test_not_csv_or_xlsx(registry, files):
    outcome = files.run(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary")
    assert files.messages(outcome) == [
        (None, "", "The file could not be read: upload a list of operations as CSV or XLSX.")
    ]


def test_broken_xlsx(registry, files):
    outcome = files.run(b"PK\x03\x04 not really a zip file")
    assert files.messages(outcome) == [
        (None, "", "The file could not be read: upload a list of operations as CSV or XLSX.")
    ]


@pytest.mark.parametrize("data", [b"", b"  \r\n\r\n", b";;;\n;;;\n"])
def test_empty_file(registry, files, data):
    assert files.messages(files.run(data)) == [(None, "", "The file is empty.")]


def test_unknown_encoding(registry, files):
    # 0x81 and 0x8d are neither UTF-8 nor Windows-1252.
    data = "Ärende-ID;Projektnamn\n1;".encode("utf-8") + b"\x81\x8d\xff\n"
    assert files.messages(files.run(data)) == [
        (None, "", "The file's character encoding is unknown: save it as UTF-8 or Windows-1252 and try again.")
    ]


def test_no_header_row_lists_the_missing_columns(registry, files):
    rows = [["Ärende-ID", "Projektnamn", "Färg"], ["20200181", "Vätgas", "blå"]]
    assert files.messages(files.run(files.csv(rows))) == [
        (
            None,
            "",
            "No header row was recognised: the columns for beneficiary, start date, end date, total budget, "
            "EU funding granted are missing.",
        )
    ]


def test_duplicated_case_number_names_both_rows(registry, files):
    rows = [files.bank_row(), files.bank_row(case="20200182"), files.bank_row()]
    assert files.messages(run_rows(files, rows)) == [
        (4, "Ärende-ID", "The case number 20200181 is in both row 2 and row 4.")
    ]


def test_end_date_before_start(registry, files):
    rows = [files.bank_row(Projektstart="2020-05-01", Projektslut="2020-04-30")]
    assert files.messages(run_rows(files, rows)) == [
        (2, "Projektslut", "The end date 2020-04-30 is before the start date 2020-05-01.")
    ]


def test_negative_amount(registry, files):
    rows = [files.bank_row(), files.bank_row(case="20200182", **{"Total budget": "-10 000"})]
    assert files.messages(run_rows(files, rows)) == [(3, "Total budget", "The amount cannot be negative.")]


def test_non_numeric_amount(registry, files):
    rows = [files.bank_row(**{"Beviljat belopp": "fyra miljoner"})]
    assert files.messages(run_rows(files, rows)) == [
        (2, "Beviljat belopp", "“fyra miljoner” is not an amount.")
    ]


def test_eu_funding_above_total(registry, files):
    rows = [files.bank_row(**{"Beviljat belopp": "20 000 000"})]
    assert files.messages(run_rows(files, rows)) == [
        (2, "Beviljat belopp", "The EU funding 20000000.00 is larger than the total budget 10000000.00.")
    ]


def test_wrong_organisation_number(registry, files):
    rows = [files.bank_row(Organisationsnummer="202100-2842")]
    assert files.messages(run_rows(files, rows)) == [
        (2, "Organisationsnummer", "The organisation number 202100-2842 has a wrong check digit.")
    ]


def test_malformed_organisation_number(registry, files):
    rows = [files.bank_row(Organisationsnummer="12345")]
    assert files.messages(run_rows(files, rows)) == [
        (2, "Organisationsnummer", "Enter the organisation number as ten digits, NNNNNN-NNNN.")
    ]


def test_over_long_title(registry, files):
    rows = [files.bank_row(Projektnamn="Å" * 256)]
    assert files.messages(run_rows(files, rows)) == [
        (2, "Projektnamn", "The project name is 256 characters long; at most 255 are allowed.")
    ]


def test_missing_required_value(registry, files):
    rows = [files.bank_row(Stödmottagare="")]
    assert files.messages(run_rows(files, rows)) == [(2, "Stödmottagare", "A value is required here.")]


def test_missing_date(registry, files):
    rows = [files.bank_row(Projektslut="")]
    assert files.messages(run_rows(files, rows)) == [(2, "Projektslut", "A value is required here.")]


def test_bad_date(registry, files):
    rows = [files.bank_row(Projektstart="våren 2020")]
    assert files.messages(run_rows(files, rows)) == [
        (2, "Projektstart", "“våren 2020” is not a date; write it as YYYY-MM-DD, e.g. 2016-10-01.")
    ]


def test_bad_case_number(registry, files):
    rows = [files.bank_row(case="2020 0181")]
    assert files.messages(run_rows(files, rows)) == [
        (2, "Ärende-ID", "A case number is made of digits and letters, at most 32 characters, e.g. 20200181.")
    ]


def test_unknown_programme_area(registry, files):
    rows = [files.bank_row(Område="Mellersta Norrland", Län="", Kommuner="")]
    assert files.messages(run_rows(files, rows)) == [(2, "Område", "Unknown programme area “Mellersta Norrland”.")]


def test_unknown_county(registry, files):
    rows = [files.bank_row(Län="Norrbottens län, Lapplands län")]
    assert files.messages(run_rows(files, rows)) == [(2, "Län", "Unknown county “Lapplands län”.")]


def test_unknown_portfolio(registry, files):
    rows = [files.bank_row(Portfölj="Rymdturism")]
    assert files.messages(run_rows(files, rows)) == [(2, "Portfölj", "Unknown portfolio “Rymdturism”.")]


def test_unknown_thematic_objective(registry, files):
    rows = [files.bank_row(**{"Tematiskt mål": "Bättre fika"})]
    assert files.messages(run_rows(files, rows)) == [
        (2, "Tematiskt mål", "Unknown thematic objective “Bättre fika”.")
    ]


def test_unknown_programme_option(registry, files):
    assert files.messages(run_rows(files, [files.bank_row()], programme_cci="2014SE16RFOP999")) == [
        (None, "", "Unknown programme “2014SE16RFOP999”.")
    ]


def test_unknown_portfolio_option(registry, files):
    assert files.messages(run_rows(files, [files.bank_row()], portfolio_slug="rymden")) == [
        (None, "", "Unknown portfolio “rymden”.")
    ]


def test_no_programme_at_all(registry, files):
    header = ["Ärende-ID", "Stödmottagare", "Projektnamn", "Beviljat belopp", "Total budget", "Projektstart", "Projektslut"]
    assert files.messages(run_rows(files, [files.bank_row()], header)) == [
        (2, "", "The programme is unknown: add a CCI or programme area column, or choose a programme for the whole file.")
    ]


def test_bad_map_option(registry, files):
    outcome = files.run(b"a;b\n1;2\n", map_text="Diarienr=diarienummer")
    assert files.messages(outcome)[0][2].startswith("Unknown field “diarienummer”; known fields are case_number, ")


def test_nothing_is_saved_when_one_row_is_bad(registry, files):
    rows = [files.bank_row(case=str(20200100 + n), Stödmottagare=f"Bolag {n}") for n in range(20)]
    rows[13]["Projektslut"] = "2018-01-01"

    outcome = run_rows(files, rows)

    assert files.messages(outcome) == [(15, "Projektslut", "The end date 2018-01-01 is before the start date 2019-01-01.")]
    assert not outcome.saved
    assert Project.objects.count() == 0
    assert Organisation.objects.count() == 0
    assert not Region.objects.filter(kind=Region.Kind.MUNICIPALITY).exists()


def test_every_problem_is_collected(registry, files):
    rows = [files.bank_row(Projektnamn=""), files.bank_row(case="20200182", **{"Total budget": "x"}, Län="Atlantis")]
    assert files.messages(run_rows(files, rows)) == [
        (2, "Projektnamn", "A value is required here."),
        (3, "Total budget", "“x” is not an amount."),
        (3, "Län", "Unknown county “Atlantis”."),
    ]
