"""Running a search: matching entries, ranked, one page of them, and the facet counts.

``search()`` makes exactly two SQL queries whatever the number of entries: one for the facet
counts and the total, one for the page of results (with snippets). Both share the matching
part, which is the only part that differs between the engines:

- PostgreSQL: ``vector @@ to_tsquery(<config>, …)`` per language (served by the GIN index),
  ranked by ``ts_rank`` (weights A 1.0, B 0.4, C 0.2 by default), snippets by ``ts_headline``.
- SQLite: FTS5 ``MATCH`` on the stems, ranked by ``bm25`` with the same weights, snippets made
  in Python by marking the words whose stem the query looks for.

A Swedish entry is matched with the query's Swedish stems and an English one with its English
stems (``search_parser.compile_query``). Results in the page's language come first, then by
rank. Facets are counted the usual way: each facet's counts apply the other facets' filters but
not its own, so ticking one kind still shows how many of the other kinds there are. A news item
set to appear later is left out until its time.
"""

import datetime
import math
import re
from dataclasses import dataclass, field

from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext_lazy

from .models import KnowledgeItem, SearchEntry
from .search import FTS_TABLE, START_MARK, STOP_MARK, is_postgresql
from .search_parser import Compiled, compile_query, parse
from .stemming import WORD

PER_PAGE = 20
SNIPPET_WORDS = 30
ENTRY = SearchEntry._meta.db_table
PORTFOLIO_LINKS = SearchEntry.portfolios.through._meta.db_table
AREA_LINKS = SearchEntry.areas.through._meta.db_table
HEADLINE_OPTIONS = (
    f"StartSel={START_MARK}, StopSel={STOP_MARK}, MaxWords={SNIPPET_WORDS}, MinWords=12, "
    "ShortWord=2, MaxFragments=2, FragmentDelimiter=\" … \""
)
URL_NAMES = {
    SearchEntry.Source.PROJECT: "registry:project",
    SearchEntry.Source.KNOWLEDGE: "knowledge:item",
    SearchEntry.Source.NEWS: "knowledge:news_item",
    SearchEntry.Source.EVENT: "meetings:event",
}
# The kinds of entry, as the facet and each result name them.
KIND_LABELS = {
    "project": pgettext_lazy("search kind", "project"),
    **dict(KnowledgeItem.Kind.choices),
    "news": pgettext_lazy("search kind", "news"),
    "event": pgettext_lazy("search kind", "event"),
}


@dataclass(frozen=True)
class Filters:
    """Chosen facet values (already checked against what exists); empty means "any"."""

    kinds: tuple[str, ...] = ()
    portfolios: tuple[int, ...] = ()
    areas: tuple[int, ...] = ()
    years: tuple[int, ...] = ()


@dataclass
class Result:
    source: str
    object_id: int
    kind: str
    language: str
    title: str
    year: int | None
    published_at: object
    snippet: SafeString

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def url(self) -> str:
        return reverse(URL_NAMES[self.source], kwargs={"pk": self.object_id})


@dataclass
class Found:
    total: int = 0
    page: int = 1
    pages: int = 1
    results: list[Result] = field(default_factory=list)
    # facet -> {value: count}; values are kinds, portfolio ids, area ids and years.
    facets: dict[str, dict] = field(default_factory=lambda: {"kind": {}, "portfolio": {}, "area": {}, "year": {}})
    searched: bool = False  # False when the query holds no word to look for


def search(text: str, *, filters: Filters = Filters(), language: str = "sv", page: int = 1, now=None) -> Found:
    """Search the index. ``page`` past the last one gives the last one."""
    query = parse(text)
    compiled = {lang: compile_query(query, lang) for lang in ("sv", "en")}
    compiled = {lang: c for lang, c in compiled.items() if c}
    if not compiled:
        return Found()
    engine = _PostgreSQL(compiled) if is_postgresql() else _SQLite(compiled)
    now = connection.ops.adapt_datetimefield_value(now or timezone.now())
    found = Found(searched=True)
    with connection.cursor() as cursor:
        sql, params = _facet_sql(engine, filters, now)
        cursor.execute(sql, params)
        for facet, value, count in cursor.fetchall():
            if facet == "total":
                found.total = count
            else:
                found.facets[facet][value if facet == "kind" else int(value)] = count
        found.pages = max(1, math.ceil(found.total / PER_PAGE))
        found.page = min(max(1, page), found.pages)
        if found.total:
            sql, params = engine.page_sql(_filter_sql(filters), now, language, (found.page - 1) * PER_PAGE)
            cursor.execute(sql, params)
            found.results = [engine.result(row) for row in cursor.fetchall()]
    return found


