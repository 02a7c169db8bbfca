"""The search index: one ``SearchEntry`` per public project, knowledge item, news item and event.

Only what the public may see goes in: every project, published knowledge items, published news
(a news item set to appear later is indexed with ``published_at`` = its publication time and
left out at query time until then, see ``search_results.py``), published and cancelled events
(their description and place; never the video link, dial-in details or anything about people).
Markdown is indexed as plain text.

``index_projects(ids)`` and its siblings make the entries of those ids true again: an id that
is gone or no longer public loses its entry, one that is public gets a fresh one. They write in
bulk (a handful of statements whatever the number of ids); ``rebuild_index()`` does the same for
everything. Each entry carries the ids of its portfolios and programme areas (``portfolio_ids``,
``area_ids``: sorted JSON arrays), written with it; a change of links writes the entry again. The
text to match is written beside the entry:

- PostgreSQL: a ``SearchMatch`` row (same id) with the entry's facet row, language, when a news
  item may appear and its ``vector``, weighted title A, lead B, text C in the entry's language
  (``swedish`` or ``english``), by ``write_matches`` (the vectors pass through a stage table
  so that they stay out of the row; a GIN index serves the matching; migrations 0010 and 0011
  say why).
- SQLite: a row of the FTS5 table ``knowledge_searchfts`` (rowid = the entry's id) holding the
  stems of the title, lead and text (``stemming.py``), so that FTS5 matches stems as PostgreSQL does.

Kept current by signal handlers (``connect_signals``, called from ``apps.py``) on saving,
deleting and changing the links of projects, knowledge items, news items and events, and by
the registry's ``projects_changed`` signal, sent by the import's bulk writes. Indexing runs when
the transaction commits (``transaction.on_commit``), once for all ids changed in it.
"""

import threading
from collections import defaultdict
from dataclasses import dataclass, field
from html import unescape

from django.db import connection, transaction
from django.db.models import Prefetch
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.html import strip_tags

from samverka.meetings.models import Event
from samverka.registry.models import Project
from samverka.registry.signals import projects_changed
from samverka.richtext import render_markdown

from .models import KnowledgeItem, NewsItem, SearchEntry, SearchFacets, SearchMatch
from .stemming import stems

Source = SearchEntry.Source
FTS_TABLE = "knowledge_searchfts"
# PostgreSQL: where the vectors wait to be copied to the match rows, and how long a filler makes
# each of its rows (above the 2 032 bytes at which PostgreSQL toasts a row; see write_matches).
VECTOR_STAGE = "knowledge_searchvectorstage"
STAGE_FILLER = 2048
BATCH = 1000
# Private-use characters that ts_headline puts around a match (search_results.py); they are
# taken out of indexed text so that no one can type them.
START_MARK, STOP_MARK = "\ue000", "\ue001"


def config_sql(language: str = "language") -> str:
    """The text search configuration of an entry, by its ``language`` column (SQL)."""
    return f"(CASE WHEN {language} = 'en' THEN 'english' ELSE 'swedish' END)::regconfig"


CONFIG_SQL = config_sql()


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


@dataclass
class Document:
    source: str
    object_id: int
    kind: str
    title: str
    lead: str = ""
    body: str = ""
    language: str = "sv"
    published_at: object = None
    year: int | None = None
    portfolio_ids: set[int] = field(default_factory=set)
    area_ids: set[int] = field(default_factory=set)


def plain_text(markdown_text: str) -> str:
    """Markdown as the words a reader sees: rendered, sanitised, tags taken away."""
    return unescape(strip_tags(render_markdown(markdown_text))).strip()


def _clean(text: str) -> str:
    return (text or "").replace(START_MARK, "").replace(STOP_MARK, "").strip()


def _local_year(moment) -> int | None:
    return timezone.localtime(moment).year if moment else None


# --- What each kind of thing says -------------------------------------------------------------


