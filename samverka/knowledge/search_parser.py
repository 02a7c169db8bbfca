"""The search box's language, read once in Python and spoken to both databases.

What people type is read the way PostgreSQL's ``websearch_to_tsquery`` reads it: words
(all must match), ``"quoted phrases"``, ``or`` between two terms (either may match) and
``-word`` or ``-"a phrase"`` to exclude. One reading then becomes a ``to_tsquery`` text
for PostgreSQL and an FTS5 ``MATCH`` expression for SQLite, per language (a Swedish entry
is matched with Swedish stems, an English one with English stems), so the two engines agree
on what a query means.

Compound-friendly: a single word whose stem has at least ``PREFIX_MIN`` letters also matches
longer words that begin with it ("energieffektiv" finds "energieffektivisering",
"laddstolpe" finds "laddstolpsprojekt"), on both engines. Words inside a phrase match exactly.

Pure functions over strings; the stems come from ``stemming.py`` (the same Snowball
algorithms as PostgreSQL's ``swedish`` and ``english`` configurations).
"""

import re
from dataclasses import dataclass, field

from .stemming import STOP_WORDS, stem, words

PREFIX_MIN = 4
# A token: an optional minus, then a quoted phrase (an unclosed quote runs to the end) or a run of non-space.
TOKEN = re.compile(r'(-?)(?:"([^"]*)"?|(\S+))')


@dataclass(frozen=True)
class Term:
    """A word, or a phrase's words in order (lower-cased, as typed)."""

    words: tuple[str, ...]
    phrase: bool = False


@dataclass(frozen=True)
class Query:
    """All ``groups`` must match (each group: any one of its terms); no ``excluded`` term may."""

    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()

    def __bool__(self):
        return bool(self.groups)


def parse(text: str) -> Query:
    """Read a websearch-style query. Never fails: what cannot be read is left out."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for minus, quoted, bare in TOKEN.findall(text):
        if quoted == "" and bare == "":
            continue
        if not minus and bare.lower() == "or" and not quoted:
            # "or" joins the previous term with the next one; at the start or end it is nothing.
            join_next = bool(groups)
            continue
        found = words(quoted if quoted else bare)
        if not found:
            join_next = False
            continue
        term = Term(tuple(found), phrase=bool(quoted) or len(found) > 1)
        if minus:
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    return Query(tuple(tuple(group) for group in groups), tuple(excluded))


@dataclass(frozen=True)
class Stemmed:
    """A term seen in one language: its stems, and whether the last one matches as a prefix."""

    words: tuple[str, ...]  # as typed, stop words left in (PostgreSQL keeps their positions)
    stems: tuple[str, ...]  # stop words left out (the FTS5 table holds no stop words)
    prefix: bool


def _stemmed(term: Term, language: str) -> Stemmed | None:
    stop = STOP_WORDS.get(language, STOP_WORDS["sv"])
    kept = [word for word in term.words if word not in stop]
    if not kept:
        return None
    stems = tuple(stem(word, language) for word in kept)
    prefix = not term.phrase and len(stems[0]) >= PREFIX_MIN and not stems[0].isdigit()
    return Stemmed(term.words if term.phrase else tuple(kept), stems, prefix)


@dataclass
class Compiled:
    """A query for one language: kept groups and exclusions, ready for either engine."""

    language: str
    groups: list[list[Stemmed]] = field(default_factory=list)
    excluded: list[Stemmed] = field(default_factory=list)

    def __bool__(self):
        return bool(self.groups)

    def tsquery(self, part: str = "all") -> str:
        """Text for ``to_tsquery(<config>, …)``: PostgreSQL stems the words itself.

        ``part`` is "all", "included" (the groups) or "excluded" (any excluded term, un-negated).
        """

        def one(term: Stemmed) -> str:
            text = " <-> ".join(f"'{word}'" for word in term.words)
            return f"({text})" if len(term.words) > 1 else text + (":*" if term.prefix else "")

        def any_of(terms: list[Stemmed]) -> str:
            return "(" + " | ".join(one(term) for term in terms) + ")"

        if part == "excluded":
            return any_of(self.excluded) if self.excluded else ""
        text = " & ".join(any_of(group) for group in self.groups)
        if self.excluded and part == "all":
            text += " & !" + any_of(self.excluded)
        return text

    def fts5(self, part: str = "all") -> str:
        """An FTS5 ``MATCH`` expression over the stems stored in the FTS5 table (``part`` as above)."""

        def one(term: Stemmed) -> str:
            return '"' + " ".join(term.stems) + '"' + ("*" if term.prefix else "")

        def any_of(terms: list[Stemmed]) -> str:
            return "(" + " OR ".join(one(term) for term in terms) + ")"

        if part == "excluded":
            return any_of(self.excluded) if self.excluded else ""
        text = " AND ".join(any_of(group) for group in self.groups)
        if self.excluded and part == "all":
            text += " NOT " + any_of(self.excluded)
        return text

    def highlights(self, word: str) -> bool:
        """Whether ``word`` of a text in this language is one the query looks for."""
        word_stem = stem(word, self.language)
        for group in self.groups:
            for term in group:
                for term_stem in term.stems:
                    if word_stem == term_stem or (term.prefix and word_stem.startswith(term_stem)):
                        return True
        return False


def compile_query(query: Query, language: str) -> Compiled:
    """The query in ``language``: stop words and terms made only of stop words left out."""
    compiled = Compiled(language)
    for group in query.groups:
        kept = [stemmed for term in group if (stemmed := _stemmed(term, language))]
        if kept:
            compiled.groups.append(kept)
    compiled.excluded = [stemmed for term in query.excluded if (stemmed := _stemmed(term, language))]
    return compiled
