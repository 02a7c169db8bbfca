"""What a search means, the same on SQLite (FTS5) and PostgreSQL (tsvector): the suite runs on
whichever database DATABASE_URL names, and CI runs it on both."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from samverka.knowledge import search as search_index
from samverka.knowledge import search_results
from samverka.knowledge.models import KnowledgeItem, SearchEntry, SearchFacets, SearchMatch
from samverka.knowledge.search_results import Filters, search

pytestmark = pytest.mark.django_db


def test_transporter_and_transport_find_each_other(make_item, reindex, find):
    make_item(title="Tunga transporter på väg")
    make_item(title="Transport av gods")
    reindex()
    assert set(find("transporter")) == {"Tunga transporter på väg", "Transport av gods"}
    assert set(find("transport")) == {"Tunga transporter på väg", "Transport av gods"}


def test_laddstolpar_and_laddstolpe_find_each_other(make_item, reindex, find):
    make_item(title="Fler laddstolpar i Luleå")
    make_item(title="En laddstolpe vid varje gård")
    reindex()
    assert set(find("laddstolpe")) == {"Fler laddstolpar i Luleå", "En laddstolpe vid varje gård"}
    assert set(find("laddstolpar")) == {"Fler laddstolpar i Luleå", "En laddstolpe vid varje gård"}


def test_a_word_finds_compounds_that_begin_with_it(make_item, reindex, find):
    make_item(title="Energieffektivisering i småföretag")
    make_item(title="Elbilar i hemtjänsten")
    reindex()
    assert find("energieffektiv") == ["Energieffektivisering i småföretag"]
    # Short words match whole words only: "el" is not the start of every "el…" word.
    assert find("el") == []


def test_title_match_ranks_above_lead_and_text_matches(make_item, reindex, find):
    make_item(title="Om spridning", body="Biogas från gödsel i hela länet.")
    make_item(title="Vindkraft", lead="Hur vi fick fart på biogas.")
    make_item(title="Biogas på gården")
    reindex()
    assert find("biogas") == ["Biogas på gården", "Vindkraft", "Om spridning"]


def test_phrase_needs_the_words_together(make_item, reindex, find):
    make_item(title="Vätgas i Norrbotten")
    make_item(title="Norrbotten satsar", lead="Vätgas och sol.")
    reindex()
    assert find('"vätgas i norrbotten"') == ["Vätgas i Norrbotten"]
    assert set(find("vätgas norrbotten")) == {"Vätgas i Norrbotten", "Norrbotten satsar"}


def test_minus_excludes(make_item, reindex, find):
    make_item(title="Solceller på ladugården")
    make_item(title="Solceller och dieselaggregat")
    reindex()
    assert find("solceller -diesel") == ["Solceller på ladugården"]
    assert find('solceller -"på ladugården"') == ["Solceller och dieselaggregat"]


def test_or_finds_either(make_item, reindex, find):
    make_item(title="Vindkraft till havs")
    make_item(title="Solkraft på taken")
    make_item(title="Vattenkraft i älven")
    reindex()
    assert set(find("vindkraft or solkraft")) == {"Vindkraft till havs", "Solkraft på taken"}


def test_english_items_are_found_by_english_words(make_item, reindex, find):
    make_item(title="Charging stations for electric lorries", lead="What we learnt.", language="en")
    make_item(title="Laddning av lastbilar", lead="Vad vi lärde oss.")
    reindex()
    assert find("charging station") == ["Charging stations for electric lorries"]
    assert find("lorry") == ["Charging stations for electric lorries"]


def test_nothing_to_look_for_searches_nothing(make_item, reindex):
    make_item(title="Vind och sol")
    reindex()
    for text in ("-vind", '"" ...', "och"):
        found = search(text)
        assert found.total == 0 and found.results == []
    assert not search("-vind").searched


def test_results_in_the_page_language_first(make_item, reindex, find):
    make_item(title="Biogas in the north", lead="Biogas biogas.", language="en")
    make_item(title="Om gödsel", body="Lite om biogas.")
    reindex()
    assert find("biogas", language="sv") == ["Om gödsel", "Biogas in the north"]
    assert find("biogas", language="en") == ["Biogas in the north", "Om gödsel"]


def test_a_scheduled_news_item_is_found_only_when_due(make_news, reindex, find):
    now = timezone.now()
    make_news(title="Nytt webbinarium om vätgas", publish_at=now + datetime.timedelta(days=2))
    reindex()
    assert SearchEntry.objects.filter(source="news").count() == 1
    assert find("vätgas", now=now) == []
    assert find("vätgas", now=now + datetime.timedelta(days=3)) == ["Nytt webbinarium om vätgas"]


def test_snippet_marks_the_words_found_and_escapes_the_text(make_item, reindex):
    make_item(title="Tips", body="Vi byggde <script>alert(1)</script> fler **laddstolpar** vid skolan & förskolan.")
    reindex()
    snippet = str(search("laddstolpe").results[0].snippet)
    assert "<mark>laddstolpar</mark>" in snippet
    assert "<script>" not in snippet and "&amp;" in snippet


def test_snippet_of_a_typed_script_tag_is_escaped(make_item, reindex):
    make_item(title="Kod", lead="Om laddstolpar: skriv inte <script>alert('x')</script> i fältet.")
    reindex()
    snippet = str(search("laddstolpar").results[0].snippet)
    # Escaped on SQLite; PostgreSQL's parser drops tag-like words from headlines altogether.
    assert "<script" not in snippet and "alert(&#x27;x&#x27;)" in snippet
    assert "<mark>laddstolpar</mark>" in snippet


def test_facets_count_each_under_the_other_filters(make_item, make_news, make_project, reindex, portfolio, other_portfolio, area):
    make_project(title="Biogas i Norrbotten")
    make_item(title="Biogas på gården", kind=KnowledgeItem.Kind.TIP)
    make_item(title="Biogas i staden", kind=KnowledgeItem.Kind.RESULT, portfolios=[other_portfolio])
    news = make_news(title="Biogasdag")
    news.portfolios.set([other_portfolio])
    reindex()

    everything = search("biogas")
    assert everything.total == 4
    assert everything.facets["kind"] == {"project": 1, "tip": 1, "result": 1, "news": 1}
    assert everything.facets["portfolio"] == {portfolio.pk: 2, other_portfolio.pk: 2}
    assert everything.facets["area"] == {area.pk: 1}

    tips = search("biogas", filters=Filters(kinds=("tip",)))
    assert tips.total == 1 and [r.title for r in tips.results] == ["Biogas på gården"]
    # The kind facet still counts the other kinds; the portfolio facet counts only tips.
    assert tips.facets["kind"] == {"project": 1, "tip": 1, "result": 1, "news": 1}
    assert tips.facets["portfolio"] == {portfolio.pk: 1}

    both = search("biogas", filters=Filters(kinds=("tip", "news"), portfolios=(other_portfolio.pk,)))
    assert [r.title for r in both.results] == ["Biogasdag"]
    year = timezone.localdate().year
    assert search("biogas", filters=Filters(years=(2019,))).total == 1  # the project's start year
    assert search("biogas", filters=Filters(years=(year,))).facets["kind"]["tip"] == 1


def test_page_past_the_last_gives_the_last(make_item, reindex):
    for number in range(13):
        make_item(title=f"Biogas nummer {number}")
    reindex()
    found = search("biogas", page=9)
    assert (found.total, found.page, found.pages, len(found.results)) == (13, 2, 2, 3)


def test_results_link_to_their_pages(make_item, make_news, make_event, make_project, reindex):
    project = make_project(title="Biogas i Norrbotten")
    item = make_item(title="Biogas på gården")
    news = make_news(title="Biogasdag")
    event = make_event(title="Biogaswebbinarium")
    reindex()
    urls = {result.title: result.url for result in search("biogas").results}
    assert urls == {
        "Biogas i Norrbotten": project.get_absolute_url(),
        "Biogas på gården": item.get_absolute_url(),
        "Biogasdag": news.get_absolute_url(),
        "Biogaswebbinarium": event.get_absolute_url(),
    }


def test_entries_with_the_same_facet_values_share_one_row(make_item, reindex, other_portfolio):
    first = make_item(title="Biogas på gården")
    make_item(title="Biogas i staden")
    other = make_item(title="Biogas i skogen", portfolios=[other_portfolio])
    reindex()
    rows = dict(SearchEntry.objects.values_list("object_id", "facets_id"))
    assert len(set(rows.values())) == 2 and rows[first.pk] != rows[other.pk]
    assert SearchFacets.objects.get(pk=rows[other.pk]).portfolio_ids == [other_portfolio.pk]


@pytest.mark.parametrize("way", ["index", "walk", "collect"])
def test_every_way_to_the_candidates_finds_the_same_page(make_item, reindex, other_portfolio, monkeypatch, way):
    """PostgreSQL finds the page's candidates through the GIN index, by walking the newest entries
    (``walks``: a common word) or in the facet query (``collects``: a rarer one); each gives the
    newest RANK_LIMIT matches in the page's language, ranked. (SQLite has one way, which must
    give the same page.)"""
    now = timezone.now()
    for number, (title, lead) in enumerate([
        ("Biogas", ""), ("Om gödsel", "Biogas."), ("Biogas biogas", "Biogas."), ("Vindkraft", ""),
        ("Lite om biogas", ""), ("Biogas i Skåne", "Biogas och gödsel."), ("Sol", "Biogas."),
    ]):
        make_item(title=title, lead=lead or "Kort.", published_at=now - datetime.timedelta(days=10 - number))
    make_item(title="Biogas in English", language="en")
    make_item(title="Biogas i en annan portfölj", portfolios=[other_portfolio])
    reindex()
    monkeypatch.setattr(search_results, "RANK_LIMIT", 4)
    for engine in (search_results._PostgreSQL, search_results._SQLite):
        monkeypatch.setattr(engine, "walks", staticmethod(lambda in_language, entries: way == "walk"))
        monkeypatch.setattr(engine, "collects", lambda *args: way == "collect" and engine is search_results._PostgreSQL)
    # The newest four Swedish matches (by id: not the English one, not "Biogas biogas"), ranked.
    titles = [r.title for r in search("biogas").results]
    assert set(titles) == {"Biogas i en annan portfölj", "Biogas i Skåne", "Lite om biogas", "Sol"}
    assert titles[0] == "Biogas i Skåne" and titles[-1] == "Sol"  # title and lead; lead only
    filtered = search("biogas", filters=Filters(portfolios=(other_portfolio.pk,)))
    assert [r.title for r in filtered.results] == ["Biogas i en annan portfölj"]


def test_walking_is_chosen_when_it_reads_a_quarter_of_the_matches_or_less(monkeypatch):
    monkeypatch.setattr(search_results, "RANK_LIMIT", 1000)  # walking reads 1 000 × entries / matches
    walks = search_results._PostgreSQL.walks
    assert walks(82_000, 100_000) and walks(20_000, 100_000)
    assert not walks(19_000, 100_000) and not walks(6_500, 100_000)
    assert not walks(999, 1_000) and not walks(50_000, None)
    assert not search_results._SQLite.walks(82_000, 100_000)


def test_only_the_ranked_matches_have_pages(make_item, reindex, monkeypatch):
    for number in range(9):
        make_item(title=f"Biogas nummer {number}")
    reindex()
    monkeypatch.setattr(search_results, "RANK_LIMIT", 5)
    # Nine matches, the newest five ranked: one page of five at two a page would be three.
    monkeypatch.setattr(search_results, "PER_PAGE", 2)
    found = search("biogas", page=4)
    assert (found.total, found.pages, found.page, len(found.results), found.limited) == (9, 3, 3, 1, True)
    assert not search("biogas nummer 1").limited


def test_match_rows_keep_their_vectors_out_of_line(make_item, reindex):
    """PostgreSQL: a match row holds a pointer to its vector, which is in the table's TOAST
    (migration 0011), whether written by a rebuild or by indexing one item; the stage the vectors
    pass through is empty afterwards. SQLite has no match rows (its FTS5 table plays their part)."""
    text = "Rötning av gödsel från gårdar i länet ger biogas, biogödsel och värme till bygden. "
    make_item(title="Biogas på gården", body=text * 3)
    make_item(title="Biogas i staden", body=text * 2)
    reindex()
    third = make_item(title="Biogas i skogen", body=text)
    search_index.index_knowledge_items([third.pk])
    if connection.vendor != "postgresql":
        assert not SearchMatch.objects.exists()
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltoastrelid::regclass::text FROM pg_class WHERE oid = %s::regclass",
                       [SearchMatch._meta.db_table])
        toast = cursor.fetchone()[0]
        cursor.execute(f"SELECT count(DISTINCT chunk_id) FROM {toast}")  # noqa: S608 — a name from the catalogue
        out_of_line = cursor.fetchone()[0]
        cursor.execute(f"SELECT count(*) FROM {search_index.VECTOR_STAGE}")  # noqa: S608
        staged = cursor.fetchone()[0]
    assert (SearchMatch.objects.count(), out_of_line, staged) == (3, 3, 0)
