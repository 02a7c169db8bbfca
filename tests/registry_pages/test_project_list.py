import datetime

import pytest
from django.utils import timezone

from samverka.registry.models import Organisation, Portfolio, Programme, Project, ProgrammePeriod, Region, ThemeArea

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [project.title for project in response.context["page"].object_list]


@pytest.fixture
def two_projects(make_project, other_portfolio, other_area):
    """Project A in Förnybar energi, Övre Norrland; project B in Hållbara transporter, Skåne-Blekinge."""
    skane = Region.objects.create(kind="county", code="12", name="Skåne län", slug="skane-lan", parent=other_area)
    owner = Organisation.objects.create(name="Malmö stad", org_number="212000-1124")
    a = make_project(title="Vätgas i Norrbotten", case_number="20200181")
    b = make_project(
        title="Elbussar i Malmö",
        case_number="20200999",
        summary="Laddinfrastruktur för kollektivtrafik.",
        owner=owner,
        portfolio=other_portfolio,
        area=other_area,
        counties=[skane],
        start_date=datetime.date(2030, 1, 1),
        end_date=datetime.date(2031, 12, 31),
    )
    return a, b


def test_list_shows_all_projects_with_their_facts(client, two_projects):
    response = client.get("/projekt/")

    assert response.status_code == 200
    assert titles(response) == ["Elbussar i Malmö", "Vätgas i Norrbotten"]
    html = response.content.decode()
    assert "2 projekt hittades" in html
    assert f'href="/projekt/{two_projects[0].pk}/"' in html
    assert "Norrbottens energikontor" in html
    assert "4\xa0000\xa0000\xa0kr" in html
    assert "2014–2020" in html
    assert '<th scope="col">' in html


def test_list_refuses_post(client, db):
    assert client.post("/projekt/").status_code == 405


def test_filter_by_portfolio(client, two_projects):
    assert titles(client.get("/projekt/?portfolio=hallbara-transporter")) == ["Elbussar i Malmö"]


def test_filter_by_programme_area(client, two_projects):
    assert titles(client.get("/projekt/?area=ovre-norrland")) == ["Vätgas i Norrbotten"]


def test_filter_by_county(client, two_projects):
    assert titles(client.get("/projekt/?county=skane-lan")) == ["Elbussar i Malmö"]


def test_filter_by_programme_period(client, two_projects, programme, organisation, make_project):
    later = ProgrammePeriod.objects.create(name="2021–2027", start_year=2021, end_year=2027)
    new_programme = Programme.objects.create(period=later, name="Övre Norrland", cci="2021SE16RFPR001")
    make_project(title="Nytt projekt", programme=new_programme)

    assert titles(client.get(f"/projekt/?period={later.pk}")) == ["Nytt projekt"]


def test_filter_by_theme_area(client, two_projects, make_project):
    period = ProgrammePeriod.objects.create(name="2021–2027", start_year=2021, end_year=2027)
    po2 = ThemeArea.objects.create(period=period, code="PO2", name="Ett grönare Europa")
    circular = Portfolio.objects.create(theme=po2, name="Cirkulär ekonomi", slug="cirkular-ekonomi")
    make_project(title="Återbruk i Luleå", portfolio=circular, theme=po2)

    assert titles(client.get(f"/projekt/?theme={po2.pk}")) == ["Återbruk i Luleå"]


def test_filter_by_derived_status(client, two_projects):
    assert titles(client.get("/projekt/?status=planned")) == ["Elbussar i Malmö"]
    assert titles(client.get("/projekt/?status=finished")) == ["Vätgas i Norrbotten"]


def test_filter_by_set_status(client, two_projects):
    a, _b = two_projects
    a.status_override = "cancelled"
    a.save()

    assert titles(client.get("/projekt/?status=cancelled")) == ["Vätgas i Norrbotten"]
    assert titles(client.get("/projekt/?status=finished")) == []


@pytest.mark.parametrize(
    "query, expected",
    [
        ("elbuss", ["Elbussar i Malmö"]),  # title
        ("kollektivtrafik", ["Elbussar i Malmö"]),  # summary
        ("20200181", ["Vätgas i Norrbotten"]),  # case number
        ("malmö stad", ["Elbussar i Malmö"]),  # owner's name
        ("finns inte", []),
    ],
)
def test_free_text_search(client, two_projects, query, expected):
    assert titles(client.get("/projekt/", {"q": query})) == expected


