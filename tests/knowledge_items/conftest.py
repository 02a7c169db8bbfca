"""Fixtures for knowledge items: a way to make items, an event with a discussion group and its
notes, files to upload, and a media folder of the test's own."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n" + b"x" * 270_964
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def upload(content=PDF, name="anteckningar.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture(autouse=True)
def _english():
    """Pages at /en/: messages are asserted in English, which the Swedish catalogue will not change."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def make_item(db):
    """``make_item(projects=[project_a], **fields)``: a knowledge item, published unless told."""
    from samverka.knowledge.models import KnowledgeItem

    def make(*, projects=(), portfolios=(), tags=(), events=(), **fields):
        values = {
            "kind": KnowledgeItem.Kind.TIP,
            "title": "Spridningsfrukost med lokala företag",
            "lead": "En frukost i månaden gav fler företag i projektet.",
            "body": "Vi bjöd in **tio företag** varje månad.",
            "status": KnowledgeItem.Status.PUBLISHED,
            "published_at": timezone.now() - datetime.timedelta(days=1),
        }
        values.update(fields)
        if values["status"] == KnowledgeItem.Status.DRAFT and "published_at" not in fields:
            values["published_at"] = None
        item = KnowledgeItem.objects.create(**values)
        item.projects.set(projects)
        item.portfolios.set(portfolios)
        item.tags.set(tags)
        item.events.set(events)
        return item

    return make


@pytest.fixture
def past_event(db):
    from samverka.meetings.models import Event

    start = timezone.now() - datetime.timedelta(days=3)
    return Event.objects.create(
        kind=Event.Kind.LEADER_MEETING, title="Projektledarträff för tre portföljer",
        starts_at=start, ends_at=start + datetime.timedelta(hours=3), status=Event.Status.PUBLISHED,
    )


@pytest.fixture
def future_event(db):
    from samverka.meetings.models import Event

    start = timezone.now() + datetime.timedelta(days=10)
    return Event.objects.create(
        kind=Event.Kind.WEBINAR, title="Kunskapswebbinarium om vätgas",
        starts_at=start, ends_at=start + datetime.timedelta(hours=2), status=Event.Status.PUBLISHED,
    )


@pytest.fixture
def make_group(db):
    """``make_group(event, note_taker=person)``: group 1 of the event with notes, taken by ``note_taker``."""
    from samverka.meetings.models import DiscussionGroup, Registration

    def make(event, *, note_taker=None, notes="- Bjud in företagen till frukost\n- Filma korta intervjuer"):
        registration = None
        if note_taker is not None:
            registration = Registration.objects.create(
                event=event, person=note_taker, name=note_taker.name, email=note_taker.email,
                status=Registration.Status.REGISTERED,
            )
        return DiscussionGroup.objects.create(
            event=event, number=1, topic="Spridningsaktiviteter", notes=notes, note_taker=registration
        )

    return make
