"""Projects like yours, stored: each source's profile, the document frequencies, the inverted
index and its lists of related projects and knowledge items (``Related``).

- ``refresh_source`` redoes one project or knowledge item (the task does, when its text
  changes): its profile, the frequencies of the stems it gained or lost, its postings, and its
  two lists, found through the stored index without reading any other text. What it does not
  touch waits for the next ``refresh_all`` (``refresh_related --all``, nightly): the other
  sources' lists (a new project enters its neighbours' lists then), and the vector lengths
  stored with other profiles, which move a little with the IDF as the corpus grows.
- ``refresh_all`` rebuilds everything from the texts in one transaction (the demo loader and
  the nightly command call it).
- ``related_to`` is what pages read: the stored rows and their objects, in three queries.

Only projects and *published* knowledge items have a profile, so only they are ever related.
"""

import time
from collections import Counter
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F

from samverka.registry.models import Project

from . import similarity
from .models import CooperationWish, KnowledgeItem, Related, SimilarityPosting, SimilarityProfile, SimilarityTerm
from .similarity import KNOWLEDGE, PROJECT, Document

BATCH = 2000
CORPUS = ""  # the SimilarityTerm whose count is the number of profiles
BULK_REFRESH = 200  # more projects changed at once than this: rebuild everything instead
# What a project's profile is made of: a save that touches none of these leaves it as it is.
PROJECT_FIELDS = frozenset(
    {"title", "summary", "purpose", "background", "target_groups", "expected_results", "portfolio", "theme", "area"}
)


# --- Documents from the database ----------------------------------------------------------------


def project_document(project: Project, wishes=()) -> Document:
    counts, words = similarity.analyse(similarity.project_text(project, wishes), "sv")
    return Document(
        key=(PROJECT, project.pk), counts=counts, words=words,
        portfolios=frozenset([project.portfolio_id]) if project.portfolio_id else frozenset(),
        theme=project.theme_id, area=project.area_id,
    )


def item_document(item: KnowledgeItem) -> Document:
    """A knowledge item: its own portfolios and those of the projects it is about."""
    counts, words = similarity.analyse(similarity.item_text(item), item.language)
    portfolios = {portfolio.pk for portfolio in item.portfolios.all()}
    portfolios |= {project.portfolio_id for project in item.projects.all() if project.portfolio_id}
    return Document(key=(KNOWLEDGE, item.pk), counts=counts, words=words, portfolios=frozenset(portfolios))


def _projects():
    return Project.objects.only(
        "pk", "title", "summary", "purpose", "background", "target_groups", "expected_results",
        "portfolio_id", "theme_id", "area_id",
    )


def _items():
    return (
        KnowledgeItem.objects.published()
        .only("pk", "title", "lead", "body", "language")
        .prefetch_related("portfolios", "projects")
    )


def _wishes(project_ids=None) -> dict[int, list[str]]:
    wishes = CooperationWish.objects.filter(active=True).order_by("pk")
    if project_ids is not None:
        wishes = wishes.filter(project_id__in=project_ids)
    texts: dict[int, list[str]] = {}
    for project_id, text in wishes.values_list("project_id", "text"):
        texts.setdefault(project_id, []).append(text)
    return texts


def load_document(source: str, object_id: int) -> Document | None:
    """The source as it is now, or None when it is gone (or an item no longer published)."""
    if source == PROJECT:
        project = _projects().filter(pk=object_id).first()
        return project and project_document(project, _wishes([object_id]).get(object_id, ()))
    item = _items().filter(pk=object_id).first()
    return item and item_document(item)


def _stored(profile: SimilarityProfile) -> Document:
    return Document(
        key=(profile.source, profile.object_id), counts=profile.counts, words=profile.words,
        portfolios=frozenset(profile.portfolios), theme=profile.theme_id, area=profile.area_id, norm=profile.norm,
    )


def _profile(document: Document) -> SimilarityProfile:
    return SimilarityProfile(
        source=document.key[0], object_id=document.key[1], counts=document.counts, words=document.words,
        norm=document.norm, portfolios=sorted(document.portfolios), theme_id=document.theme, area_id=document.area,
    )


def _rows(document: Document, matches: list[similarity.Match]) -> list[Related]:
    return [
        Related(
            source=document.key[0], source_id=document.key[1], target=match.key[0], target_id=match.key[1],
            rank=position, score=round(match.score, 6), terms=match.terms, same_portfolio=match.same_portfolio,
            same_theme=match.same_theme, same_area=match.same_area,
        )
        for position, match in enumerate(matches, start=1)
    ]


# --- One source -------------------------------------------------------------------------------


def _count_documents(stems, change: int) -> None:
    if not stems:
        return
    if change > 0:
        SimilarityTerm.objects.bulk_create(
            [SimilarityTerm(stem=stem, documents=0) for stem in sorted(stems)], ignore_conflicts=True, batch_size=BATCH
        )
    SimilarityTerm.objects.filter(stem__in=stems).update(documents=F("documents") + change)


