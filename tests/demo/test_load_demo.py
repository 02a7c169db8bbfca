"""python manage.py load_demo: the demo network, loaded twice without a change."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import models
from django.db.models import Sum

from samverka.accounts.models import Audience, User
from samverka.pages.models import AccessibilityStatement, Page
from samverka.registry.models import (
    CoFinancing,
    Organisation,
    Portfolio,
    Programme,
    ProgrammePeriod,
    Project,
    ProjectRole,
    ProjectStatus,
    Region,
    ThemeArea,
)
from samverka.registry.validators import luhn_ok

MODELS = [
    ProgrammePeriod, Region, ThemeArea, Portfolio, Programme, Organisation, Project, CoFinancing,
    ProjectRole, User, Audience, Page, AccessibilityStatement, Project.counties.through,
    Project.municipalities.through, User.audiences.through,
]


def load():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def demo(db):
    load()


def test_running_twice_changes_nothing(db):
    first = load()
    before = counts()
    updated = dict(Project.objects.values_list("pk", "updated_at"))
    second = load()
    assert counts() == before
    assert dict(Project.objects.values_list("pk", "updated_at")) == updated
    assert "(0 created now)" in second
    assert "(0 created now)" not in first


def test_summary_line(db):
    assert load() == (
        "Demo data: 2 programme periods, 8 programme areas, 21 counties, 14 municipalities, 2 theme areas, "
        "6 portfolios, 18 programmes, 44 organisations, 120 projects, 44 people, 72 project roles, "
        "3 content pages, 1 accessibility statement (355 created now).\n"
    )


def test_the_frame(demo):
    assert list(ProgrammePeriod.objects.values_list("name", flat=True)) == ["2014–2020", "2021–2027"]
    assert Region.objects.filter(kind="area").count() == 8
    assert Region.objects.filter(kind="county").count() == 21
    assert Portfolio.objects.count() == 6
    assert set(ThemeArea.objects.values_list("code", flat=True)) == {"TO4", "PO2"}
    assert Programme.objects.count() == 18
    assert set(Programme.objects.values_list("managing_authority", flat=True)) == {"Tillväxtverket"}
    assert Programme.objects.filter(kind="national").count() == 2


@pytest.mark.parametrize(
    ("area", "counties"),
    [
        ("SE33", ["24", "25"]),
        ("SE32", ["22", "23"]),
        ("SE31", ["17", "20", "21"]),
        ("SE12", ["03", "04", "05", "18", "19"]),
        ("SE11", ["01"]),
        ("SE23", ["13", "14"]),
        ("SE21", ["06", "07", "08", "09"]),
        ("SE22", ["10", "12"]),
    ],
)
def test_counties_sit_in_their_programme_area(demo, area, counties):
    assert sorted(Region.objects.filter(kind="county", parent__code=area).values_list("code", flat=True)) == counties


def test_county_names(demo):
    assert Region.objects.get(kind="county", code="01").name == "Stockholms län"
    assert Region.objects.get(kind="county", code="25").name == "Norrbottens län"


def test_about_120_projects_in_every_portfolio_and_both_periods(demo):
    assert Project.objects.count() == 120
    for portfolio in Portfolio.objects.all():
        assert portfolio.projects.count() == 20
    assert Project.objects.filter(programme__period__name="2014–2020").count() == 72
    assert Project.objects.filter(programme__period__name="2021–2027").count() == 48
    assert Project.objects.exclude(area=None).count() == 120


def test_every_project_has_counties_of_its_area_or_is_national(demo):
    for project in Project.objects.prefetch_related("counties").select_related("programme"):
        parents = {county.parent_id for county in project.counties.all()}
        assert project.area_id in parents
        if project.programme.kind == "regional":
            assert parents == {project.area_id}


def test_financing_adds_up_exactly(demo):
    lines = dict(CoFinancing.objects.values("project").annotate(total=Sum("amount")).values_list("project", "total"))
    for project in Project.objects.all():
        assert project.eu_funding + lines[project.pk] == project.total_budget, project.case_number


def test_eu_share_is_40_to_50_per_cent(demo):
    for project in Project.objects.all():
        assert Decimal("0.40") <= project.eu_funding / project.total_budget <= Decimal("0.50"), project.case_number


def test_budgets_range_from_pre_study_to_90_million(demo):
    budgets = list(Project.objects.values_list("total_budget", flat=True))
    assert min(budgets) == Decimal("200000.00")
    assert max(budgets) == Decimal("90000000.00")
    assert Project.objects.filter(title__startswith="Förstudie:", total_budget__lte=800_000).count() >= 10


def test_amounts_are_decimal(demo):
    project = Project.objects.first()
    assert isinstance(project.total_budget, Decimal)
    assert isinstance(project.eu_funding, Decimal)
    assert isinstance(CoFinancing.objects.first().amount, Decimal)


def test_public_and_private_co_financing(demo):
    assert CoFinancing.objects.filter(kind="public").exists()
    assert CoFinancing.objects.filter(kind="private").exists()


def test_case_numbers_are_eight_digits_and_unique(demo):
    numbers = list(Project.objects.values_list("case_number", flat=True))
    assert len(set(numbers)) == 120
    assert all(len(number) == 8 and number.isdigit() for number in numbers)


def test_titles_are_unique(demo):
    assert Project.objects.values("title").distinct().count() == 120


def test_every_organisation_number_is_valid(demo):
    for number in Organisation.objects.values_list("org_number", flat=True):
        assert len(number) == 11 and number[6] == "-"
        assert luhn_ok(number.replace("-", "")), number
        assert int(number[2]) >= 2


def test_projects_are_finished_ongoing_and_not_started(demo):
    today = datetime.date.today()
    assert Project.objects.in_status(ProjectStatus.FINISHED, today).count() > 50
    assert Project.objects.in_status(ProjectStatus.ONGOING, today).count() >= 5
    assert Project.objects.in_status(ProjectStatus.PLANNED, today).count() >= 5


def test_same_projects_whatever_the_day(db):
    from samverka.registry.demo_data import load_demo

    load_demo(today=datetime.date(2026, 1, 1))
    load_demo(today=datetime.date(2031, 6, 15))
    assert Project.objects.count() == 120


def test_people_and_their_tags(demo, settings):
    coordinator = User.objects.get(email="samordnare@example.org")
    assert coordinator.is_staff and coordinator.is_superuser
    assert coordinator.check_password(settings.DEMO_PASSWORD)
    leader = User.objects.get(email="projektledare@example.org")
    assert leader.project_roles.filter(role="leader").exists()
    assert leader.audiences.filter(code="project_leader").exists()
    assert User.objects.filter(audiences__code="regional_official").count() == 6
    assert User.objects.filter(audiences__code="other_actor").count() == 4
    assert all(email.endswith("@example.org") for email in User.objects.values_list("email", flat=True))
    assert User.objects.filter(is_staff=True).count() == 1


def test_every_demo_person_signs_in_with_the_demo_password(demo, settings, client):
    assert client.login(email="utvecklingsansvarig@example.org", password=settings.DEMO_PASSWORD)


def test_content_pages_in_both_languages(demo):
    for page in Page.objects.all():
        assert page.title and page.title_en and page.body and page.body_en
    privacy = Page.objects.get(slug="personuppgifter")
    assert "artikel 6.1 e" in privacy.body
    assert "Article 6(1)(e)" in privacy.body_en


def test_statement_is_partially_compliant(demo):
    statement = AccessibilityStatement.objects.get()
    assert statement.compliance == "partial"
    assert statement.non_accessible and statement.non_accessible_en


def test_existing_edits_survive_a_second_run(demo):
    Page.objects.filter(slug="om").update(title="Ändrad av samordnaren")
    Project.objects.filter(case_number=Project.objects.first().case_number).update(title="Ändrad titel")
    load()
    assert Page.objects.get(slug="om").title == "Ändrad av samordnaren"
    assert Project.objects.filter(title="Ändrad titel").count() == 1


def test_demo_pages_answer(demo, client):
    for url in ["/om/", "/en/sok-finansiering/", "/personuppgifter/", "/tillganglighet/", "/en/tillganglighet/"]:
        assert client.get(url).status_code == 200, url


def test_paid_out_where_a_project_has_run(demo):
    today = datetime.date.today()
    finished = Project.objects.in_status(ProjectStatus.FINISHED, today)
    ongoing = Project.objects.in_status(ProjectStatus.ONGOING, today)
    assert not finished.filter(paid_out__isnull=True).exists()
    assert finished.filter(paid_out__lt=models.F("eu_funding")).exists()  # the final payment still due
    assert ongoing.filter(paid_out__isnull=False).exists() and ongoing.filter(paid_out__isnull=True).exists()
    assert not Project.objects.in_status(ProjectStatus.PLANNED, today).filter(paid_out__isnull=False).exists()
    assert not Project.objects.filter(status_override="cancelled", paid_out__isnull=False).exists()
    for project in Project.objects.filter(paid_out__isnull=False):
        assert Decimal(0) <= project.paid_out <= project.eu_funding, project.case_number
