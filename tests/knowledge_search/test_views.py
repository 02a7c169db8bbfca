"""The search page /sok/: the box, facets, results, pagination, bad input and its query count."""

import re

import pytest
from django.db import connection
from django.urls import reverse
from django.utils.translation import override

from samverka.knowledge import search_results
from samverka.knowledge.models import KnowledgeItem

pytestmark = pytest.mark.django_db


def en(name="knowledge:search"):
    with override("en"):
        return reverse(name)


def test_empty_search_shows_the_form_and_a_hint(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(en())
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="q"' in page and "Search projects, tips, results, project models" in page
    assert "search-results" not in page and "search-facets" not in page


def test_swedish_page_links_to_swedish_pages(client, make_item, reindex):
    item = make_item(title="Biogas på gården")
    reindex()
    page = client.get(reverse("knowledge:search"), {"q": "biogas"}).content.decode()
    assert f'<a href="{item.get_absolute_url()}">Biogas på gården</a>' in page


def test_results_with_kind_title_link_snippet_and_date(client, make_item, reindex):
    item = make_item(title="Biogas på gården", lead="Så fick vi fart på biogas i byn.")
    reindex()
    page = client.get(en(), {"q": "biogas"}).content.decode()
    assert "1 result<" in page
    with override("en"):
        url = item.get_absolute_url()
    assert f'<a href="{url}" lang="sv">Biogas på gården</a>' in page
    assert "<mark>biogas</mark>" in page
    assert '<span class="search-kind">Tip</span>' in page
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT[\d:.]+\+0[12]:00">\d+ \w+ \d{4}</time>', page)


def test_a_title_with_a_script_tag_is_escaped(client, make_item, reindex):
    make_item(title="<script>alert(1)</script> Biogas")
    reindex()
    page = client.get(en(), {"q": "biogas"}).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; Biogas" in page


def test_other_language_results_carry_lang(client, make_item, reindex):
    make_item(title="Biogas in the north", language="en")
    reindex()
    page = client.get(reverse("knowledge:search"), {"q": "biogas"}).content.decode()
    assert 'lang="en">Biogas in the north</a>' in page


def test_facets_are_checkboxes_with_counts_that_keep_the_query(client, make_item, make_project, reindex, portfolio):
    make_item(title="Biogas på gården")
    make_project(title="Biogas i Norrbotten")
    reindex()
    page = client.get(en(), {"q": "biogas", "kind": "tip"}).content.decode()
    assert 'type="checkbox" name="kind" value="tip" checked> Tip <span class="muted">(1)</span>' in page
    assert 'type="checkbox" name="kind" value="project"> Project <span class="muted">(1)</span>' in page
    assert f'name="portfolio" value="{portfolio.slug}"> Renewable energy <span class="muted">(1)</span>' in page
    assert 'name="area" value="ovre-norrland"> Övre Norrland <span class="muted">(0)</span>' not in page
    assert 'value="biogas"' in page  # the box keeps the query, in the same form as the facets
    assert "1 result<" in page


def test_pagination_keeps_query_and_filters(client, make_item, reindex):
    for number in range(15):
        make_item(title=f"Biogas {number}")
    reindex()
    page = client.get(en(), {"q": "biogas", "kind": "tip"}).content.decode()
    assert "Page 1 of 2" in page and 'href="?q=biogas&amp;kind=tip&amp;page=2" rel="next"' in page
    second = client.get(en(), {"q": "biogas", "kind": "tip", "page": "2"}).content.decode()
    assert "Page 2 of 2" in second and second.count('class="search-result"') == 5


def test_a_bad_page_number_gives_the_first_page(client, make_item, reindex):
    make_item(title="Biogas")
    reindex()
    assert "1 result<" in client.get(en(), {"q": "biogas", "page": "x"}).content.decode()


def test_too_long_a_search_is_refused_next_to_the_field(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(en(), {"q": "a" * 10_000})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<p class="error-message" id="id_q_error">Type at most 200 characters; this search has 10000.</p>' in page
    assert 'value="' + "a" * 10_000 + '"' in page


def test_unknown_filters_are_left_out_with_a_message(client, make_item, reindex):
    make_item(title="Biogas")
    reindex()
    for bad in ({"kind": "poem"}, {"portfolio": "no-such"}, {"area": "atlantis"}, {"year": "last"}):
        response = client.get(en(), {"q": "biogas", **bad})
        page = response.content.decode()
        assert response.status_code == 200
        assert "Some filters in the address are unknown and were left out." in page and "1 result<" in page


def test_nothing_found(client, make_item, reindex):
    make_item(title="Biogas")
    reindex()
    page = client.get(en(), {"q": "vindkraft"}).content.decode()
    assert "0 results" in page and "Nothing was found. Try fewer or other words, or fewer filters." in page


def test_nothing_to_look_for(client):
    page = client.get(en(), {"q": "-vind"}).content.decode()
    assert "The search has no words to look for. Try other words." in page


def test_wrong_method(client):
    assert client.post(en(), {"q": "biogas"}).status_code == 405


@pytest.mark.parametrize("collects", [True, False])
@pytest.mark.parametrize("count", [1, 30])
def test_query_count_is_fixed(client, make_item, make_news, make_project, reindex, django_assert_num_queries,
                              monkeypatch, count, collects):
    for number in range(count):
        make_item(title=f"Biogas {number}", kind=KnowledgeItem.Kind.RESULT if number % 2 else KnowledgeItem.Kind.TIP)
        make_news(title=f"Biogasnytt {number}")
        make_project(title=f"Biogas i byn {number}")
    reindex()
    # On PostgreSQL the facet query brings the page when the word is rare enough (``collects``:
    # the planner's guess, so a matter of the data); otherwise a second query fetches it.
    monkeypatch.setattr(search_results, "COLLECT_BELOW", 10**9 if collects else 0)
    # Portfolios, programme areas, the facet counts (and the page); on PostgreSQL also the
    # search's own transaction (a savepoint here, and its release), its SET LOCAL, the EXPLAIN
    # that chooses how to find the page's candidates and, when the facet query did not bring
    # it, the page of results.
    expected = (7 if collects else 8) if connection.vendor == "postgresql" else 4
    with django_assert_num_queries(expected):
        response = client.get(en(), {"q": "biogas", "kind": ["tip", "news", "project"], "page": "2"})
    assert response.status_code == 200
    assert response.content.decode().count('class="search-result"') == (search_results.PER_PAGE if count == 30 else 3)


def test_header_has_a_search_box(client):
    page = client.get(en("registry:home")).content.decode()
    assert '<form class="site-search" role="search" action="/en/sok/" method="get">' in page
    assert '<label for="site-search-q">Search the site</label>' in page


def test_more_matches_than_are_ranked_says_so(client, make_item, reindex, monkeypatch):
    from samverka.knowledge import search_results

    for number in range(3):
        make_item(title=f"Biogas nummer {number}")
    reindex()
    hint = "Fler än 2 sökträffar: de 2 senaste visas, bästa träff först."
    assert hint not in client.get(reverse("knowledge:search"), {"q": "biogas"}).text
    monkeypatch.setattr(search_results, "RANK_LIMIT", 2)
    response = client.get(reverse("knowledge:search"), {"q": "biogas"})
    assert "3 sökträffar" in response.text and hint in response.text
