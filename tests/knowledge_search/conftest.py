"""Fixtures for the search tests: published things to find, made in the test itself."""

import datetime

import pytest


@pytest.fixture
def make_item(db, portfolio):
    """A published knowledge item (Swedish, a tip) with any field overridden by keyword."""
    from django.utils import timezone

    from samverka.knowledge.models import KnowledgeItem

    def make(**fields):
        projects = fields.pop("projects", [])
        portfolios = fields.pop("portfolios", [portfolio])
        values = {
            "title": "Ett tips",
            "lead": "Kort ingress.",
            "body": "",
            "status": KnowledgeItem.Status.PUBLISHED,
            "published_at": timezone.now() - datetime.timedelta(days=1),
        }
        values.update(fields)
        item = KnowledgeItem.objects.create(**values)
        item.projects.set(projects)
        item.portfolios.set(portfolios)
        return item

    return make


@pytest.fixture
def make_news(db):
    from django.utils import timezone

    from samverka.knowledge.models import NewsItem

    def make(**fields):
        values = {
            "title": "En nyhet",
            "lead": "Kort ingress.",
            "status": NewsItem.Status.PUBLISHED,
            "publish_at": timezone.now() - datetime.timedelta(hours=1),
        }
        values.update(fields)
        return NewsItem.objects.create(**values)

    return make


@pytest.fixture
def make_event(db):
    from django.utils import timezone

    from samverka.meetings.models import Event

    def make(**fields):
        starts = timezone.now() + datetime.timedelta(days=10)
        values = {
            "title": "Projektledarträff",
            "description": "Vi ses digitalt.",
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=2),
            "status": Event.Status.PUBLISHED,
        }
        values.update(fields)
        return Event.objects.create(**values)

    return make


@pytest.fixture
def reindex(db):
    """Rebuild the whole index (the tests' transaction never commits, so on_commit never runs)."""
    from samverka.knowledge.search import rebuild_index

    return rebuild_index


@pytest.fixture
def find(db):
    """Titles found for a query, in order (Swedish page unless told)."""
    from samverka.knowledge.search_results import search

    def titles(text, **options):
        return [result.title for result in search(text, **options).results]

    return titles