def _same(stored: Document, document: Document) -> bool:
    """Nothing the similarity reads has changed (a save of other fields, or a second refresh)."""
    return (stored.counts, stored.portfolios, stored.theme, stored.area) == (
        document.counts, document.portfolios, document.theme, document.area
    )


def _forget(profile: SimilarityProfile) -> None:
    key = {"source": profile.source, "object_id": profile.object_id}
    _count_documents(set(profile.counts) | {CORPUS}, -1)
    SimilarityPosting.objects.filter(**key).delete()
    Related.objects.filter(source=profile.source, source_id=profile.object_id).delete()
    # Lists elsewhere that named it lose it now rather than at the next full refresh.
    Related.objects.filter(target=profile.source, target_id=profile.object_id).delete()
    profile.delete()


def _candidates(document: Document, coefficients: dict[str, float], kind: str) -> list[int]:
    """The ids of the ``kind`` documents whose indexed stems score best against the query.

    For each query stem only its champion list is read (the ``CHAMPIONS`` postings where it
    weighs most, along the (stem, source, weight) index), so the cost does not grow with the
    corpus. One statement, the same on PostgreSQL and SQLite; the source itself is left out
    after the lists are cut, as the in-memory ``similarity.Index`` does.
    """
    if not coefficients:
        return []
    table = connection.ops.quote_name(SimilarityPosting._meta.db_table)
    champions = (
        f"SELECT * FROM (SELECT object_id, weight * %s AS score FROM {table} "
        f"WHERE stem = %s AND source = %s ORDER BY weight DESC, object_id LIMIT {similarity.CHAMPIONS}) AS c{{n}}"
    )
    parts, params = [], []
    for number, (stem, coefficient) in enumerate(sorted(coefficients.items())):
        parts.append(champions.format(n=number))
        params += [coefficient, stem, kind]
    sql = (
        f"SELECT object_id, SUM(score) AS total FROM ({' UNION ALL '.join(parts)}) AS champions "
        f"WHERE object_id <> %s GROUP BY object_id ORDER BY total DESC, object_id LIMIT {similarity.CANDIDATES}"
    )
    params.append(document.key[1] if kind == document.key[0] else -1)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [object_id for object_id, _total in cursor.fetchall()]


def refresh_source(*, source: str, object_id: int, force: bool = False) -> int:
    """Bring one project or knowledge item's similarity up to date; returns the rows stored.

    Side effects, in one transaction: creates, replaces or (for a source gone or unpublished)
    deletes its ``SimilarityProfile`` and ``SimilarityPosting`` rows; moves the document counts
    of the stems it gained or lost; replaces its ``Related`` rows as a whole (up to 8 projects
    and 8 knowledge items). A source whose stems and facets are unchanged is left alone unless
    ``force``.
    """
    with transaction.atomic():
        document = load_document(source, object_id)
        old = SimilarityProfile.objects.select_for_update().filter(source=source, object_id=object_id).first()
        if document is None:
            if old:
                _forget(old)
            return 0
        if old and not force and _same(_stored(old), document):
            return 0
        # The empty stem counts the profiles themselves: a COUNT(*) would read the whole table.
        before = set(old.counts) | {CORPUS} if old else set()
        after = set(document.counts) | {CORPUS}
        _count_documents(after - before, +1)
        _count_documents(before - after, -1)

        frequencies = dict(SimilarityTerm.objects.filter(stem__in=after).values_list("stem", "documents"))
        total = frequencies[CORPUS]

        def idf_of(stem):
            return similarity.idf(frequencies.get(stem, 0), total)

        document = similarity.with_norm(document, idf_of)
        profile = _profile(document)
        if old:
            profile.pk = old.pk
        profile.save()
        SimilarityPosting.objects.filter(source=source, object_id=object_id).delete()
        SimilarityPosting.objects.bulk_create(
            SimilarityPosting(stem=stem, source=source, object_id=object_id, weight=weight)
            for stem, weight in similarity.postings(document, idf_of)
        )

        coefficients = similarity.query(document, idf_of)
        rows = []
        for kind in (PROJECT, KNOWLEDGE):
            ids = _candidates(document, coefficients, kind)
            candidates = [_stored(p) for p in SimilarityProfile.objects.filter(source=kind, object_id__in=ids)]
            rows += _rows(document, similarity.rank(document, candidates, idf_of))
        Related.objects.filter(source=source, source_id=object_id).delete()
        Related.objects.bulk_create(rows)
        return len(rows)


# --- Everything -------------------------------------------------------------------------------


@dataclass
class Summary:
    documents: int
    stems: int
    rows: int
    seconds: float

    def line(self) -> str:
        return (
            f"Related: {self.documents} projects and knowledge items, {self.stems} stems, "
            f"{self.rows} related rows in {self.seconds:.1f} s."
        )