def test_filters_combine(client, two_projects):
    assert titles(client.get("/projekt/?portfolio=fornybar-energi&county=skane-lan")) == []


def test_form_keeps_what_was_chosen(client, two_projects):
    html = client.get("/projekt/?portfolio=hallbara-transporter&q=buss&status=planned").content.decode()

    assert '<option value="hallbara-transporter" selected>' in html
    assert '<option value="planned" selected>' in html
    assert 'value="buss"' in html


def test_unknown_portfolio_is_an_error_next_to_the_field(client, two_projects):
    response = client.get("/projekt/?portfolio=finns-inte&county=skane-lan")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_portfolio_error"' in html
    assert "Välj ett giltigt alternativ. Det valet finns inte bland tillgängliga alternativ." in html
    assert 'aria-describedby="id_portfolio_error"' in html
    # The valid filter still applies.
    assert titles(response) == ["Elbussar i Malmö"]


def test_unknown_status_is_an_error_next_to_the_field(client, two_projects):
    response = client.get("/projekt/?status=paused")

    assert response.status_code == 200
    assert response.context["form"].errors["status"] == [
        "Välj ett giltigt alternativ. paused finns inte bland tillgängliga alternativ."
    ]
    assert len(titles(response)) == 2


def test_period_that_is_not_a_number_is_an_error(client, two_projects):
    response = client.get("/projekt/?period=abc")

    assert response.status_code == 200
    assert "period" in response.context["form"].errors


def test_pagination_keeps_the_filters(client, bulk_projects):
    bulk_projects(60)

    response = client.get("/projekt/?portfolio=fornybar-energi&page=2")

    assert response.context["page"].number == 2
    assert len(titles(response)) == 25
    html = response.content.decode()
    assert "Sida 2 av 3" in html
    assert 'href="?portfolio=fornybar-energi&amp;page=3"' in html
    assert 'href="?portfolio=fornybar-energi&amp;page=1"' in html


def test_page_out_of_range_shows_the_last_page(client, bulk_projects):
    bulk_projects(30)

    assert client.get("/projekt/?page=99").context["page"].number == 2
    assert client.get("/projekt/?page=x").context["page"].number == 1


def test_export_links_carry_the_filters_but_not_the_page(client, two_projects):
    html = client.get("/projekt/?county=skane-lan&page=1").content.decode()

    assert 'href="/projekt/export.csv?county=skane-lan"' in html
    assert 'href="/projekt/export.xlsx?county=skane-lan"' in html
    assert 'href="/projekt/export.json?county=skane-lan"' in html


def test_status_is_derived_from_today(client, make_project):
    today = timezone.localdate()
    make_project(start_date=today, end_date=today)

    assert "<td>Pågående</td>" in client.get("/projekt/").content.decode()


@pytest.mark.parametrize("number", [3, 300])
def test_list_query_count_does_not_grow(client, bulk_projects, django_assert_num_queries, number):
    bulk_projects(number)

    # 5 filter choice lists, the count, the page's ids, the page's rows
    with django_assert_num_queries(8):
        assert client.get("/projekt/").status_code == 200


@pytest.mark.parametrize("number", [3, 300])
def test_filtered_list_query_count_does_not_grow(client, bulk_projects, django_assert_num_queries, number):
    bulk_projects(number)

    # + checking the two chosen values
    with django_assert_num_queries(10):
        response = client.get("/projekt/?portfolio=fornybar-energi&county=norrbottens-lan&status=finished&q=projekt")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == number


def test_swedish_smoke(client, db):
    assert "Filtrera projekt" in client.get("/projekt/").content.decode()


def test_english_smoke(client, db):
    html = client.get("/en/projekt/").content.decode()

    assert "Filter projects" in html
    assert '<html lang="en">' in html


def test_pages_keep_the_list_order(client, bulk_projects):
    bulk_projects(60)
    first = client.get("/projekt/").context["page"].object_list
    second = client.get("/projekt/?page=2").context["page"].object_list
    ordered = list(Project.objects.order_by("-start_date", "-id").values_list("pk", flat=True)[:50])
    assert [p.pk for p in first] + [p.pk for p in second] == ordered
