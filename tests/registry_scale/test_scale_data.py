"""generate_scale_data: many projects, fast, consistent with what the pages and the import expect."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum
from django.utils import timezone

from samverka.registry.models import CoFinancing, Organisation, Project
from samverka.registry.scale_data import generate_projects

pytestmark = pytest.mark.django_db


def test_projects_come_with_a_county_and_cofinancing_that_adds_up():
    assert generate_projects(300, batch_size=128) == 300
    projects = Project.objects.filter(case_number__startswith="9")
    assert projects.count() == 300
    assert Organisation.objects.count() == 50
    assert Project.counties.through.objects.count() == 300
    assert CoFinancing.objects.count() == 600
    for project in projects.prefetch_related("cofinancing", "counties")[:40]:
        assert sum(row.amount for row in project.cofinancing.all()) == project.total_budget - project.eu_funding
        assert project.eu_funding <= project.total_budget and project.start_date < project.end_date
        [county] = project.counties.all()
        assert county.parent_id == project.area_id or project.programme.area_id is None
        assert project.portfolio_id and project.theme.period_id == project.programme.period_id
    totals = projects.aggregate(budget=Sum("total_budget"), eu=Sum("eu_funding"))
    assert CoFinancing.objects.aggregate(total=Sum("amount"))["total"] == totals["budget"] - totals["eu"]
    # Paid out: known for most, never more than granted, nothing before the start.
    known = [p for p in projects if p.paid_out is not None]
    assert 150 < len(known) < 300
    assert all(0 <= p.paid_out <= p.eu_funding for p in known)
    assert any(p.paid_out > 0 for p in known)
    assert all(p.paid_out == 0 for p in known if p.start_date > timezone.localdate())


def test_a_second_run_continues_the_case_numbers_and_new_rows_get_fresh_ids():
    generate_projects(10)
    generate_projects(5)
    numbers = sorted(Project.objects.values_list("case_number", flat=True))
    assert numbers == [f"9{n:07d}" for n in range(1, 16)]
    # The id sequences moved past the copied rows: an ordinary insert still works.
    project = Project.objects.first()
    CoFinancing.objects.create(project=project, financier="Kommunen", kind="public", amount=Decimal("1000"))


def test_the_same_seed_gives_the_same_text():
    generate_projects(5, seed=7)
    first = list(Project.objects.order_by("case_number").values_list("title", "total_budget"))
    Project.objects.all().delete()
    generate_projects(5, seed=7)
    assert list(Project.objects.order_by("case_number").values_list("title", "total_budget")) == first


def test_the_project_list_serves_generated_projects(client):
    generate_projects(60)
    page = client.get("/en/projekt/").content.decode()
    assert page.count('href="/en/projekt/') >= 20


def test_command_reports_what_it_added(capsys):
    call_command("generate_scale_data", "--projects", "25")
    assert capsys.readouterr().out.startswith("Added 25 projects in ")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--projects", "0"], "--projects must be between 1 and 9999999."),
        (["--projects", "10000000"], "--projects must be between 1 and 9999999."),
        (["--projects", "5", "--batch-size", "0"], "--batch-size must be at least 1."),
    ],
)
def test_command_refuses_bad_numbers(arguments, message):
    with pytest.raises(CommandError) as refused:
        call_command("generate_scale_data", *arguments)
    assert str(refused.value) == message
    assert not Project.objects.exists()
