"""Sections that apps above the registry add to a project's page, without the registry
importing them (the way ``samverka/accounts/privacy.py`` gathers every app's data).

An app registers a provider, usually from its ``AppConfig.ready()``::

    from samverka.registry import sections

    @sections.provider(order=10)
    def projects_like_yours(request, project):
        rows = ...
        if not rows:
            return None
        return sections.Section("knowledge/sections/projects_like_yours.html", {"rows": rows})

A provider takes ``(request, project)`` and returns a ``Section`` (a template and its context)
or None to show nothing. ``project_detail`` renders them in ``order``, each template included
with its context as ``section``. A provider makes a fixed number of queries: the page's count
is pinned in the registry's tests.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    template: str
    context: dict = field(default_factory=dict)


_providers: list[tuple[int, str, Callable]] = []


def provider(order: int = 100) -> Callable:
    """Register ``func(request, project) -> Section | None`` for the project page."""

    def register(func: Callable) -> Callable:
        name = f"{func.__module__}.{func.__qualname__}"
        if all(existing != name for _order, existing, _func in _providers):
            _providers.append((order, name, func))
            _providers.sort(key=lambda entry: (entry[0], entry[1]))
        return func

    return register


def sections_for(request, project) -> list[Section]:
    """The sections for this project and this visitor, in order."""
    found = (func(request, project) for _order, _name, func in _providers)
    return [section for section in found if section is not None]
