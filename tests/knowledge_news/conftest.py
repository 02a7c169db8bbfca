"""Fixtures for the news: a way to make news items, files to upload, a media folder of the test's own."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n" + b"x" * 270_964
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


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
def make_news(db):
    """``make_news(portfolios=[portfolio], **fields)``: a published news item, due a day ago unless told."""
    from samverka.knowledge.models import NewsItem

    def make(*, portfolios=(), tags=(), **fields):
        values = {
            "title": "Två projektledarträffar i november",
            "lead": "42 projekt träffades digitalt för att dela tips om spridning.",
            "body": "Anteckningarna från **båda träffarna** finns som bilaga.",
            "status": NewsItem.Status.PUBLISHED,
            "publish_at": timezone.now() - datetime.timedelta(days=1),
        }
        values.update(fields)
        news_item = NewsItem.objects.create(**values)
        news_item.portfolios.set(portfolios)
        news_item.tags.set(tags)
        return news_item

    return make


@pytest.fixture
def scheduled(make_news):
    return make_news(title="Kommande nyhet", publish_at=timezone.now() + datetime.timedelta(days=3))
