"""similarity.py: pure functions over plain data (no database)."""

import math

import pytest

from samverka.knowledge import similarity
from samverka.knowledge.similarity import Document


def doc(key, text, *, portfolio=None, theme=None, area=None):
    counts, words = similarity.analyse(text)
    return Document(key=key, counts=counts, words=words,
                    portfolios=frozenset([portfolio]) if portfolio else frozenset(), theme=theme, area=area)


def test_analyse_counts_stems_and_keeps_the_most_common_word():
    counts, words = similarity.analyse("Laddplatser och laddplatsen för tunga fordon. Laddplatser i 2020, i Kiruna.")

    assert counts["laddplats"] == 3
    assert words["laddplats"] == "laddplatser"  # used twice, against once
    assert "och" not in counts and "i" not in counts  # stop words
    assert "2020" not in counts  # bare numbers say nothing about the topic


def test_english_text_is_stemmed_in_english():
    counts, words = similarity.analyse("Charging stations and a charging station", "en")

    assert counts == {"charg": 2, "station": 2}
    assert words["station"] == "stations"


def test_sublinear_tf_and_smoothed_idf():
    assert similarity.tf(1) == 1.0
    assert similarity.tf(3) == pytest.approx(1 + math.log(3))
    assert similarity.idf(0, 9) == pytest.approx(math.log(10) + 1)
    # A stem in every document still weighs something.
    assert similarity.idf(9, 9) == pytest.approx(1.0)


def test_cosine():
    assert similarity.cosine({"a": 1.0}, {"a": 3.0}) == pytest.approx(1.0)
    assert similarity.cosine({"a": 1.0}, {"b": 1.0}) == 0.0
    assert similarity.cosine({}, {"a": 1.0}) == 0.0
    assert similarity.cosine({"a": 1.0, "b": 1.0}, {"a": 1.0}) == pytest.approx(1 / math.sqrt(2))


def idf_over(documents):
    frequencies = {}
    for document in documents:
        for stem in document.counts:
            frequencies[stem] = frequencies.get(stem, 0) + 1
    return lambda stem: similarity.idf(frequencies.get(stem, 0), len(documents))


@pytest.fixture
def corpus():
    return [
        doc(("project", 1), "Laddplatser för tunga fordon längs stråken. Åkerier planerar laddplatser.", portfolio=1, area=7),
        doc(("project", 2), "Laddplats för tunga lastbilar. Åkerier och elnätsbolag bygger laddplatsen.", portfolio=1, area=8),
        doc(("project", 3), "Laddplatser för tunga fordon och åkerier.", portfolio=2, area=7),
        doc(("project", 4), "Solceller på lantbruk och gårdar.", portfolio=2, area=7),
        doc(("knowledge", 5), "Tips: så fick vi åkerier att bygga laddplatser tillsammans.", portfolio=1),
    ]


def test_rank_orders_by_text_and_gives_reasons(corpus):
    idf_of = idf_over(corpus)
    documents = [similarity.with_norm(document, idf_of) for document in corpus]

    matches = similarity.rank(documents[0], documents, idf_of)

    keys = [match.key for match in matches]
    assert ("project", 1) not in keys  # never itself
    assert ("project", 4) not in keys  # no shared word: no match, whatever the portfolio or area
    assert keys[0] == ("project", 3)  # nearly the same words
    best = matches[0]
    # The heaviest shared stems, each as the source writes it ("laddplatser", not "laddplats").
    assert best.terms == ["fordon", "laddplatser", "tunga"]
    assert (best.same_portfolio, best.same_theme, best.same_area) == (False, False, True)
    assert best.score == pytest.approx(best.text_score + similarity.AREA_BONUS)


def test_structural_bonus_breaks_a_tie_of_text():
    twins = [
        doc(("project", 1), "Biogas i bussar", portfolio=1, theme=4),
        doc(("project", 2), "Biogas i bussar", portfolio=2, theme=4),
        doc(("project", 3), "Biogas i bussar", portfolio=1, theme=4),
    ]
    idf_of = idf_over(twins)
    documents = [similarity.with_norm(document, idf_of) for document in twins]

    matches = similarity.rank(documents[1], documents, idf_of)
    assert [match.key[1] for match in matches] == [1, 3]  # equal: the lower id first
    matches = similarity.rank(documents[0], documents, idf_of)
    assert [match.key[1] for match in matches] == [3, 2]  # the same portfolio first
    assert matches[0].score - matches[1].score == pytest.approx(similarity.PORTFOLIO_BONUS)


def test_rank_keeps_the_limit():
    many = [doc(("project", n), f"Vätgas i tunga transporter nummer{n}") for n in range(1, 20)]
    idf_of = idf_over(many)
    documents = [similarity.with_norm(document, idf_of) for document in many]

    assert len(similarity.rank(documents[0], documents, idf_of)) == similarity.NEIGHBOURS


def test_an_empty_document_has_no_neighbours(corpus):
    idf_of = idf_over(corpus)
    empty = similarity.with_norm(doc(("project", 9), "och i att"), idf_of)

    assert similarity.rank(empty, [similarity.with_norm(d, idf_of) for d in corpus], idf_of) == []
    assert similarity.postings(empty, idf_of) == []


def test_index_finds_the_same_neighbours_as_a_full_ranking(corpus):
    idf_of = idf_over(corpus)
    documents = [similarity.with_norm(document, idf_of) for document in corpus]
    index = similarity.Index(documents, idf_of)

    candidates = index.candidates(documents[0])

    assert set(candidates) == {"project", "knowledge"}
    assert ("project", 1) not in candidates["project"]
    by_key = {d.key: d for d in documents}
    ranked = similarity.rank(documents[0], [by_key[key] for key in candidates["project"]], idf_of)
    assert ranked == [m for m in similarity.rank(documents[0], documents, idf_of) if m.key[0] == "project"]
