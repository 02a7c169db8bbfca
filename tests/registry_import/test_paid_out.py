"""The optional paid-out column of a list of operations: read where it is, left alone where it is not."""

from decimal import Decimal

import pytest

from samverka.registry.models import Project

pytestmark = pytest.mark.django_db


def bank_csv(files, rows, heading="Utbetalt"):
    header = [*files.BANK_HEADER, heading]
    return files.csv(files.table(rows, header))


def test_without_the_column_nothing_is_known(registry, files):
    outcome = files.run(files.csv(files.table([files.bank_row()], files.BANK_HEADER)))

    assert files.messages(outcome) == []
    assert Project.objects.get().paid_out is None


@pytest.mark.parametrize("heading", ["Utbetalt", "Utbetalt EU-stöd", "UTBETALT BELOPP", "Paid out", "EU funding paid out"])
def test_the_column_under_its_names(registry, files, heading):
    rows = [files.bank_row(**{heading: "1 234 567,50"})]

    outcome = files.run(bank_csv(files, rows, heading))

    assert files.messages(outcome) == []
    assert outcome.parsed.headings["paid_out"] == heading
    assert Project.objects.get().paid_out == Decimal("1234567.50")


def test_an_empty_cell_is_not_known(registry, files):
    rows = [files.bank_row(Utbetalt="3 000 000"), files.bank_row(case="20200182", Utbetalt="")]

    assert files.messages(files.run(bank_csv(files, rows))) == []
    assert dict(Project.objects.values_list("case_number", "paid_out")) == {
        "20200181": Decimal("3000000.00"),
        "20200182": None,
    }


def test_may_be_zero_and_more_than_granted(registry, files):
    # Nothing is checked against the EU funding granted (4 000 000 in the row).
    rows = [files.bank_row(Utbetalt="0"), files.bank_row(case="20200182", Utbetalt="4 100 000")]

    assert files.messages(files.run(bank_csv(files, rows))) == []
    assert sorted(Project.objects.values_list("paid_out", flat=True)) == [Decimal("0.00"), Decimal("4100000.00")]


def test_a_new_amount_updates_and_a_missing_one_keeps_what_is_stored(registry, files):
    files.run(bank_csv(files, [files.bank_row(Utbetalt="1 000 000")]))

    outcome = files.run(bank_csv(files, [files.bank_row(Utbetalt="2 500 000")]))
    assert outcome.counts == {"created": 0, "updated": 1, "unchanged": 0}
    assert Project.objects.get().paid_out == Decimal("2500000.00")

    # Neither a file without the column nor an empty cell forgets the amount.
    outcome = files.run(files.csv(files.table([files.bank_row()], files.BANK_HEADER)))
    assert outcome.counts == {"created": 0, "updated": 0, "unchanged": 1}
    outcome = files.run(bank_csv(files, [files.bank_row(Utbetalt="")]))
    assert outcome.counts == {"created": 0, "updated": 0, "unchanged": 1}
    assert Project.objects.get().paid_out == Decimal("2500000.00")


def test_a_bad_cell_names_row_and_column(registry, files):
    rows = [files.bank_row(), files.bank_row(case="20200182", **{"Utbetalt EU-stöd": "en miljon"})]

    outcome = files.run(bank_csv(files, rows, "Utbetalt EU-stöd"))

    assert files.messages(outcome) == [(3, "Utbetalt EU-stöd", "“en miljon” is not an amount.")]
    assert [str(problem) for problem in outcome.problems] == [
        "row 3, column Utbetalt EU-stöd: “en miljon” is not an amount."
    ]
    assert not Project.objects.exists()


def test_a_negative_cell_names_row_and_column(registry, files):
    rows = [files.bank_row(Utbetalt="-5 000")]

    assert files.messages(files.run(bank_csv(files, rows))) == [(2, "Utbetalt", "The amount cannot be negative.")]
    assert not Project.objects.exists()


def test_the_preview_shows_it(registry, files):
    from samverka.registry.import_jobs import import_file, preview_rows

    rows = [files.bank_row(Utbetalt="1 000 000"), files.bank_row(case="20200182")]
    outcome = import_file(bank_csv(files, rows), dry_run=True)

    assert [row["paid_out"] for row in preview_rows(outcome)] == ["1000000.00", ""]


def test_the_map_option_names_the_field(registry, files):
    from samverka.registry.headers import parse_map

    assert parse_map("Utbet. hittills=paid_out") == {"utbet hittills": "paid_out"}