# --- The shared SQL ---------------------------------------------------------------------------


def _in(column: str, values) -> tuple[str, list]:
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def _conditions(filters: Filters) -> dict[str, tuple[str, list]]:
    """One SQL condition on the entry ``e`` per facet ("1=1" when the facet is not filtered)."""
    conditions = {"kind": ("1=1", []), "portfolio": ("1=1", []), "area": ("1=1", []), "year": ("1=1", [])}
    if filters.kinds:
        conditions["kind"] = _in("e.kind", filters.kinds)
    if filters.years:
        conditions["year"] = _in("e.year", filters.years)
    for facet, table, column, values in (
        ("portfolio", PORTFOLIO_LINKS, "portfolio_id", filters.portfolios),
        ("area", AREA_LINKS, "region_id", filters.areas),
    ):
        if values:
            inside, params = _in(f"l.{column}", values)
            conditions[facet] = (f"EXISTS (SELECT 1 FROM {table} l WHERE l.searchentry_id = e.id AND {inside})", params)
    return conditions


def _filter_sql(filters: Filters) -> tuple[str, list]:
    conditions = _conditions(filters).values()
    return " AND ".join(f"({sql})" for sql, _ in conditions), [p for _, params in conditions for p in params]


def _facet_sql(engine, filters: Filters, now) -> tuple[str, list]:
    """Counts per facet value (each facet under the other facets' filters) and the total."""
    conditions = _conditions(filters)
    match_sql, match_params = engine.condition(now)
    flags = ", ".join(f"CASE WHEN {sql} THEN 1 ELSE 0 END AS f_{facet}" for facet, (sql, _) in conditions.items())
    params = [p for _, ps in conditions.values() for p in ps] + match_params

    def others(facet):
        return " AND ".join(f"h.f_{other} = 1" for other in conditions if other != facet)

    every = " AND ".join(f"h.f_{facet} = 1" for facet in conditions)
    sql = f"""
        WITH h AS (SELECT e.id, e.kind, e.year, {flags} FROM {ENTRY} e WHERE {match_sql})
        SELECT 'kind', h.kind, COUNT(*) FROM h WHERE {others("kind")} GROUP BY h.kind
        UNION ALL
        SELECT 'year', CAST(h.year AS TEXT), COUNT(*) FROM h WHERE h.year IS NOT NULL AND {others("year")} GROUP BY h.year
        UNION ALL
        SELECT 'portfolio', CAST(l.portfolio_id AS TEXT), COUNT(*) FROM h JOIN {PORTFOLIO_LINKS} l ON l.searchentry_id = h.id
            WHERE {others("portfolio")} GROUP BY l.portfolio_id
        UNION ALL
        SELECT 'area', CAST(l.region_id AS TEXT), COUNT(*) FROM h JOIN {AREA_LINKS} l ON l.searchentry_id = h.id
            WHERE {others("area")} GROUP BY l.region_id
        UNION ALL
        SELECT 'total', NULL, COUNT(*) FROM h WHERE {every}
    """
    return sql, params


DUE = "(e.source <> 'news' OR e.published_at <= %s)"
COLUMNS = "e.id, e.source, e.object_id, e.kind, e.language, e.title, e.year, e.published_at"
IN_LANGUAGE = {"sv": "e.language <> 'en'", "en": "e.language = 'en'"}
ORDER = "CASE WHEN {prefix}language = %s THEN 0 ELSE 1 END, {rank} DESC, {prefix}id"


# --- PostgreSQL -------------------------------------------------------------------------------