def all_documents() -> list[Document]:
    wishes = _wishes()
    documents = [project_document(p, wishes.get(p.pk, ())) for p in _projects().order_by("pk").iterator(BATCH)]
    documents += [item_document(item) for item in _items().order_by("pk")]
    return documents


def refresh_all(*, lists: bool = True) -> Summary:
    """Rebuild every profile, frequency, posting and list from the texts.

    Side effects, in one transaction: deletes and recreates every ``SimilarityProfile``,
    ``SimilarityTerm``, ``SimilarityPosting`` and (unless ``lists=False``, which only rebuilds
    the index) every ``Related`` row.
    """
    started = time.perf_counter()
    documents = all_documents()
    frequencies = Counter(stem for document in documents for stem in document.counts)
    total = len(documents)
    idfs = {stem: similarity.idf(count, total) for stem, count in frequencies.items()}
    documents = [similarity.with_norm(document, idfs.__getitem__) for document in documents]
    rows = []
    if lists:
        index = similarity.Index(documents, idfs.__getitem__)
        by_key = {document.key: document for document in documents}
        for document in documents:
            for kind, keys in sorted(index.candidates(document).items()):
                matches = similarity.rank(document, [by_key[key] for key in keys], idfs.__getitem__)
                rows += _rows(document, matches)
    with transaction.atomic():
        SimilarityProfile.objects.all().delete()
        SimilarityTerm.objects.all().delete()
        SimilarityPosting.objects.all().delete()
        SimilarityTerm.objects.bulk_create(
            (SimilarityTerm(stem=stem, documents=count) for stem, count in {**frequencies, CORPUS: total}.items()),
            batch_size=BATCH,
        )
        # In slices: bulk_create makes a list of what it is given, and the postings run to millions.
        for start in range(0, total, BATCH):
            chunk = documents[start : start + BATCH]
            SimilarityProfile.objects.bulk_create([_profile(document) for document in chunk])
            SimilarityPosting.objects.bulk_create(
                [
                    SimilarityPosting(stem=stem, source=document.key[0], object_id=document.key[1], weight=weight)
                    for document in chunk
                    for stem, weight in similarity.postings(document, idfs.__getitem__)
                ],
                batch_size=BATCH,
            )
        if lists:
            Related.objects.all().delete()
            Related.objects.bulk_create(rows, batch_size=BATCH)
    return Summary(documents=total, stems=len(frequencies), rows=len(rows), seconds=time.perf_counter() - started)


# --- When text changes ------------------------------------------------------------------------


def schedule_refresh(source: str, object_id: int) -> None:
    """Refresh the source in the background once the transaction that changed it commits."""
    from .tasks import refresh_related

    transaction.on_commit(lambda: refresh_related.enqueue(source, object_id))


def project_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and not PROJECT_FIELDS & set(update_fields)):
        return
    schedule_refresh(PROJECT, instance.pk)


def projects_changed_in_bulk(sender, ids, **kwargs):
    """The import wrote projects in bulk (no save signals): refresh each, or everything at once
    when so many changed that one rebuild is cheaper than as many refreshes."""
    from .tasks import refresh_all_related, refresh_related

    ids = list(ids)
    if len(ids) > BULK_REFRESH:
        transaction.on_commit(lambda: refresh_all_related.enqueue())
        return
    for object_id in ids:
        transaction.on_commit(lambda object_id=object_id: refresh_related.enqueue(PROJECT, object_id))


def item_changed(sender, instance, raw=False, **kwargs):
    # Saved, published, unpublished or deleted: the task finds out which and acts on it.
    if not raw:
        schedule_refresh(KNOWLEDGE, instance.pk)


def wish_changed(sender, instance, raw=False, **kwargs):
    # A project's active wishes are part of its text.
    if not raw:
        schedule_refresh(PROJECT, instance.project_id)


# --- What pages read --------------------------------------------------------------------------


@dataclass
class Neighbour:
    object: object  # a Project or a KnowledgeItem
    row: Related


@dataclass
class RelatedLists:
    projects: list[Neighbour]
    items: list[Neighbour]


def related_to(source: str, object_id: int, *, projects: int = similarity.NEIGHBOURS,
               items: int = similarity.NEIGHBOURS) -> RelatedLists:
    """The stored lists of one source, best first, in three queries (the rows, their projects
    with their portfolios, their published items); a target gone since is left out."""
    rows = list(Related.objects.filter(source=source, source_id=object_id).order_by("target", "rank"))
    project_rows = [row for row in rows if row.target == PROJECT][:projects]
    item_rows = [row for row in rows if row.target == KNOWLEDGE][:items]
    found_projects = Project.objects.select_related("portfolio").in_bulk([row.target_id for row in project_rows])
    found_items = KnowledgeItem.objects.published().in_bulk([row.target_id for row in item_rows])
    return RelatedLists(
        projects=[Neighbour(found_projects[r.target_id], r) for r in project_rows if r.target_id in found_projects],
        items=[Neighbour(found_items[r.target_id], r) for r in item_rows if r.target_id in found_items],
    )
