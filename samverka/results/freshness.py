"""The statistics' figures kept in the cache until the data under them changes.

Adding up 100 000 projects takes the database about a second; the figures change only when a
project, its co-financing or counties, an indicator value or the frame (portfolios, regions,
periods) changes. So ``figures()`` keeps each computed part in the cache
under a *generation*, and any save or delete of those models, a change of a project's counties
or the registry import's ``projects_changed`` starts a new generation. A time limit
(``CACHE_SECONDS``) bounds what a write that sends no signal (a queryset ``update()``) can leave
stale, and how long the engagement figures lag behind the meetings: attendance is recorded in
many small writes (and the meetings app's tests count its after-commit callbacks), so meetings'
saves start no new generation. With the per-process memory cache, each web process has its own figures; with Redis
(``REDIS_URL``) all processes share them and a change is seen at once everywhere.
"""

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

CACHE_SECONDS = 600
GENERATION_KEY = "results:statistics:generation"


def _generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = str(time.time_ns())
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def new_generation(**kwargs) -> None:
    """Start a new generation once the writing transaction has committed (a signal receiver)."""
    transaction.on_commit(lambda: cache.set(GENERATION_KEY, str(time.time_ns()), None))


def figures(parts: dict) -> dict:
    """``{name: compute}`` → ``{name: value}``: each part from the cache when this generation
    has it in this language, else computed now and kept. One cache round trip when all are there."""
    prefix = f"results:statistics:{_generation()}:{get_language()}:"
    found = cache.get_many([prefix + name for name in parts])
    result = {}
    missing = {}
    for name, compute in parts.items():
        if prefix + name in found:
            result[name] = found[prefix + name]
        else:
            result[name] = missing[prefix + name] = compute()
    if missing:
        cache.set_many(missing, CACHE_SECONDS)
    return result


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
