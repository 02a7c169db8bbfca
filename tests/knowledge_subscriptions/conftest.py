"""Fixtures for subscriptions: items to publish, confirmed subscriptions, the real task worker."""

import datetime

import pytest
from django.utils import timezone


@pytest.fixture
def make_news(db):
    """``make_news(**fields)``: a published news item, due a minute ago."""
    from samverka.knowledge.models import NewsItem

    def make(portfolios=(), **fields):
        values = {
            "title": "Anteckningar från projektledarträffen",
            "lead": "Sammanfattning av dagen och gruppernas tips.",
            "status": NewsItem.Status.PUBLISHED,
            "publish_at": timezone.now() - datetime.timedelta(minutes=1),
        }
        values.update(fields)
        item = NewsItem.objects.create(**values)
        item.portfolios.set(portfolios)
        return item

    return make


@pytest.fixture
def make_item(db):
    """``make_item(kind="tip", projects=(), portfolios=(), **fields)``: a published knowledge item."""
    from samverka.knowledge.models import KnowledgeItem

    def make(kind=KnowledgeItem.Kind.TIP, projects=(), portfolios=(), **fields):
        values = {
            "kind": kind,
            "title": "Spridning genom studiebesök",
            "lead": "Studiebesök hos företag gav fler deltagare än seminarier.",
            "status": KnowledgeItem.Status.PUBLISHED,
            "published_at": timezone.now(),
        }
        values.update(fields)
        item = KnowledgeItem.objects.create(**values)
        item.projects.set(projects)
        item.portfolios.set(portfolios)
        return item

    return make


@pytest.fixture
def make_event(db):
    """``make_event(kind="webinar", portfolios=(), **fields)``: an event in ten days, a draft by default."""
    from samverka.meetings.models import Event

    def make(kind=Event.Kind.WEBINAR, portfolios=(), **fields):
        starts = fields.pop("starts_at", timezone.now() + datetime.timedelta(days=10))
        values = {
            "kind": kind, "format": Event.Format.DIGITAL, "title": "Kunskapswebbinarium om vätgas",
            "starts_at": starts, "ends_at": starts + datetime.timedelta(hours=2), "status": Event.Status.DRAFT,
        }
        values.update(fields)
        event = Event.objects.create(**values)
        event.invited_portfolios.set(portfolios)
        return event

    return make


@pytest.fixture
def make_subscription(db):
    """``make_subscription(email, kinds=("news",), frequency="immediate", portfolios=(), regions=(), ...)``:
    a subscription confirmed a day ago."""
    from samverka.knowledge.models import Subscription

    def make(email="gunnel@example.net", kinds=("news",), frequency="immediate", portfolios=(), regions=(), **fields):
        values = {
            "email": email, "content_kinds": list(kinds), "frequency": frequency,
            "confirmed_at": timezone.now() - datetime.timedelta(days=1),
        }
        values.update(fields)
        subscription = Subscription.objects.create(**values)
        subscription.portfolios.set(portfolios)
        subscription.regions.set(regions)
        return subscription

    return make


@pytest.fixture
def run_worker():
    """``run_worker()`` runs the real django-tasks worker until the queue is empty."""
    from django.core.management import call_command

    def run():
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    return run


def en(path: str) -> str:
    return "/en" + path
