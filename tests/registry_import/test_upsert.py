"""Rows upsert by case number within the programme; a dry run saves nothing."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from samverka.registry.models import CoFinancing, Organisation, Project, Region

pytestmark = pytest.mark.django_db


def bank_csv(files, rows):
    return files.csv(files.table(rows, files.BANK_HEADER))


def test_second_import_updates_without_duplicates(registry, files, other_portfolio):
    rows = [files.bank_row(), files.bank_row(case="20200182", Projektnamn="Solel på taken")]
    assert files.run(bank_csv(files, rows)).counts == {"created": 2, "updated": 0, "unchanged": 0}

    rows[1].update({"Projektnamn": "Solel på alla tak", "Total budget": "12 000 000", "Portfölj": "Hållbara transporter"})
    rows[1]["Offentlig medfinansiering"] = "7 000 000"
    rows.append(files.bank_row(case="20200183"))
    outcome = files.run(bank_csv(files, rows))

    assert outcome.counts == {"created": 1, "updated": 1, "unchanged": 1}
    assert Project.objects.count() == 3
    project = Project.objects.get(case_number="20200182")
    assert project.title == "Solel på alla tak"
    assert project.total_budget == Decimal("12000000.00")
    assert project.portfolio == other_portfolio
    assert project.cofinancing.get(kind="public").amount == Decimal("7000000.00")
    assert CoFinancing.objects.filter(project=project).count() == 2
    assert Organisation.objects.count() == 1
    assert Region.objects.filter(kind=Region.Kind.MUNICIPALITY).count() == 1


def test_same_case_number_in_two_programmes_is_two_projects(registry, files):
    rows = [files.bank_row(), files.bank_row(Område="Skåne-Blekinge", Län="Skåne län", Kommuner="Malmö")]
    assert files.run(bank_csv(files, rows)).counts["created"] == 2
    assert sorted(Project.objects.values_list("programme__cci", flat=True)) == ["2014SE16RFOP002", "2014SE16RFOP008"]


def test_counties_change_on_update(registry, county, files):
    skane = Region.objects.get(code="12")
    files.run(bank_csv(files, [files.bank_row()]))
    outcome = files.run(bank_csv(files, [files.bank_row(Län="Norrbotten; Skåne", Kommuner="")]))

    assert outcome.counts["updated"] == 1
    project = Project.objects.get()
    assert set(project.counties.all()) == {county, skane}
    assert not project.municipalities.exists()


def test_organisation_found_by_number_then_by_name(registry, organisation, files):
    rows = [
        files.bank_row(Stödmottagare="Energikontoret i Norrbotten", Organisationsnummer="556036-0793"),
        files.bank_row(case="20200182", Stödmottagare="NORRBOTTENS ENERGIKONTOR", Organisationsnummer=""),
        files.bank_row(case="20200183", Stödmottagare="Nytt bolag AB", Organisationsnummer=""),
        files.bank_row(case="20200184", Stödmottagare="Nytt bolag AB", Organisationsnummer=""),
    ]
    files.run(bank_csv(files, rows))

    owners = dict(Project.objects.values_list("case_number", "owner_id"))
    assert owners["20200181"] == organisation.pk
    assert owners["20200182"] == organisation.pk
    assert owners["20200183"] == owners["20200184"] != organisation.pk
    assert Organisation.objects.count() == 2


def test_organisation_first_known_by_name_gets_its_number(registry, files):
    files.run(bank_csv(files, [files.bank_row(Organisationsnummer="")]))
    files.run(bank_csv(files, [files.bank_row(case="20200182")]))

    assert list(Organisation.objects.values_list("name", "org_number")) == [
        ("Luleå tekniska universitet", "202100-2841")
    ]


def test_dry_run_saves_nothing(registry, files):
    outcome = files.run(bank_csv(files, [files.bank_row()]), dry_run=True)

    assert outcome.counts == {"created": 1, "updated": 0, "unchanged": 0}
    assert not outcome.saved
    assert not Project.objects.exists()
    assert not Organisation.objects.exists()


def test_command_imports_and_prints_a_summary(registry, files, tmp_path, capsys):
    path = tmp_path / "insatser.csv"
    path.write_bytes(bank_csv(files, [files.bank_row(), files.bank_row(case="20200182")]))

    call_command("import_operations", str(path))

    assert capsys.readouterr().out.strip() == "2 rows: 2 created, 0 updated, 0 unchanged"
    assert Project.objects.count() == 2


def test_command_dry_run(registry, files, tmp_path, capsys):
    path = tmp_path / "insatser.xlsx"
    path.write_bytes(files.xlsx(files.table([files.bank_row()], files.BANK_HEADER)))

    call_command("import_operations", str(path), "--dry-run")

    assert capsys.readouterr().out.strip() == "1 row: 1 created, 0 updated, 0 unchanged (dry run, nothing saved)"
    assert not Project.objects.exists()


def test_command_options(registry, other_portfolio, files, tmp_path, capsys):
    path = tmp_path / "annan.csv"
    path.write_bytes(
        files.csv([["Diarienr", "Namn", "Ägare", "Från", "Till", "Budget", "EU"],
                   ["20200300", "Laddstolpar", "Kiruna kommun", "2020-01-01", "2021-01-01", "100000", "40000"]])
    )

    call_command(
        "import_operations", str(path), "--map", "Diarienr=case_number,Namn=title,Ägare=owner_name,Från=start_date,"
        "Till=end_date,EU=eu_funding", "--programme", "2014SE16RFOP008", "--portfolio", "hallbara-transporter",
    )

    assert Project.objects.get().portfolio == other_portfolio


def test_command_prints_each_problem_and_fails(registry, files, tmp_path, capsys):
    path = tmp_path / "fel.csv"
    path.write_bytes(bank_csv(files, [files.bank_row(Projektslut="2018-01-01"), files.bank_row(case="x y")]))

    with pytest.raises(CommandError) as error:
        call_command("import_operations", str(path))

    assert str(error.value) == "2 problems found; nothing was saved."
    assert capsys.readouterr().err.splitlines()[-2:] == [
        "row 2, column Projektslut: The end date 2018-01-01 is before the start date 2019-01-01.",
        "row 3, column Ärende-ID: A case number is made of digits and letters, at most 32 characters, e.g. 20200181.",
    ]
    assert not Project.objects.exists()


def test_command_missing_file(db, tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("import_operations", str(tmp_path / "finns-inte.csv"))
    assert str(error.value) == f"{tmp_path / 'finns-inte.csv'}: No such file or directory"


def test_import_many_rows_in_few_queries(registry, files, django_assert_max_num_queries):
    rows = [files.bank_row(case=str(20210000 + n), Stödmottagare=f"Bolag {n % 50}", Organisationsnummer="",
                           Kommuner=f"Ort {n % 7}") for n in range(1200)]
    data = bank_csv(files, rows)
    with django_assert_max_num_queries(100):  # batches, not rows: 1200 rows
        outcome = files.run(data)
    assert outcome.counts["created"] == 1200
    assert Project.objects.count() == 1200
    assert Project.counties.through.objects.count() == 1200
    assert CoFinancing.objects.count() == 2400


def test_messages_and_summary_in_swedish(registry, files, tmp_path, capsys):
    from django.utils import translation

    path = tmp_path / "fel.csv"
    path.write_bytes(bank_csv(files, [files.bank_row(Projektslut="2018-01-01")]))
    with translation.override("sv"), pytest.raises(CommandError) as error:
        call_command("import_operations", str(path))
    assert str(error.value) == "1 problem hittades; inget sparades."
    assert capsys.readouterr().err.splitlines()[-1] == (
        "rad 2, kolumn Projektslut: Slutdatumet 2018-01-01 ligger före startdatumet 2019-01-01."
    )

    path.write_bytes(bank_csv(files, [files.bank_row()]))
    with translation.override("sv"):
        call_command("import_operations", str(path), "--dry-run")
    assert capsys.readouterr().out.strip() == "1 rad – skapade: 1, uppdaterade: 0, oförändrade: 0 (provkörning, inget sparat)"
