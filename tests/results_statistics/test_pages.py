"""The statistics page and its CSV downloads: figures shown, SEK/EUR, formula-safe cells, pinned queries."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import override

pytestmark = pytest.mark.django_db


def en(name, **kwargs):
    with override("en"):
        return reverse(name, kwargs=kwargs)


def rows_of(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_page_shows_the_totals_in_sek(client, registry):
    page = client.get(en("results:statistics")).content.decode()
    assert "<h1>Statistics</h1>" in page
    assert "SEK 6,800,000" in page and "SEK 17,000,000" in page
    assert '<a href="?currency=SEK" aria-current="true">' in page
    assert "The EU funding paid out is summed over the projects whose amount is known" in page
    assert page.count("not known") == 1 + 2 + 2 + 2 + 1 + 1  # the total, and every group with projects


def test_page_in_euros(client, registry, settings):
    settings.EUR_RATE = Decimal("11.00")
    page = client.get(en("results:statistics") + "?currency=EUR").content.decode()
    assert "EUR 618,182" in page  # 6 800 000 / 11 = 618 181.82, shown whole
    assert '<a href="?currency=EUR" aria-current="true">' in page
    assert "SEK 11 per euro" in page


def test_unknown_currency_is_sek(client, registry):
    page = client.get(en("results:statistics") + "?currency=USD").content.decode()
    assert "SEK 6,800,000" in page


def test_page_in_swedish(client, registry):
    page = client.get(reverse("results:statistics")).content.decode()
    assert "6\xa0800\xa0000\xa0kr" in page


def test_page_links_groups_to_the_filtered_project_list(client, registry):
    page = client.get(en("results:statistics")).content.decode()
    assert '/en/projekt/?portfolio=fornybar-energi"' in page
    assert '/en/projekt/?area=ovre-norrland"' in page
    assert '/en/projekt/?county=skane-lan"' in page


def test_page_shows_indicators_and_engagement(client, values, meetings):
    page = client.get(en("results:statistics")).content.decode()
    assert "CO34 Estimated annual decrease of GHG" in page and "40.0%" in page
    assert "Projects by number of meetings attended" in page


def test_charts_are_hidden_beside_their_tables(client, registry):
    page = client.get(en("results:statistics")).content.decode()
    assert page.count('<svg class="stat-chart"') == page.count('aria-hidden="true" focusable="false"') >= 2


def test_wrong_method(client):
    assert client.post(en("results:statistics")).status_code == 405


def test_csv_by_portfolio_in_sek(client, registry):
    response = client.get(en("results:statistics_csv", table="portfolios"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert rows_of(response) == [
        ["Portfolio", "Projects", "Total budget (SEK)", "EU funding granted (SEK)", "Public co-financing (SEK)",
         "Private co-financing (SEK)", "EU funding paid out (SEK)", "Projects with a known amount paid out"],
        ["Sustainable transport", "1", "5000000.00", "2000000.00", "0.00", "250000.00", "", "0"],
        ["Renewable energy", "2", "12000000.00", "4800000.00", "3500000.00", "1000000.00", "", "0"],
    ]


def test_csv_in_euros_is_exact(client, registry, settings):
    settings.EUR_RATE = Decimal("11.00")
    rows = rows_of(client.get(en("results:statistics_csv", table="programme-areas") + "?currency=EUR"))
    assert rows[0][3] == "EU funding granted (EUR)"
    assert rows[2] == ["Övre Norrland", "2", "1363636.36", "545454.55", "272727.27", "113636.36", "", "0"]


@pytest.fixture
def paid(registry):
    """P1 has had 3 000 000 paid out and P3 1 000 000; P2's amount is not known."""
    from samverka.registry.models import Project

    Project.objects.filter(pk=registry["p1"].pk).update(paid_out=Decimal("3000000"))
    Project.objects.filter(pk=registry["p3"].pk).update(paid_out=Decimal("1000000"))
    return registry


def test_page_shows_paid_out_where_known(client, paid, settings):
    page = client.get(en("results:statistics")).content.decode()
    assert "<th scope=\"col\" class=\"num\">EU funding paid out</th>" in page
    assert "SEK 4,000,000<br><span class=\"muted\">known for 2 of 3 projects</span>" in page  # the total
    assert "SEK 3,000,000<br><span class=\"muted\">known for 1 of 2 projects</span>" in page  # Renewable energy
    assert "SEK 1,000,000</td>" in page  # Sustainable transport: known for its only project
    assert page.count('class="chart-bar-part"') >= 2
    settings.EUR_RATE = Decimal("10.00")
    page = client.get(en("results:statistics") + "?currency=EUR").content.decode()
    assert "EUR 400,000<br><span class=\"muted\">known for 2 of 3 projects</span>" in page


