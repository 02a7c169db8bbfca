"""Running a search: matching entries, ranked, one page of them, and the facet counts.

``search()`` makes at most two SQL queries whatever the number of entries: one for the facet
counts and the total, one for the page of results (with snippets); on PostgreSQL, for a word in
fewer entries, the first brings the page too (``_PostgreSQL.collects``). Both share the
matching part, which is the only part that differs between the engines:

- PostgreSQL: ``vector @@ (to_tsquery('swedish', …) || to_tsquery('english', …))`` on the
  narrow match rows (``SearchMatch``), served by the GIN index, ranked by ``ts_rank`` (weights
  A 1.0, B 0.4, C 0.2), snippets by ``ts_headline``.
- SQLite: FTS5 ``MATCH`` of the Swedish and the English stems OR-ed, ranked by ``bm25`` with the
  same weights, snippets made in Python by marking the words whose stem the query looks for.

The query is read once (``search_parser``) and spoken to both engines in both languages, so an
English word finds English entries and a Swedish one Swedish entries. Results in the page's
language come first, then by rank; when more than ``RANK_LIMIT`` entries match, only the newest
``RANK_LIMIT`` of them are ranked (see the benchmark, ``bench/search_bench.py``). Facets are counted the usual way: each facet's counts apply the other facets' filters but
not its own, so ticking one kind still shows how many of the other kinds there are. They come
from one read of the matches, grouped by the id of the entry's facet values (``SearchFacets``:
kind, year, language, portfolio and area ids; no link table). A news item set to appear later is
left out until its time.
"""

import datetime
import json
import math
import re
from contextlib import nullcontext
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.dates import MONTHS
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import pgettext_lazy

from .models import KnowledgeItem, SearchEntry, SearchFacets, SearchMatch
from .search import FTS_TABLE, START_MARK, STOP_MARK, config_sql, is_postgresql
from .search_parser import Compiled, compile_query, parse
from .stemming import WORD

# Results a page: ten, as most search pages show. Each costs a headline (``ts_headline`` parses its
# text: about 0.3 ms here) and its share of the page's template; twenty made the page about 5 ms
# slower (see docs/performance.md).
PER_PAGE = 10
SNIPPET_WORDS = 30
ENTRY = SearchEntry._meta.db_table
MATCH = SearchMatch._meta.db_table
FACETS = SearchFacets._meta.db_table
HEADLINE_OPTIONS = (
    f"StartSel={START_MARK}, StopSel={STOP_MARK}, MaxWords={SNIPPET_WORDS}, MinWords=12, "
    "ShortWord=2, MaxFragments=2, FragmentDelimiter=\" … \""
)
# A snippet is cut from the first HEADLINE_CHARS characters of the lead and text: ``ts_headline``
# parses and stems all it is given (about 0.3 ms a kilobyte here, for each of the page's rows),
# and a long report's words found only further on are usually in its lead too.
HEADLINE_CHARS = 2000
HEADLINE_TEXT = f"left(e.lead || ' ' || e.body, {HEADLINE_CHARS})"
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

    # What the page shows of each result, made here rather than by template filters (``capfirst``,
    # ``date``: a tenth of the page's template, see docs/performance.md).
    @property
    def kind_text(self) -> str:
        return capfirst(str(self.kind_label))

    @property
    def published_iso(self) -> str:
        """``published_at`` in the site's time zone, ISO 8601 (as ``|date:"c"``)."""
        return timezone.localtime(self.published_at).isoformat() if self.published_at else ""

    @property
    def published_text(self) -> str:
        """``published_at`` as "29 november 2026" in the page's language (as ``|date:"j F Y"``)."""
        if not self.published_at:
            return ""
        day = timezone.localtime(self.published_at)
        return f"{day.day} {MONTHS[day.month]} {day.year}"

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

    @property
    def limited(self) -> bool:
        """More matches than are ranked: the pages hold the newest ``RANK_LIMIT`` of them."""
        return self.total > RANK_LIMIT

    @property
    def ranked_limit(self) -> int:
        return RANK_LIMIT


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
    # On PostgreSQL the two queries run in a transaction of their own, for the setting ``prepare`` makes.
    with transaction.atomic() if engine.TRANSACTION else nullcontext(), connection.cursor() as cursor:
        engine.prepare(cursor)
        collect = engine.collects(cursor, now)
        offset = (max(1, page) - 1) * PER_PAGE
        sql, params = _facet_sql(engine, filters, now, (language, offset) if collect else None)
        cursor.execute(sql, params)
        in_language, entries, chosen, ranked = 0, None, [], []
        for facet, value, count in cursor.fetchall():
            if facet == "result":
                ranked.append((int(count), value))
            elif facet == "total":
                found.total = int(count)
            elif facet == "language":
                in_language += int(count) if value == language else 0
            elif facet == "entries":
                entries = int(count)
            elif facet == "facets":
                chosen.append(int(value))
            else:
                found.facets[facet][value if facet == "kind" else int(value)] = int(count)
        # Only the ranked candidates have pages (page 51 of a word in every entry would be empty).
        found.pages = max(1, math.ceil(min(found.total, RANK_LIMIT) / PER_PAGE))
        found.page = min(max(1, page), found.pages)
        if collect:
            # The facet query brought the page too (the last one when ``page`` is past it).
            found.results = [engine.result(json.loads(row)) for _, row in sorted(ranked)]
        elif found.total:
            # Filtered, the page's entries are those with one of the facet values the filters
            # chose (an index on the id, where testing each entry's portfolios reads every
            # match's row).
            chosen_sql = engine.holds_id("e.facets_id", chosen) if filters != Filters() else ("1=1", [])
            walk = engine.walks(in_language, entries)
            sql, params = engine.page_sql(chosen_sql, now, language, (found.page - 1) * PER_PAGE, walk=walk)
            cursor.execute(sql, params)
            found.results = [engine.result(row) for row in cursor.fetchall()]
    return found