def _project_documents(ids=None):
    projects = Project.objects.select_related("owner").order_by("pk")
    if ids is not None:
        projects = projects.filter(pk__in=ids)
    for project in projects.iterator(chunk_size=BATCH):
        parts = [project.background, project.purpose, project.target_groups, project.expected_results]
        yield Document(
            source=Source.PROJECT,
            object_id=project.pk,
            kind="project",
            title=project.title,
            lead=project.summary,
            body="\n".join([*filter(None, parts), project.owner.name, project.case_number]),
            year=project.start_date.year,
            portfolio_ids={project.portfolio_id} - {None},
            area_ids={project.area_id} - {None},
        )


def _knowledge_documents(ids=None):
    items = KnowledgeItem.objects.published().order_by("pk").prefetch_related(
        "portfolios", "tags", Prefetch("projects", queryset=Project.objects.only("pk", "portfolio_id", "area_id"))
    )
    if ids is not None:
        items = items.filter(pk__in=ids)
    for item in items.iterator(chunk_size=BATCH):
        projects = list(item.projects.all())
        yield Document(
            source=Source.KNOWLEDGE,
            object_id=item.pk,
            kind=item.kind,
            title=item.title,
            lead=item.lead,
            body="\n".join([plain_text(item.body), *(tag.name for tag in item.tags.all())]),
            language=item.language,
            published_at=item.published_at,
            year=_local_year(item.published_at),
            portfolio_ids={p.pk for p in item.portfolios.all()} | ({p.portfolio_id for p in projects} - {None}),
            area_ids={p.area_id for p in projects} - {None},
        )


def _news_documents(ids=None):
    news = NewsItem.objects.filter(status=NewsItem.Status.PUBLISHED).order_by("pk").prefetch_related("portfolios", "tags")
    if ids is not None:
        news = news.filter(pk__in=ids)
    for item in news.iterator(chunk_size=BATCH):
        yield Document(
            source=Source.NEWS,
            object_id=item.pk,
            kind="news",
            title=item.title,
            lead=item.lead,
            body="\n".join([plain_text(item.body), *(tag.name for tag in item.tags.all())]),
            language=item.language,
            published_at=item.publish_at,
            year=_local_year(item.publish_at),
            portfolio_ids={p.pk for p in item.portfolios.all()},
        )


def _event_documents(ids=None):
    # Only the public fields: the video link and dial-in details are for registered people.
    events = (
        Event.objects.published().order_by("pk").only("pk", "title", "description", "place", "starts_at")
        .prefetch_related("invited_portfolios")
    )
    if ids is not None:
        events = events.filter(pk__in=ids)
    for event in events.iterator(chunk_size=BATCH):
        yield Document(
            source=Source.EVENT,
            object_id=event.pk,
            kind="event",
            title=event.title,
            body="\n".join(filter(None, [plain_text(event.description), event.place])),
            published_at=event.starts_at,
            year=_local_year(event.starts_at),
            portfolio_ids={p.pk for p in event.invited_portfolios.all()},
        )


DOCUMENTS = {
    Source.PROJECT: _project_documents,
    Source.KNOWLEDGE: _knowledge_documents,
    Source.NEWS: _news_documents,
    Source.EVENT: _event_documents,
}


# --- Writing entries --------------------------------------------------------------------------


def _delete_entries(entry_ids: list[int]) -> None:
    if not entry_ids:
        return
    postgresql = is_postgresql()
    with connection.cursor() as cursor:
        for start in range(0, len(entry_ids), BATCH):
            chunk = entry_ids[start:start + BATCH]
            if postgresql:
                cursor.execute(f"DELETE FROM {SearchMatch._meta.db_table} WHERE id = ANY(%s)", [chunk])
            else:
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", chunk)
    for start in range(0, len(entry_ids), BATCH):
        SearchEntry.objects.filter(pk__in=entry_ids[start:start + BATCH]).delete()


def _write(documents, *, matches: bool = True) -> int:
    """Insert entries for ``documents`` with their facet ids and matchable text; return the count.

    ``matches=False`` leaves PostgreSQL's match rows for one ``write_matches()`` over every entry.
    """
    written = 0
    batch = []
    for document in documents:
        batch.append(document)
        if len(batch) == BATCH:
            written += _write_batch(batch, matches)
            batch = []
    if batch:
        written += _write_batch(batch, matches)
    return written


