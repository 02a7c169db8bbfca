"""Fixtures for projects like yours: a small corpus of projects whose texts overlap on purpose,
a published knowledge item, and tasks that run at once."""

import pytest


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def corpus(make_project, project_a, project_b, other_portfolio):
    """Project A (hydrogen in Norrbotten) and two more hydrogen projects, one in another
    portfolio; project B (energy-smart small firms) and a solar project share little with A."""
    from samverka.registry.models import Project

    Project.objects.filter(pk=project_a.pk).update(
        summary="Vätgas från förnybar el ersätter fossila bränslen i industrin och i tunga transporter.",
        purpose="Att bygga en vätgaskedja med elektrolys, lager och tankställen för lastbilar.",
    )
    project_a.refresh_from_db()
    Project.objects.filter(pk=project_b.pk).update(
        summary="Småföretag får energikartläggning och stöd att sänka sin elanvändning.",
    )
    project_b.refresh_from_db()
    return {
        "a": project_a,
        "b": project_b,
        "hydrogen": make_project(
            title="Vätgas för tunga transporter i Luleå",
            summary="Tankställen för vätgas och lastbilar med bränsleceller i tunga transporter.",
            purpose="Att visa att vätgas från elektrolys fungerar för åkerier.",
        ),
        "hydrogen_elsewhere": make_project(
            title="Vätgaslastbilar i hamnen",
            summary="Vätgas och bränsleceller i tunga transporter till hamnen.",
            portfolio=other_portfolio,
        ),
        "solar": make_project(title="Solceller på lantgårdar", summary="Lantbruk bygger solceller på ladugårdstak."),
    }


@pytest.fixture
def make_item(db):
    """``make_item(title=…, lead=…, projects=[…])``: a published knowledge item."""
    from django.utils import timezone

    from samverka.knowledge.models import KnowledgeItem

    def make(projects=(), **fields):
        values = {
            "kind": KnowledgeItem.Kind.TIP,
            "title": "Tips om vätgas",
            "lead": "Så fick vi åkerier att prova lastbilar med vätgas och bränsleceller.",
            "body": "Vi bjöd in till en provkörning vid tankstället.",
            "status": KnowledgeItem.Status.PUBLISHED,
            "published_at": timezone.now(),
        }
        values.update(fields)
        item = KnowledgeItem.objects.create(**values)
        item.projects.set(projects)
        return item

    return make