# --- The shared SQL ---------------------------------------------------------------------------


def _in(column: str, values) -> tuple[str, list]:
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def _conditions(engine, filters: Filters) -> dict[str, tuple[str, list]]:
    """One SQL condition on the entry ``e`` per facet ("1=1" when the facet is not filtered)."""
    conditions = {"kind": ("1=1", []), "portfolio": ("1=1", []), "area": ("1=1", []), "year": ("1=1", [])}
    if filters.kinds:
        conditions["kind"] = _in("e.kind", filters.kinds)
    if filters.years:
        conditions["year"] = _in("e.year", filters.years)
    if filters.portfolios:
        conditions["portfolio"] = engine.holds_any("e.portfolio_ids", filters.portfolios)
    if filters.areas:
        conditions["area"] = engine.holds_any("e.area_ids", filters.areas)
    return conditions


def _facet_sql(engine, filters: Filters, now, collect_for: tuple[str, int] | None = None) -> tuple[str, list]:
    """Counts per facet value (each facet under the other facets' filters) and the total.

    The matches are read once and grouped by their facet values' id (an integer: hashing it costs
    a third of hashing the five columns, two of them JSON, it stands for): a few thousand groups
    however many entries match. Every count is a sum over those groups, a portfolio or area
    counted once per id in the group's array; no link table is joined. Only the filtered facets
    get a flag column (computed per group). Two more rows serve ``walks``: the matches per
    language under all filters, and (PostgreSQL) the planner's count of entries.

    With ``collect_for`` (the page's language and offset), the matches are kept (a materialised
    CTE) and the page is made from them too (``_PostgreSQL.page_of``), as ``result`` rows: no
    second query, no second read of the matches. That costs a copy of them: worth it below
    ``COLLECT_BELOW`` matches (see ``_PostgreSQL.collects``).
    """
    conditions = {facet: c for facet, c in _conditions(engine, filters).items() if c[0] != "1=1"}
    match_sql, match_params = engine.condition(now)
    flags = "".join(f", CASE WHEN {sql} THEN 1 ELSE 0 END AS f_{facet}" for facet, (sql, _) in conditions.items())
    params = match_params + [p for _, ps in conditions.values() for p in ps]

    def where(*extra, but=None):
        parts = [*extra, *(f"h.f_{facet} = 1" for facet in conditions if facet != but)]
        return "WHERE " + " AND ".join(parts) if parts else ""

    if collect_for:
        matches = f"""
            WITH m AS MATERIALIZED (SELECT e.id, e.facets_id, e.language FROM {engine.TABLE} e WHERE {match_sql}),
            g AS (SELECT m.facets_id, COUNT(*) AS n FROM m GROUP BY m.facets_id),"""
    else:
        matches = f"""
            WITH g AS (
                SELECT m.facets_id, COUNT(*) AS n FROM (
                    SELECT e.facets_id FROM {engine.TABLE} e WHERE {match_sql} {engine.FENCE}
                ) m GROUP BY m.facets_id
            ),"""
    sql = f"""{matches}
        h AS (
            SELECT e.id, e.kind, NULLIF(e.year, 0) AS year, e.language, e.portfolio_ids, e.area_ids, g.n{flags}
            FROM g JOIN {FACETS} e ON e.id = g.facets_id
        )
        SELECT 'kind', h.kind, SUM(h.n) FROM h {where(but="kind")} GROUP BY h.kind
        UNION ALL
        SELECT 'year', CAST(h.year AS TEXT), SUM(h.n) FROM h {where("h.year IS NOT NULL", but="year")} GROUP BY h.year
        UNION ALL
        SELECT 'portfolio', CAST(x.value AS TEXT), SUM(h.n) FROM h, {engine.elements("h.portfolio_ids")}
            {where(but="portfolio")} GROUP BY x.value
        UNION ALL
        SELECT 'area', CAST(x.value AS TEXT), SUM(h.n) FROM h, {engine.elements("h.area_ids")}
            {where(but="area")} GROUP BY x.value
        UNION ALL
        SELECT 'language', h.language, SUM(h.n) FROM h {where()} GROUP BY h.language
        UNION ALL
        SELECT 'total', NULL, COALESCE(SUM(h.n), 0) FROM h {where()}
        {engine.ENTRIES}
    """
    if collect_for:
        chosen = f"WHERE m.facets_id IN (SELECT h.id FROM h {where()})" if conditions else ""
        page_sql, page_params = engine.page_of(chosen, *collect_for)
        sql += f"UNION ALL {page_sql}"
        params += page_params
    elif conditions:
        sql += f"UNION ALL SELECT 'facets', CAST(h.id AS TEXT), 0 FROM h {where()}"
    return sql, params


