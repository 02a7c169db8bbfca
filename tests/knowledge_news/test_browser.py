"""The news pages in Chromium, axe-core in both languages: the list, a portfolio's news, a news
item with an image and the meeting notes, and a scheduled item as a coordinator sees it."""

import datetime
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from conftest import PASSWORD
from tests.browser.conftest import browser, visitor  # noqa: F401

from .conftest import upload

pytestmark = pytest.mark.browser


def png(width=2, height=2) -> bytes:
    """A real PNG picture (grey), so the browser shows it without an error."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@pytest.fixture
def setting(transactional_db, portfolio, coordinator, settings, tmp_path):
    from samverka.knowledge import services
    from samverka.knowledge.models import NewsItem

    settings.MEDIA_ROOT = tmp_path / "media"
    now = timezone.now()
    news_item = NewsItem.objects.create(
        title="Två projektledarträffar i november", lead="42 projekt träffades digitalt.",
        body="## Vad vi pratade om\n\nTips om **spridning**.", status=NewsItem.Status.PUBLISHED,
        publish_at=now - datetime.timedelta(days=1),
    )
    news_item.portfolios.set([portfolio])
    services.add_news_image(
        news_item=news_item, file=SimpleUploadedFile("bild.png", png(), content_type="image/png"),
        alt_text="Deltagarna i videomötet", caption="Träffen den 25 november",
    )
    services.add_attachment(owner=news_item, title="Anteckningar från projektledarträffen", file=upload())
    scheduled = NewsItem.objects.create(
        title="Kommande nyhet", lead="Ännu inte publicerad.", status=NewsItem.Status.PUBLISHED,
        publish_at=now + datetime.timedelta(days=2),
    )
    return {"news": news_item, "scheduled": scheduled, "portfolio": portfolio, "coordinator": coordinator}


def test_news_pages_pass_axe_in_both_languages(visitor, setting):
    page = visitor.page
    for prefix in ["", "/en"]:
        visitor.goto(f"{prefix}/nyheter/")
        visitor.goto(f"{prefix}/nyheter/?portfolio={setting['portfolio'].slug}")
        visitor.goto(f"{prefix}/nyheter/{setting['news'].pk}/")
        assert page.get_by_role("img", name="Deltagarna i videomötet").is_visible()
    assert page.request.get(visitor.base_url + f"/nyheter/{setting['scheduled'].pk}/").status == 404

    visitor.sign_in(setting["coordinator"].email, PASSWORD)
    for prefix in ["", "/en"]:
        visitor.goto(f"{prefix}/nyheter/")
        visitor.goto(f"{prefix}/nyheter/{setting['scheduled'].pk}/")
    assert "Scheduled" in page.inner_text("main")


def test_a_visitor_follows_a_portfolio_and_opens_the_notes(visitor, setting):
    page = visitor.page
    visitor.goto("/en/nyheter/")
    assert "Kommande nyhet" not in page.inner_text("main")
    page.get_by_label("Portfolio").select_option(label="Renewable energy")
    with page.expect_navigation():
        page.get_by_role("button", name="Show news").click()
    visitor.check()
    rss = page.locator('link[rel=alternate][type="application/rss+xml"]').all()
    assert [link.get_attribute("href") for link in rss] == ["/en/nyheter/rss/", "/en/nyheter/portfolj/fornybar-energi/rss/"]
    with page.expect_navigation():
        page.get_by_role("link", name="Två projektledarträffar i november").click()
    visitor.check()
    assert "Anteckningar från projektledarträffen, PDF, 271 kB" in page.inner_text("main")