def _write_batch(documents: list[Document], matches: bool) -> int:
    entries = SearchEntry.objects.bulk_create(
        SearchEntry(
            source=d.source, object_id=d.object_id, kind=d.kind, language=d.language, title=_clean(d.title)[:300],
            lead=_clean(d.lead), body=_clean(d.body), year=d.year, published_at=d.published_at,
            portfolio_ids=sorted(d.portfolio_ids), area_ids=sorted(d.area_ids),
        )
        for d in documents
    )
    ids = [entry.pk for entry in entries]
    assign_facets(ids)
    if not is_postgresql():
        _write_fts(entries)
    elif matches:
        write_matches(ids)
    return len(entries)


def assign_facets(ids: list[int] | None = None) -> None:
    """Point these entries (all, without ``ids``) at their ``SearchFacets`` row, adding the rows
    that are missing: two statements, the same on both engines."""
    entry, facets = SearchEntry._meta.db_table, SearchFacets._meta.db_table
    where, params = "", []
    if ids is not None:
        if not ids:
            return
        where, params = f"AND id IN ({', '.join(['%s'] * len(ids))})", list(ids)
    same = " AND ".join(
        f"s.{column} = {entry}.{column}" for column in ("kind", "language", "portfolio_ids", "area_ids")
    )
    with connection.cursor() as cursor:
        # "WHERE 1 = 1": SQLite reads ON CONFLICT after a SELECT only once the SELECT has a WHERE.
        cursor.execute(
            f"INSERT INTO {facets} (kind, year, language, portfolio_ids, area_ids) "  # noqa: S608 — names from the models
            f"SELECT DISTINCT kind, COALESCE(year, 0), language, portfolio_ids, area_ids FROM {entry} WHERE 1 = 1 {where} "
            "ON CONFLICT DO NOTHING",
            params,
        )
        cursor.execute(
            f"UPDATE {entry} SET facets_id = (SELECT s.id FROM {facets} s "  # noqa: S608 — names from the models
            f"WHERE {same} AND s.year = COALESCE({entry}.year, 0)) WHERE 1 = 1 {where}",
            params,
        )


def write_matches(ids: list[int] | None = None) -> None:
    """PostgreSQL: write the ``SearchMatch`` rows of these new entries (of all, without ``ids``),
    with their weighted vectors, in three statements. The entries must have their facet rows.

    The vectors go first to ``VECTOR_STAGE``, whose long rows PostgreSQL always toasts, and are
    copied from there, so each match row keeps only a pointer to its vector and stays narrow
    (migration 0011 says why); the stage's rows are deleted in the same transaction.
    """
    entry, where, params = SearchEntry._meta.db_table, "", []
    if ids is not None:
        where, params = "WHERE id = ANY(%s)", [ids]
    # One transaction: a stage row left by a failed write would be copied again by the next one.
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {VECTOR_STAGE} (id, vector, filler) "  # noqa: S608 — names from the models
            f"SELECT id, setweight(to_tsvector({CONFIG_SQL}, title), 'A') || "
            f"setweight(to_tsvector({CONFIG_SQL}, lead), 'B') || "
            f"setweight(to_tsvector({CONFIG_SQL}, body), 'C'), repeat(' ', {STAGE_FILLER}) "
            f"FROM {entry} {where}",
            params,
        )
        cursor.execute(
            f"INSERT INTO {SearchMatch._meta.db_table} (id, facets_id, language, due_at, vector) "  # noqa: S608
            f"SELECT e.id, e.facets_id, e.language, CASE WHEN e.source = 'news' THEN e.published_at END, s.vector "
            f"FROM {entry} e JOIN {VECTOR_STAGE} s ON s.id = e.id ORDER BY e.id"
        )
        cursor.execute(f"DELETE FROM {VECTOR_STAGE}")  # noqa: S608 — other transactions' rows are not seen


def _write_fts(entries: list[SearchEntry]) -> None:
    def row(entry):
        return [entry.pk, *(" ".join(stems(text, entry.language)) for text in (entry.title, entry.lead, entry.body))]

    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, lead, body) VALUES (%s, %s, %s, %s)", [row(e) for e in entries]
        )


