"""The map: outlines for every county, areas as unions of counties, shading, links, the table, queries."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.translation import override

from samverka.results import maps

pytestmark = pytest.mark.django_db


def en(name, **kwargs):
    with override("en"):
        return reverse(name, kwargs=kwargs)


def test_outlines_have_all_21_counties():
    counties = maps.outlines()["counties"]
    assert sorted(counties) == ["01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18",
                                "19", "20", "21", "22", "23", "24", "25"]
    assert all(path.startswith("M") and path.endswith("Z") for _name, path in counties.values())


def test_every_county_is_in_exactly_one_programme_area():
    listed = [code for codes in maps.AREA_COUNTIES.values() for code in codes]
    assert sorted(listed) == sorted(maps.outlines()["counties"]) and len(listed) == len(set(listed)) == 21


def test_the_boundaries_are_light():
    assert maps.GEO.stat().st_size < 40_000


@pytest.mark.parametrize(
    "value, shade", [(0, 0), (20, 1), (40, 1), (41, 2), (60, 2), (80, 3), (81, 4), (100, 4)]
)
def test_shades_in_equal_steps_from_the_smallest_figure(value, shade):
    assert maps.shade_of(value, 20, 100) == shade


def test_one_figure_everywhere_is_the_darkest_shade():
    assert maps.shade_of(7, 7, 7) == 4 and maps.legend(7, 7) == [(0, 0, 0), (4, 7, 7)]


def test_legend_steps():
    assert maps.legend(20, 100) == [(0, 0, 0), (1, 20, 40), (2, 40, 60), (3, 60, 80), (4, 80, 100)]


def test_area_map_links_each_area_to_the_filtered_project_list(client, funded):
    page = client.get(en("results:map")).content.decode()
    assert page.count('class="map-place') == 8
    assert '<a href="/en/projekt/?area=ovre-norrland" class="map-place shade-4" aria-label="Övre Norrland: SEK 6,000,000">' in page
    assert '<a href="/en/projekt/?area=se22" class="map-place shade-1" aria-label="Område SE22: SEK 1,000,000">' in page
    assert '<a href="/en/projekt/?area=se11" class="map-place shade-0" aria-label="Område SE11: SEK 0">' in page
    # An area is drawn as its counties: Övre Norrland has two.
    area = re.search(r'area=ovre-norrland" class.*?</a>', page, re.S).group(0)
    assert area.count("<path ") == 2


def test_county_map_by_number_of_projects(client, funded):
    page = client.get(en("results:map") + "?level=county&measure=projects").content.decode()
    assert page.count('class="map-place') == 21
    assert '<a href="/en/projekt/?county=norrbottens-lan" class="map-place shade-4" aria-label="Norrbottens län: 2">' in page
    assert '<a href="/en/projekt/?county=lan-12" class="map-place shade-1" aria-label="Län 12: 1">' in page


def test_map_in_euros(client, funded, settings):
    settings.EUR_RATE = Decimal("10")
    page = client.get(en("results:map") + "?currency=EUR").content.decode()
    assert 'aria-label="Övre Norrland: EUR 600,000"' in page


def test_legend_names_the_areas_of_each_shade(client, funded):
    page = client.get(en("results:map")).content.decode()
    legend = page[page.index('<ul class="legend">'):page.index("</ul>", page.index('<ul class="legend">'))]
    assert 'SEK 4,750,000 to SEK 6,000,000:' in legend and '<a href="/en/projekt/?area=ovre-norrland">Övre Norrland</a>' in legend


def test_table_alternative(client, funded):
    page = client.get(en("results:map")).content.decode()
    assert '<caption id="programme-areas-caption">Funding by programme area</caption>' in page
    assert '<th scope="row"><a href="/en/projekt/?area=ovre-norrland">Övre Norrland</a></th>' in page


def test_regions_missing_from_the_registry_are_drawn_but_not_linked(client, area):
    page = client.get(en("results:map")).content.decode()
    svg = page[page.index("<svg class=\"sweden-map\""):page.index("</svg>")]
    assert svg.count("<a href=") == 1  # only Övre Norrland is in this registry
    assert page.count('<g class="map-place shade-0" aria-hidden="true">') == 7


def test_unknown_switch_values_fall_back(client, funded):
    page = client.get(en("results:map") + "?level=kommun&measure=x&currency=GBP").content.decode()
    assert 'aria-label="Övre Norrland: SEK 6,000,000"' in page


def test_the_page_is_light(client, funded):
    assert len(client.get(en("results:map") + "?level=county").content) < 100_000


def test_wrong_method(client):
    assert client.post(en("results:map")).status_code == 405


@pytest.mark.parametrize("number", [1, 20])
def test_query_count_does_not_grow(client, sweden, make_project, django_assert_num_queries, number):
    for _ in range(number):
        make_project(area=sweden["SE33"], counties=[sweden["25"]])
    # With no figures kept, every part of them is computed (as for the statistics page): regions,
    # portfolios, periods, themes; four sums; newest project change and import; indicators by
    # portfolio and by programme; engagement by portfolio, meetings attended.
    with django_assert_num_queries(14):
        client.get(en("results:map"))