COLUMNS = "e.id, e.source, e.object_id, e.kind, e.language, e.title, e.year, e.published_at"
# Past this many matches only the newest RANK_LIMIT (in the page's language first) are ranked:
# ranking reads every candidate's whole vector (from TOAST: 6–8 µs each on a 2-core machine), and
# a word found in most entries says little. 50 pages of results; 1 000 took a fifth longer a search.
RANK_LIMIT = 500
# Below this many expected matches the facet query also picks the page's candidates (PostgreSQL):
# keeping a copy of the matches costs less than the page query reading them again (14 000
# matches at 100 000 entries: 7 ms more for the facets, 12 ms less for the page). Far above it
# the copy costs more than walking (``walks``) saves: 30 ms for 82 000 matches. The planner's
# guess for a common word is often twice the truth, hence the room.
COLLECT_BELOW = 40_000
CANDIDATES = "ORDER BY CASE WHEN e.language = %s THEN 0 ELSE 1 END, e.id DESC LIMIT %s"
ORDER = "CASE WHEN language = %s THEN 0 ELSE 1 END, rank DESC, id"


# --- PostgreSQL -------------------------------------------------------------------------------


class _PostgreSQL:
    CONFIGS = {"sv": "swedish", "en": "english"}
    TRANSACTION = True
    # Keeps the facet query's grouping from reaching the scan of the matches: grouped by kind
    # straight over the table, the planner walks the whole kind index in order (enable_seqscan is
    # off) and reads every entry's vector to test it ("kommun" at 100 000 entries under EXPLAIN
    # ANALYZE on a busy machine: 1.1 s, against 0.2 s through the GIN index).
    FENCE = "OFFSET 0"
    # The planner's count of entries, for ``walks``.
    ENTRIES = f"UNION ALL SELECT 'entries', NULL, GREATEST(reltuples, 0) FROM pg_class WHERE oid = '{MATCH}'::regclass"
    # What matching and counting read: the narrow match rows (``SearchMatch``), not the entries.
    TABLE = MATCH
    DUE = "(e.due_at IS NULL OR e.due_at <= %s)"

    def __init__(self, compiled: dict[str, Compiled]):
        # The Swedish and the English reading OR-ed into one tsquery: one GIN index condition that
        # needs no recheck (so matching never reads the vectors), and English words find English
        # entries. An excluded word is excluded in either reading.
        def either(part):
            texts = [(lang, c.tsquery(part)) for lang, c in compiled.items() if c.tsquery(part)]
            sql = " || ".join(f"to_tsquery('{self.CONFIGS[lang]}', %s)" for lang, _ in texts)
            return sql, [text for _, text in texts]

        included, self.params = either("included")
        excluded, excluded_params = either("excluded")
        self.query = f"({included})"
        if excluded:
            self.query = f"({included}) && !!({excluded})"
            self.params += excluded_params
        # The page's snippets: its parameters are ``self.params`` and then HEADLINE_OPTIONS.
        self.headline = f"ts_headline({config_sql('e.language')}, {HEADLINE_TEXT}, ({self.query}), %s)"

    @staticmethod
    def holds_any(column: str, ids) -> tuple[str, list]:
        """The JSON array ``column`` holds one of ``ids`` (``@>``: no set-returning function per row)."""
        return "(" + " OR ".join([f"{column} @> %s::jsonb"] * len(ids)) + ")", [json.dumps([pk]) for pk in ids]

    @staticmethod
    def holds_id(column: str, ids: list[int]) -> tuple[str, list]:
        """``column`` is one of ``ids`` (one parameter however many)."""
        return f"{column} = ANY(%s)", [ids]

    @staticmethod
    def elements(column: str) -> str:
        """The ids of the JSON array ``column``, one row each, as ``x.value``."""
        return f"jsonb_array_elements_text({column}) AS x(value)"

    def prepare(self, cursor) -> None:
        # Matching is answered by the GIN index alone, whatever share of the entries match. The
        # planner prices ``vector @@ query`` at next to nothing and so scans the whole table when
        # a word is common, reading (and decompressing) every entry's vector: 420 ms for a word
        # in 80 % of 100 000 entries, against 60 ms through the index. For this transaction only.
        cursor.execute("SET LOCAL enable_seqscan = off")

    def condition(self, now) -> tuple[str, list]:
        return f"e.vector @@ ({self.query}) AND {self.DUE}", [*self.params, now]

    def collects(self, cursor, now) -> bool:
        """Whether the facet query should also pick the page's candidates: when the planner
        expects fewer than ``COLLECT_BELOW`` matches (one ``EXPLAIN``, no execution). Only a
        matter of speed: either way the page holds the same results."""
        match, match_params = self.condition(now)
        cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {MATCH} e WHERE {match}", match_params)
        plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        return plan[0]["Plan"]["Plan Rows"] < COLLECT_BELOW

    def page_of(self, chosen: str, language: str, offset: int) -> tuple[str, list]:
        """The page, as ``result`` rows of the facet query (``collects``): the newest RANK_LIMIT
        matches ``m`` that the filters keep (``chosen``), the page's language first, are the
        candidates; they are ranked, and the rows at ``offset`` get their headline. Each row is
        the result as a JSON array (``result``), its place on the page in the count column. An
        offset past the candidates gives the last page, as ``search`` counts the pages."""
        sql = f"""
            SELECT 'result', json_build_array({COLUMNS}, {self.headline})::text,
                   page.position
            FROM (
                SELECT ranked.id, ranked.position FROM (
                    SELECT c.id, COUNT(*) OVER () AS candidates,
                           ROW_NUMBER() OVER (ORDER BY c.language_order, ts_rank(r.vector, ({self.query})) DESC, c.id)
                               AS position
                    FROM (
                        SELECT m.id, CASE WHEN m.language = %s THEN 0 ELSE 1 END AS language_order
                        FROM m {chosen} ORDER BY language_order, m.id DESC LIMIT %s
                    ) c JOIN {MATCH} r ON r.id = c.id
                ) ranked
                WHERE ranked.position > LEAST(%s, (ranked.candidates - 1) / %s * %s)
                ORDER BY ranked.position LIMIT %s
            ) page JOIN {ENTRY} e ON e.id = page.id
        """
        params = [
            *self.params, HEADLINE_OPTIONS,
            *self.params, language, RANK_LIMIT,
            offset, PER_PAGE, PER_PAGE, PER_PAGE,
        ]
        return sql, params

    @staticmethod
    def walks(in_language: int, entries: int | None) -> bool:
        """Whether the page's candidates are better found by walking the entries newest first.

        When a word is in most entries, the newest RANK_LIMIT matches in the page's language are
        among the newest few thousand entries: walking the (language, id) index backwards and
        testing each entry's vector reads about ``RANK_LIMIT × entries / in_language`` rows,
        where the GIN index hands over every match (82 060 of 100 000 for "kommun") to be sorted.
        Walking is chosen when it reads at most a quarter of that.
        """
        if entries is None or entries <= 0 or in_language < RANK_LIMIT:
            return False
        return 4 * RANK_LIMIT * entries <= in_language * in_language

    def page_sql(self, filters: tuple[str, list], now, language: str, offset: int, *, walk=False) -> tuple[str, list]:
        if walk:
            return self._walk_sql(filters, now, language, offset)
        match, match_params = self.condition(now)
        # 1. Candidates: the newest RANK_LIMIT matches, the page's language first, ids only (the
        #    sort key is a CASE, so PostgreSQL takes the matches from the GIN index, never by
        #    walking the primary key and reading each vector). 2. Rank the candidates: the only
        #    vectors read. 3. Headlines for the page's rows only.
        sql = f"""
            SELECT {COLUMNS}, {self.headline}
            FROM (
                SELECT c.id, c.language_order, ts_rank(r.vector, ({self.query})) AS rank
                FROM (
                    SELECT e.id, CASE WHEN e.language = %s THEN 0 ELSE 1 END AS language_order
                    FROM {MATCH} e WHERE {match} AND {filters[0]}
                    ORDER BY language_order, e.id DESC LIMIT %s
                ) c JOIN {MATCH} r ON r.id = c.id
                ORDER BY c.language_order, rank DESC, c.id LIMIT %s OFFSET %s
            ) page JOIN {ENTRY} e ON e.id = page.id
            ORDER BY page.language_order, page.rank DESC, page.id
        """
        params = [
            *self.params, HEADLINE_OPTIONS,
            *self.params,
            language, *match_params, *filters[1], RANK_LIMIT,
            PER_PAGE, offset,
        ]
        return sql, params

    def _walk_sql(self, filters: tuple[str, list], now, language: str, offset: int) -> tuple[str, list]:
        # At least RANK_LIMIT matches are in the page's language (``walks``), so the candidates are
        # the newest RANK_LIMIT of those, as page_sql's would be. "IS TRUE" keeps the planner off
        # the GIN index: the (language, id) index is walked backwards, each vector tested and
        # ranked as it is read, until RANK_LIMIT have matched.
        sql = f"""
            SELECT {COLUMNS}, {self.headline}
            FROM (
                SELECT c.id, c.rank FROM (
                    SELECT e.id, ts_rank(e.vector, ({self.query})) AS rank
                    FROM {MATCH} e
                    WHERE e.language = %s AND (e.vector @@ ({self.query})) IS TRUE AND {self.DUE} AND {filters[0]}
                    ORDER BY e.id DESC LIMIT %s
                ) c
                ORDER BY c.rank DESC, c.id LIMIT %s OFFSET %s
            ) page JOIN {ENTRY} e ON e.id = page.id
            ORDER BY page.rank DESC, page.id
        """
        params = [
            *self.params, HEADLINE_OPTIONS,
            *self.params,
            language, *self.params, now, *filters[1], RANK_LIMIT,
            PER_PAGE, offset,
        ]
        return sql, params

    def result(self, row) -> Result:
        *fields, headline = row
        fields[7] = _aware(fields[7])  # text when the row came as JSON (``page_of``)
        snippet = escape(headline).replace(START_MARK, "<mark>").replace(STOP_MARK, "</mark>")
        return Result(*fields[1:], snippet=mark_safe(snippet))  # noqa: S308 — escaped above


