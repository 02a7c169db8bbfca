"""Projects like yours: TF-IDF over Snowball stems, cosine similarity, neighbours with reasons.

Pure functions over plain data: no database (``related.py`` stores profiles and results and
refreshes them), no model downloaded, nothing but the Snowball stemmers of ``stemming.py``.

- A document is the text of a project (title, summary, purpose, background, target groups,
  expected results, and its active cooperation wishes) or of a knowledge item (title, lead,
  body). The title counts twice: it is the author's own summary of the summary.
- Weights: sublinear term frequency ``1 + ln(count)`` times the smoothed inverse document
  frequency ``ln((1 + n) / (1 + df)) + 1`` (n documents, df of them with the stem; the
  defaults of scikit-learn's ``TfidfVectorizer``). Documents are compared by the cosine of
  their weight vectors.
- **Structural bonus**, added to the cosine: +0.05 for a shared portfolio, +0.03 for the same
  theme area, +0.02 for the same programme area. Small beside the text scores of documents
  that really are alike (0.2–0.7), so text decides, while of two equally worded candidates the
  one in the same portfolio comes first. A candidate needs a text score of at least
  ``MIN_TEXT_SCORE``: a shared portfolio alone is no reason.
- Reasons: the shared stems that carry most of the score, each shown as the word the source
  itself uses most for it ("laddplatser", not "laddplats"), and the shared facets.
- Scale: each document indexes only its ``INDEXED_TERMS`` heaviest stems, a query uses only
  its ``QUERY_TERMS`` heaviest (as Lucene's "more like this" does), and for each of those only
  the ``CHAMPIONS`` documents where the stem weighs most are read (champion lists, Manning et
  al., *Introduction to Information Retrieval*, 7.1.3), so finding candidates costs the same at
  a thousand documents as at a million. The candidates are then ranked by the exact cosine
  over all shared stems.
"""

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from . import stemming

PORTFOLIO_BONUS = 0.05
THEME_BONUS = 0.03
AREA_BONUS = 0.02
MIN_TEXT_SCORE = 0.02
NEIGHBOURS = 8  # stored per source and kind of target
REASON_TERMS = 3
INDEXED_TERMS = 40
QUERY_TERMS = 25
CANDIDATES = 40  # per kind of target, ranked exactly afterwards
CHAMPIONS = 200  # postings read per query stem: those where it weighs most

PROJECT = "project"
KNOWLEDGE = "knowledge"

IdfOf = Callable[[str], float]


@dataclass(frozen=True)
class Document:
    """One project or knowledge item as the similarity sees it."""

    key: tuple[str, int]  # (PROJECT or KNOWLEDGE, id)
    counts: dict[str, int]  # stem → occurrences
    words: dict[str, str] = field(default_factory=dict)  # stem → its most common word here
    portfolios: frozenset[int] = frozenset()
    theme: int | None = None
    area: int | None = None
    norm: float = 0.0  # the length of the weight vector; 0 until computed


@dataclass(frozen=True)
class Match:
    key: tuple[str, int]
    score: float  # text score plus the structural bonus
    text_score: float
    terms: list[str]  # the shared words that weigh most, as the source writes them
    same_portfolio: bool
    same_theme: bool
    same_area: bool


# --- Text → stems ------------------------------------------------------------------------------


def project_text(project, wishes: Iterable[str] = ()) -> str:
    """The words of a project that say what it is about (the title twice, see the module)."""
    parts = [
        project.title,
        project.title,
        project.summary,
        project.purpose,
        project.background,
        project.target_groups,
        project.expected_results,
        *wishes,
    ]
    return "\n".join(part for part in parts if part)


def item_text(item) -> str:
    return "\n".join(part for part in (item.title, item.title, item.lead, item.body) if part)


@lru_cache(maxsize=200_000)
def _stem(word: str, language: str) -> str:
    # Texts repeat their words; the Snowball stemmer is pure Python and keeps no cache itself.
    return stemming.stem(word, language)


def analyse(text: str, language: str = "sv") -> tuple[dict[str, int], dict[str, str]]:
    """``(counts, words)``: each stem's occurrences in ``text``, and the word most often used
    for it (the first one on a tie). Stop words, single letters and bare numbers are left out."""
    stop = stemming.STOP_WORDS.get(language, stemming.STOP_WORDS["sv"])
    counts: Counter[str] = Counter()
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    for word in stemming.words(text):
        if word in stop or len(word) < 2 or word.isdigit():
            continue
        stem = _stem(word, language)
        counts[stem] += 1
        surfaces[stem][word] += 1
    words = {stem: forms.most_common(1)[0][0] for stem, forms in surfaces.items()}
    return dict(counts), words


# --- Weights -----------------------------------------------------------------------------------


def tf(count: int) -> float:
    return 1.0 + math.log(count) if count > 0 else 0.0


def idf(documents_with_term: int, documents: int) -> float:
    return math.log((1 + documents) / (1 + documents_with_term)) + 1.0


def weights(counts: dict[str, int], idf_of: IdfOf) -> dict[str, float]:
    return {stem: tf(count) * idf_of(stem) for stem, count in counts.items()}


def length(vector: dict[str, float]) -> float:
    return math.sqrt(sum(value * value for value in vector.values()))


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """The cosine of two weight vectors (0 when either is empty)."""
    if len(b) < len(a):
        a, b = b, a
    dot = sum(value * b[stem] for stem, value in a.items() if stem in b)
    lengths = length(a) * length(b)
    return dot / lengths if lengths else 0.0


