"""The statistics' figures kept in the cache, recomputed in the background when the data changes.

Adding up 100 000 projects takes the database seconds; the figures change only when a project,
its co-financing or counties, an indicator value or the frame (portfolios, regions, periods)
changes. So the figures of each language are computed together, all parts at once, and kept in
the cache as one *snapshot* that carries the *generation* it was computed in and when. Any save
or delete of those models, a change of a project's counties or the registry import's
``projects_changed`` starts a new generation when its transaction commits, and queues the
``refresh_statistics`` task (``tasks.py``), once for a burst of changes: the ``QUEUED_KEY`` mark
is added with the first change and removed when the task starts. The task recomputes both
languages, one computation at a time (a lock per language in the cache), and does nothing for
a language whose snapshot is already fresh.

Meanwhile ``figures()`` hands out the last snapshot at once, with ``outdated`` set so the page
can say new figures are coming; its ``last_updated`` is the one computed with those figures.
Nothing older than ``settings.STATISTICS_MAX_AGE`` is ever handed out: that bounds what a write
that sends no signal (a queryset ``update()``) or a missing task worker can leave stale, and how
long the engagement figures lag behind the meetings (attendance is recorded in many small writes,
so meetings' saves start no new generation). A snapshot past half that age is refreshed in the
background like a changed one. Only when there is no snapshot to hand out (the first visit, the
cache emptied, or everything too old) does a request compute the figures itself; requests
arriving while it does wait for its snapshot (at most ``WAIT_SECONDS``, then they compute too).

Every web process and the task worker share the snapshots, the generation and the locks
through the cache: Redis (``REDIS_URL``) on several machines, files under var/cache on one. A
cache of one process's own (the tests' memory cache) keeps the worker's snapshots in the worker:
a web process then keeps its figures until they are ``STATISTICS_MAX_AGE`` old and computes them
in a request.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation

GENERATION_KEY = "results:statistics:generation"
SNAPSHOT_KEY = "results:statistics:snapshot:"  # + language
LOCK_KEY = "results:statistics:computing:"  # + language
QUEUED_KEY = "results:statistics:refresh-queued"
# Longer than the figures ever take to compute: a process that died computing frees the lock after this.
LOCK_SECONDS = 120
# How long a request waits for another one's computation before it computes the figures too.
WAIT_SECONDS = 15
POLL_SECONDS = 0.1
# A queued refresh that never started (no worker, a lost task) stops holding back the next one after this.
QUEUED_SECONDS = 60


@dataclass(frozen=True)
class Snapshot:
    """Every part of the figures in one language, the generation they were computed in, and when
    (``time.time()`` as the computation started)."""

    generation: str
    computed_at: float
    values: dict


@dataclass(frozen=True)
class Figures:
    """What a page shows: ``figures["funding"]``; ``outdated`` when the data has changed since."""

    values: dict
    outdated: bool

    def __getitem__(self, name):
        return self.values[name]


def _parts() -> dict:
    """Every part of the figures: ``{name: compute}``, computed in the active language."""
    from . import statistics

    return {
        "funding": statistics.funding,
        "last_updated": statistics.last_updated,
        "indicators_by_portfolio": lambda: statistics.indicator_sums("portfolio"),
        "indicators_by_programme": lambda: statistics.indicator_sums("programme"),
        "engagement": statistics.engagement,
    }


def _generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = str(time.time_ns())
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def _age(snapshot: Snapshot) -> float:
    return time.time() - snapshot.computed_at


def _servable(snapshot: Snapshot | None) -> bool:
    return snapshot is not None and _age(snapshot) < settings.STATISTICS_MAX_AGE


def _fresh(snapshot: Snapshot | None, generation: str) -> bool:
    """Of this generation and younger than half the allowed age: no refresh needed."""
    return (
        snapshot is not None and snapshot.generation == generation and _age(snapshot) < settings.STATISTICS_MAX_AGE / 2
    )


def figures() -> Figures:
    """The figures in the active language, as the module's docstring says: the last snapshot at
    once (queueing a refresh when it is outdated or half its allowed age), or computed now when
    there is none to hand out. One cache round trip when there is."""
    language = translation.get_language()
    found = cache.get_many([GENERATION_KEY, SNAPSHOT_KEY + language])
    generation = found.get(GENERATION_KEY) or _generation()
    snapshot = found.get(SNAPSHOT_KEY + language)
    if not _servable(snapshot):
        snapshot, _computed = _compute_once(language, usable=_servable, wait=WAIT_SECONDS)
    elif not _fresh(snapshot, generation):
        request_refresh()
    return Figures(values=snapshot.values, outdated=snapshot.generation != generation)


def refresh() -> list[str]:
    """Bring every language's figures up to the current generation (the ``refresh_statistics`` task).

    Side effects: removes the queued mark first, so a change committed from now on queues another
    refresh; for each language, waits for the lock while someone else computes it, and computes
    and stores the figures unless the snapshot found is fresh. Returns the languages computed."""
    cache.delete(QUEUED_KEY)
    computed = []
    for language, _name in settings.LANGUAGES:
        _snapshot, was_computed = _compute_once(
            language, usable=lambda snapshot: _fresh(snapshot, _generation()), wait=LOCK_SECONDS
        )
        if was_computed:
            computed.append(language)
    return computed


def request_refresh() -> None:
    """Queue the ``refresh_statistics`` task after commit, unless one is queued and not yet started."""
    if cache.add(QUEUED_KEY, 1, QUEUED_SECONDS):
        from .tasks import refresh_statistics

        transaction.on_commit(lambda: refresh_statistics.enqueue())


def _compute_once(language: str, *, usable, wait: float) -> tuple[Snapshot, bool]:
    """``(snapshot, computed)``: a snapshot found ``usable`` (perhaps computed meanwhile by whoever
    holds the language's lock), or one computed and stored under the lock; after ``wait`` seconds
    without the lock, computed anyway."""
    key = SNAPSHOT_KEY + language
    deadline = time.monotonic() + wait
    while True:
        snapshot = cache.get(key)
        if usable(snapshot):
            return snapshot, False
        if cache.add(LOCK_KEY + language, 1, LOCK_SECONDS):
            try:
                snapshot = cache.get(key)  # stored by the holder that has just let go?
                if usable(snapshot):
                    return snapshot, False
                return _compute(language), True
            finally:
                cache.delete(LOCK_KEY + language)
        if time.monotonic() >= deadline:
            return _compute(language), True
        time.sleep(POLL_SECONDS)


def _compute(language: str) -> Snapshot:
    # The generation is read before the figures: a change committed while they are computed
    # leaves them outdated, and that change has queued the next refresh.
    generation = _generation()
    started = time.time()
    with translation.override(language):
        values = {name: compute() for name, compute in _parts().items()}
    snapshot = Snapshot(generation=generation, computed_at=started, values=values)
    cache.set(SNAPSHOT_KEY + language, snapshot, settings.STATISTICS_MAX_AGE)
    return snapshot


def _data_changed() -> None:
    cache.set(GENERATION_KEY, str(time.time_ns()), None)
    # With no figures at all there is nothing to refresh: the next visitor computes them.
    if any(cache.has_key(SNAPSHOT_KEY + language) for language, _name in settings.LANGUAGES):
        request_refresh()


def new_generation(**kwargs) -> None:
    """Start a new generation and queue the refresh once the writing transaction has committed
    (a signal receiver)."""
    transaction.on_commit(_data_changed)


def connect() -> None:
    """Start a new generation whenever the data under the figures changes (called from ready())."""
    from samverka.registry.models import (
        CoFinancing,
        ImportJob,
        Portfolio,
        Programme,
        ProgrammePeriod,
        Project,
        Region,
        ThemeArea,
    )
    from samverka.registry.signals import projects_changed

    from .models import Indicator, IndicatorValue

    models = (
        Project, CoFinancing, Portfolio, Programme, ProgrammePeriod, Region, ThemeArea, ImportJob,
        Indicator, IndicatorValue,
    )
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(new_generation, sender=model, dispatch_uid=f"results_statistics_{model.__name__}")
    m2m_changed.connect(new_generation, sender=Project.counties.through, dispatch_uid="results_statistics_counties")
    projects_changed.connect(new_generation, dispatch_uid="results_statistics_import")