class _PostgreSQL:
    CONFIGS = {"sv": "swedish", "en": "english"}

    def __init__(self, compiled: dict[str, Compiled]):
        self.compiled = compiled
        # (condition on the entry's language, to_tsquery expression, its text) per language.
        self.branches = [
            (IN_LANGUAGE[lang], f"to_tsquery('{self.CONFIGS[lang]}', %s)", c.tsquery()) for lang, c in compiled.items()
        ]

    def condition(self, now) -> tuple[str, list]:
        """Matching entries, in a form the GIN index serves (a bitmap OR of one scan per language)."""
        sql = " OR ".join(f"({language} AND e.vector @@ {query})" for language, query, _ in self.branches)
        return f"({sql}) AND {DUE}", [*(text for _, _, text in self.branches), now]

    def _query(self) -> tuple[str, list]:
        """The query in the entry's own language, as one SQL expression."""
        if len(self.branches) == 1:
            return self.branches[0][1], [self.branches[0][2]]
        cases = " ".join(f"WHEN {language} THEN {query}" for language, query, _ in self.branches)
        return f"CASE {cases} END", [text for _, _, text in self.branches]

    def page_sql(self, filters: tuple[str, list], now, language: str, offset: int) -> tuple[str, list]:
        match, match_params = self.condition(now)
        query, query_params = self._query()
        outer_query = query.replace("e.language", "language")
        # Rank and order in the inner query; headlines only for the page's rows.
        sql = f"""
            SELECT id, source, object_id, kind, language, title, year, published_at,
                   ts_headline((CASE WHEN language = 'en' THEN 'english' ELSE 'swedish' END)::regconfig,
                               lead || ' ' || body, {outer_query}, %s)
            FROM (
                SELECT {COLUMNS}, e.lead, e.body, ts_rank(e.vector, {query}) AS rank
                FROM {ENTRY} e
                WHERE {match} AND {filters[0]}
                ORDER BY {ORDER.format(prefix="e.", rank="rank")}
                LIMIT %s OFFSET %s
            ) page
            ORDER BY {ORDER.format(prefix="", rank="rank")}
        """
        params = [
            *query_params, HEADLINE_OPTIONS,
            *query_params, *match_params, *filters[1], language, PER_PAGE, offset,
            language,
        ]
        return sql, params

    def result(self, row) -> Result:
        *fields, headline = row
        snippet = escape(headline).replace(START_MARK, "<mark>").replace(STOP_MARK, "</mark>")
        return Result(*fields[1:], snippet=mark_safe(snippet))  # noqa: S308 — escaped above


# --- SQLite -----------------------------------------------------------------------------------


class _SQLite:
    WEIGHTS = "1.0, 0.4, 0.2"  # title, lead, text: PostgreSQL's default weights for A, B and C

    def __init__(self, compiled: dict[str, Compiled]):
        self.compiled = compiled

    def condition(self, now) -> tuple[str, list]:
        parts = [
            f"({IN_LANGUAGE[lang]} AND e.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s))"
            for lang in self.compiled
        ]
        return f"({' OR '.join(parts)}) AND {DUE}", [*(c.fts5() for c in self.compiled.values()), now]

    def page_sql(self, filters: tuple[str, list], now, language: str, offset: int) -> tuple[str, list]:
        # bm25() needs the FTS5 table in the same SELECT as its MATCH: one ranked branch per language.
        branches = [
            f"SELECT {FTS_TABLE}.rowid AS id, -bm25({FTS_TABLE}, {self.WEIGHTS}) AS rank FROM {FTS_TABLE} "
            f"JOIN {ENTRY} e ON e.id = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH %s AND {IN_LANGUAGE[lang]} AND {DUE}"
            for lang in self.compiled
        ]
        hits_params = [p for c in self.compiled.values() for p in (c.fts5(), now)]
        sql = f"""
            SELECT {COLUMNS}, e.lead, e.body
            FROM ({" UNION ALL ".join(branches)}) hits JOIN {ENTRY} e ON e.id = hits.id
            WHERE {filters[0]}
            ORDER BY {ORDER.format(prefix="e.", rank="hits.rank")}
            LIMIT %s OFFSET %s
        """
        return sql, [*hits_params, *filters[1], language, PER_PAGE, offset]

    def result(self, row) -> Result:
        *fields, lead, body = row
        fields[7] = _aware(fields[7])
        compiled = self.compiled.get("en" if fields[4] == "en" else "sv")
        return Result(*fields[1:], snippet=snippet(f"{lead} {body}", compiled))


def _aware(value):
    """SQLite hands back stored times without a time zone (as text or naive datetimes), in UTC."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def snippet(text: str, compiled: Compiled | None, size: int = SNIPPET_WORDS) -> SafeString:
    """About ``size`` words of ``text`` around the first word the query looks for, those words
    marked; the start of the text when none is found. Escaped, then marked."""
    spans = [match.span() for match in WORD.finditer(text)]
    if not spans:
        return mark_safe("")  # noqa: S308 — empty
    marked = [compiled is not None and compiled.highlights(text[a:b]) for a, b in spans]
    first = marked.index(True) if True in marked else 0
    start = max(0, first - 5)
    end = min(len(spans), start + size)
    parts = ["… " if start else ""]
    position = spans[start][0]
    for (a, b), hit in zip(spans[start:end], marked[start:end], strict=True):
        parts.append(escape(text[position:a]))
        parts.append(f"<mark>{escape(text[a:b])}</mark>" if hit else escape(text[a:b]))
        position = b
    parts.append(" …" if end < len(spans) else escape(re.sub(r"\s+$", "", text[position:])))
    return mark_safe("".join(parts))  # noqa: S308 — every piece of text escaped above