# --- SQLite -----------------------------------------------------------------------------------


class _SQLite:
    WEIGHTS = "1.0, 0.4, 0.2"  # title, lead, text: PostgreSQL's default weights for A, B and C
    TRANSACTION = False
    TABLE = ENTRY  # matched through the FTS5 table (rowid = the entry's id)
    DUE = "(e.source <> 'news' OR e.published_at <= %s)"
    FENCE = ""
    ENTRIES = ""

    def __init__(self, compiled: dict[str, Compiled]):
        self.compiled = compiled
        # The Swedish and the English reading OR-ed, an excluded word excluded in either, as on PostgreSQL.
        self.match = "(" + " OR ".join(f"({c.fts5('included')})" for c in compiled.values()) + ")"
        excluded = [f"({c.fts5('excluded')})" for c in compiled.values() if c.fts5("excluded")]
        if excluded:
            self.match += " NOT (" + " OR ".join(excluded) + ")"

    @staticmethod
    def holds_any(column: str, ids) -> tuple[str, list]:
        inside, params = _in("x.value", ids)
        return f"EXISTS (SELECT 1 FROM json_each({column}) AS x WHERE {inside})", params

    @staticmethod
    def holds_id(column: str, ids: list[int]) -> tuple[str, list]:
        return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(ids)]

    @staticmethod
    def elements(column: str) -> str:
        return f"json_each({column}) AS x"

    def prepare(self, cursor) -> None:
        pass

    @staticmethod
    def collects(cursor, now) -> bool:
        return False

    @staticmethod
    def walks(in_language: int, entries: int | None) -> bool:
        return False

    def condition(self, now) -> tuple[str, list]:
        return f"e.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s) AND {self.DUE}", [self.match, now]

    def page_sql(self, filters: tuple[str, list], now, language: str, offset: int, *, walk=False) -> tuple[str, list]:
        match, match_params = self.condition(now)
        # bm25() needs the FTS5 table in the same SELECT as its MATCH.
        sql = f"""
            SELECT * FROM (
                SELECT {COLUMNS}, e.lead, e.body FROM {ENTRY} e WHERE {match} AND {filters[0]} {CANDIDATES}
            ) candidates
            JOIN (SELECT rowid AS hit, -bm25({FTS_TABLE}, {self.WEIGHTS}) AS rank FROM {FTS_TABLE}
                  WHERE {FTS_TABLE} MATCH %s) hits ON hits.hit = candidates.id
            ORDER BY {ORDER} LIMIT %s OFFSET %s
        """
        return sql, [*match_params, *filters[1], language, RANK_LIMIT, self.match, language, PER_PAGE, offset]

    def result(self, row) -> Result:
        *fields, lead, body, _hit, _rank = row
        fields[7] = _aware(fields[7])
        compiled = self.compiled.get("en" if fields[4] == "en" else "sv") or next(iter(self.compiled.values()))
        return Result(*fields[1:], snippet=snippet(f"{lead} {body}"[:HEADLINE_CHARS], compiled))


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