def test_page_says_known_for_in_swedish(client, paid):
    from django.utils.translation import gettext

    page = client.get(reverse("results:statistics")).content.decode()
    with override("sv"):
        heading = gettext("EU funding paid out")
    assert heading in page
    assert "4\xa0000\xa0000\xa0kr" in page


def test_csv_with_paid_out(client, paid, settings):
    rows = rows_of(client.get(en("results:statistics_csv", table="portfolios")))
    assert [row[-2:] for row in rows[1:]] == [["1000000.00", "1"], ["3000000.00", "1"]]
    counties = {row[0]: row[-2:] for row in rows_of(client.get(en("results:statistics_csv", table="counties")))[1:]}
    # P3 works in both counties, so its amount counts in each; P2 (Skåne) is not known.
    assert counties == {"Skåne län": ["1000000.00", "1"], "Norrbottens län": ["4000000.00", "2"]}
    settings.EUR_RATE = Decimal("11.00")
    rows = rows_of(client.get(en("results:statistics_csv", table="periods") + "?currency=EUR"))
    assert rows[0][-2] == "EU funding paid out (EUR)"
    assert rows[1][-2:] == ["363636.36", "2"]


def test_csv_cells_never_run_as_formulas(client, registry, portfolio):
    portfolio.name_en = "=HYPERLINK(\"http://example.org\")"
    portfolio.save()
    rows = rows_of(client.get(en("results:statistics_csv", table="portfolios")))
    assert rows[2][0] == "'=HYPERLINK(\"http://example.org\")"


def test_csv_of_indicators(client, values):
    rows = rows_of(client.get(en("results:statistics_csv", table="indicators-by-portfolio")))
    assert rows[1] == ["Renewable energy", "CO34", "Estimated annual decrease of GHG", "tonnes of CO2eq", "",
                       "1500", "600", "40", "700", "2"]


def test_csv_of_engagement(client, meetings):
    assert rows_of(client.get(en("results:statistics_csv", table="engagement")))[2] == ["Renewable energy", "2", "1", "1"]
    assert rows_of(client.get(en("results:statistics_csv", table="meetings-attended")))[1:] == [
        ["0", "1"], ["1", "1"], ["2", "1"],
    ]


def test_unknown_table(client):
    assert client.get(en("results:statistics_csv", table="people")).status_code == 404


def test_csv_wrong_method(client):
    assert client.post(en("results:statistics_csv", table="portfolios")).status_code == 405


@pytest.fixture
def bulk(registry, make_project, county):
    """Add ``number`` more projects with co-financing and approved values."""
    from samverka.registry.models import CoFinancing

    def add(number):
        for _ in range(number):
            project = make_project(title="Fler")
            CoFinancing.objects.create(project=project, financier="Kommunen", amount=Decimal("1000"))
    return add


# portfolios, regions, periods, themes; projects by group, co-financing by group, counties,
# co-financing by county; newest project change, newest import; indicators by portfolio and by
# programme; engagement by portfolio, meetings attended
QUERIES = 14


@pytest.mark.parametrize("number", [0, 20])
def test_statistics_query_count_does_not_grow(client, bulk, values, meetings, django_assert_num_queries, number):
    bulk(number)
    with django_assert_num_queries(QUERIES):
        assert client.get(en("results:statistics")).status_code == 200


def test_statistics_query_count_with_one_project(client, make_project, django_assert_num_queries):
    make_project()
    with django_assert_num_queries(QUERIES):
        client.get(en("results:statistics"))


@pytest.mark.parametrize("number", [0, 20])
def test_csv_query_count_does_not_grow(client, bulk, django_assert_num_queries, number):
    bulk(number)
    # With no figures kept, every part is computed, so the page and its files show one computation.
    with django_assert_num_queries(QUERIES):
        client.get(en("results:statistics_csv", table="counties"))


@pytest.mark.django_db(transaction=True)  # the real worker closes the connection when done
def test_a_change_of_counties_starts_a_new_generation(client, registry, skane, django_capture_on_commit_callbacks):
    rows = rows_of(client.get(en("results:statistics_csv", table="counties")))
    assert rows[1][:2] == ["Skåne län", "2"]  # P2 and P3
    with django_capture_on_commit_callbacks(execute=True):
        registry["p1"].counties.add(skane)
    assert rows_of(client.get(en("results:statistics_csv", table="counties")))[1][:2] == ["Skåne län", "2"]
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)  # the refresh it queued (test_freshness.py)
    assert rows_of(client.get(en("results:statistics_csv", table="counties")))[1][:2] == ["Skåne län", "3"]


def test_each_language_has_its_own_figures(client, registry):
    assert "Renewable energy" in client.get(en("results:statistics")).content.decode()
    with override("sv"):
        swedish = reverse("results:statistics")
    assert "Förnybar energi" in client.get(swedish).content.decode()