def with_norm(document: Document, idf_of: IdfOf) -> Document:
    """The document with the length of its weight vector under today's IDF."""
    return Document(
        key=document.key, counts=document.counts, words=document.words, portfolios=document.portfolios,
        theme=document.theme, area=document.area, norm=length(weights(document.counts, idf_of)),
    )


def heaviest(vector: dict[str, float], limit: int) -> list[tuple[str, float]]:
    """The ``limit`` heaviest stems, heaviest first (ties by stem, so the choice is stable)."""
    return heapq.nsmallest(limit, vector.items(), key=lambda pair: (-pair[1], pair[0]))


def postings(document: Document, idf_of: IdfOf, limit: int = INDEXED_TERMS) -> list[tuple[str, float]]:
    """What the inverted index keeps of a document: its heaviest stems, each with its sublinear
    term frequency over the vector's length (the IDF is applied on the query's side)."""
    if not document.norm:
        return []
    chosen = heaviest(weights(document.counts, idf_of), limit)
    return [(stem, tf(document.counts[stem]) / document.norm) for stem, _weight in chosen]


def query(document: Document, idf_of: IdfOf, limit: int = QUERY_TERMS) -> dict[str, float]:
    """The coefficients that turn a document's postings into its partial cosine with this one:
    ``Σ coefficient × posting weight`` over the query's heaviest stems."""
    vector = weights(document.counts, idf_of)
    norm = length(vector)
    if not norm:
        return {}
    return {stem: weight * idf_of(stem) / norm for stem, weight in heaviest(vector, limit)}


# --- Neighbours ------------------------------------------------------------------------------


def facets(source: Document, target: Document) -> tuple[bool, bool, bool]:
    """(same portfolio, same theme area, same programme area)."""
    return (
        bool(source.portfolios & target.portfolios),
        source.theme is not None and source.theme == target.theme,
        source.area is not None and source.area == target.area,
    )


def bonus(same_portfolio: bool, same_theme: bool, same_area: bool) -> float:
    return PORTFOLIO_BONUS * same_portfolio + THEME_BONUS * same_theme + AREA_BONUS * same_area


def rank(
    source: Document, candidates: Iterable[Document], idf_of: IdfOf, *, limit: int = NEIGHBOURS
) -> list[Match]:
    """The ``limit`` candidates most like ``source``, best first, with their reasons.

    Each candidate's ``norm`` must be set (``with_norm``, or as stored). The text score is the
    exact cosine over every shared stem; ties fall to the lower key, so results are stable.
    """
    vector = weights(source.counts, idf_of)
    source_norm = length(vector)
    if not source_norm:
        return []
    # Each shared stem adds (source weight × idf) × the candidate's tf: the first factor once.
    scaled = {stem: weight * idf_of(stem) for stem, weight in vector.items()}
    matches = []
    for candidate in candidates:
        if candidate.key == source.key or not candidate.norm:
            continue
        counts = candidate.counts
        contributions = {stem: scaled[stem] * tf(counts[stem]) for stem in scaled.keys() & counts.keys()}
        text_score = sum(contributions.values()) / (source_norm * candidate.norm)
        if text_score < MIN_TEXT_SCORE:
            continue
        same = facets(source, candidate)
        top = heaviest(contributions, REASON_TERMS)
        matches.append(
            Match(
                key=candidate.key,
                score=min(text_score, 1.0) + bonus(*same),
                text_score=min(text_score, 1.0),
                terms=[source.words.get(stem, stem) for stem, _value in top],
                same_portfolio=same[0],
                same_theme=same[1],
                same_area=same[2],
            )
        )
    return heapq.nsmallest(limit, matches, key=lambda match: (-match.score, match.key))


class Index:
    """An in-memory inverted index over many documents, for rebuilding every list at once
    (``related.refresh_all``); refreshing one source asks the database's copy instead."""

    def __init__(self, documents: Iterable[Document], idf_of: IdfOf):
        self.idf_of = idf_of
        everything: dict[str, list[tuple[tuple[str, int], float]]] = defaultdict(list)
        for document in documents:
            for stem, weight in postings(document, idf_of):
                everything[stem].append((document.key, weight))
        # Each kind's champions per stem, as the database's index is read (related._candidates).
        self.postings: dict[str, list[tuple[tuple[str, int], float]]] = {}
        for stem, entries in everything.items():
            champions = []
            for kind in {key[0] for key, _weight in entries}:
                of_kind = [entry for entry in entries if entry[0][0] == kind]
                champions += heapq.nsmallest(CHAMPIONS, of_kind, key=lambda entry: (-entry[1], entry[0][1]))
            self.postings[stem] = champions

    def candidates(self, source: Document, limit: int = CANDIDATES) -> dict[str, list[tuple[str, int]]]:
        """The keys of the likeliest neighbours of ``source``, up to ``limit`` of each kind."""
        scores: dict[tuple[str, int], float] = defaultdict(float)
        for stem, coefficient in query(source, self.idf_of).items():
            for key, weight in self.postings.get(stem, ()):
                scores[key] += coefficient * weight
        scores.pop(source.key, None)
        by_kind: dict[str, list[tuple[float, tuple[str, int]]]] = defaultdict(list)
        for key, score in scores.items():
            by_kind[key[0]].append((score, key))
        return {
            kind: [key for _score, key in heapq.nlargest(limit, pairs, key=lambda pair: (pair[0], -pair[1][1]))]
            for kind, pairs in by_kind.items()
        }
