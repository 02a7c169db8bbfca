"""The knowledge app's sections on a project's page (``samverka/registry/sections.py``):
projects like this one, what the project wants to cooperate on, and related knowledge items.

Each reads stored rows only, in a fixed number of queries; the two lists come from one read
shared within the request.
"""

from samverka.registry import sections

from . import related
from .rules import can_manage_wishes
from .similarity import PROJECT

SHOWN = 5  # on the project page; the matching page shows every stored neighbour


def _related(request, project) -> related.RelatedLists:
    """The project's stored lists, read once per request however many sections use them."""
    cache = request.__dict__.setdefault("_knowledge_related", {})
    if project.pk not in cache:
        cache[project.pk] = related.related_to(PROJECT, project.pk, projects=SHOWN, items=SHOWN)
    return cache[project.pk]


@sections.provider(order=10)
def projects_like_yours(request, project):
    neighbours = _related(request, project).projects
    if not neighbours:
        return None
    return sections.Section(
        "knowledge/sections/projects_like_yours.html", {"project": project, "neighbours": neighbours}
    )


@sections.provider(order=20)
def cooperation_wishes(request, project):
    wishes = list(project.cooperation_wishes.filter(active=True))
    can_manage = can_manage_wishes(request.user, project)
    if not wishes and not can_manage:
        return None
    return sections.Section(
        "knowledge/sections/cooperation_wishes.html", {"project": project, "wishes": wishes, "can_manage": can_manage}
    )


@sections.provider(order=30)
def related_knowledge(request, project):
    neighbours = _related(request, project).items
    if not neighbours:
        return None
    return sections.Section("knowledge/sections/related_knowledge.html", {"neighbours": neighbours})