def _index(source: str, ids) -> int:
    ids = sorted({int(pk) for pk in ids})
    if not ids:
        return 0
    with transaction.atomic():
        stale = list(SearchEntry.objects.filter(source=source, object_id__in=ids).values_list("pk", flat=True))
        _delete_entries(stale)
        return _write(DOCUMENTS[source](ids))


def index_projects(ids) -> int:
    """Make the entries of these projects current. Side effects: replaces their search entries."""
    return _index(Source.PROJECT, ids)


def index_knowledge_items(ids) -> int:
    """Make the entries of these knowledge items current: published ones in, drafts and deleted ones out."""
    return _index(Source.KNOWLEDGE, ids)


def index_news_items(ids) -> int:
    """Make the entries of these news items current: published ones (also scheduled) in, the rest out."""
    return _index(Source.NEWS, ids)


def index_events(ids) -> int:
    """Make the entries of these events current: published and cancelled ones in, drafts and deleted out."""
    return _index(Source.EVENT, ids)


def remove_from_index(source: str, ids) -> None:
    """Take the entries of these objects out. Side effects: deletes search entries."""
    with transaction.atomic():
        _delete_entries(list(SearchEntry.objects.filter(source=source, object_id__in=ids).values_list("pk", flat=True)))


def rebuild_index() -> dict[str, int]:
    """Replace the whole index in one transaction; return the number of entries per source.

    Side effects: deletes every search entry and writes one per public thing, in bulk (on
    PostgreSQL the match rows and their vectors by one ``write_matches()`` at the end).
    """
    tables = [SearchMatch._meta.db_table if is_postgresql() else FTS_TABLE, SearchEntry._meta.db_table]
    counts = {}
    with transaction.atomic(), connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 — table names from the models
        for source, documents in DOCUMENTS.items():
            counts[source] = _write(documents(), matches=False)
        if is_postgresql():
            write_matches()
    return counts


# --- Keeping the index current ----------------------------------------------------------------

INDEXERS = {
    Source.PROJECT: index_projects,
    Source.KNOWLEDGE: index_knowledge_items,
    Source.NEWS: index_news_items,
    Source.EVENT: index_events,
}
SOURCES = {Project: Source.PROJECT, KnowledgeItem: Source.KNOWLEDGE, NewsItem: Source.NEWS, Event: Source.EVENT}
_pending = threading.local()


def queue(source: str, ids) -> None:
    """Index these ids when the current transaction commits (at once outside a transaction).

    Ids gathered during one transaction are indexed together by the first callback that runs;
    the later ones find nothing left to do.
    """
    if not hasattr(_pending, "ids"):
        _pending.ids = defaultdict(set)
    _pending.ids[source].update(ids)
    transaction.on_commit(flush)


def flush() -> None:
    pending = getattr(_pending, "ids", None)
    if not pending:
        return
    _pending.ids = defaultdict(set)
    for source, ids in pending.items():
        INDEXERS[source](ids)


def _saved_or_deleted(sender, instance, **kwargs):
    queue(SOURCES[sender], [instance.pk])


def _links_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        queue(SOURCES[type(instance)], [instance.pk])
    elif pk_set and model in SOURCES:
        # portfolio.knowledge_items.add(item): the items changed, not the portfolio.
        queue(SOURCES[model], pk_set)


def _projects_changed(sender, ids, **kwargs):
    queue(Source.PROJECT, ids)


LINKS = [
    KnowledgeItem.portfolios.through,
    KnowledgeItem.projects.through,
    KnowledgeItem.tags.through,
    NewsItem.portfolios.through,
    NewsItem.tags.through,
    Event.invited_portfolios.through,
]


def connect_signals() -> None:
    for model in SOURCES:
        post_save.connect(_saved_or_deleted, sender=model, dispatch_uid=f"search-save-{model._meta.label}")
        post_delete.connect(_saved_or_deleted, sender=model, dispatch_uid=f"search-delete-{model._meta.label}")
    for through in LINKS:
        m2m_changed.connect(_links_changed, sender=through, dispatch_uid=f"search-links-{through._meta.label}")
    projects_changed.connect(_projects_changed, dispatch_uid="search-projects-changed")
