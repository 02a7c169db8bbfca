"""The news feeds, parsed with xml.etree: RSS and Atom, all news and per portfolio; only
published and due news; texts without script."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.knowledge.models import NewsItem

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def url(name, **kwargs):
    return reverse(f"knowledge:{name}", kwargs=kwargs)


def rss(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).find("channel")


def atom(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def rss_titles(channel):
    return [item.findtext("title") for item in channel.findall("item")]


def atom_titles(feed):
    return [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]


def test_rss_has_the_due_news_newest_first(client, make_news, scheduled):
    now = timezone.now()
    make_news(title="Äldre", publish_at=now - datetime.timedelta(days=5))
    newest = make_news(title="Nyast", publish_at=now - datetime.timedelta(hours=1), portfolios=[])
    make_news(title="Utkast", status=NewsItem.Status.DRAFT)
    channel = rss(client, url("news_rss"))
    assert rss_titles(channel) == ["Nyast", "Äldre"]
    assert channel.findtext("language") == "en" and channel.findtext("title") == "Samverka: news"
    first = channel.find("item")
    assert first.findtext("link").endswith(f"/en/nyheter/{newest.pk}/")
    assert first.findtext("pubDate")


def test_a_scheduled_item_enters_the_feed_when_due(client, scheduled):
    assert "Kommande nyhet" not in rss_titles(rss(client, url("news_rss")))
    NewsItem.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now() - datetime.timedelta(seconds=1))
    assert "Kommande nyhet" in rss_titles(rss(client, url("news_rss")))
    assert "Kommande nyhet" in atom_titles(atom(client, url("news_atom")))


def test_atom_carries_the_same_news(client, make_news, portfolio):
    make_news(title="Om energi", portfolios=[portfolio])
    feed = atom(client, url("news_atom"))
    assert atom_titles(feed) == ["Om energi"]
    entry = feed.find(f"{ATOM}entry")
    assert "42 projekt träffades digitalt" in entry.findtext(f"{ATOM}summary")
    assert [category.get("term") for category in entry.findall(f"{ATOM}category")] == ["Renewable energy"]


def test_a_portfolios_feeds(client, make_news, portfolio, other_portfolio):
    make_news(title="Om energi", portfolios=[portfolio])
    make_news(title="Om transporter", portfolios=[other_portfolio])
    channel = rss(client, url("news_portfolio_rss", slug=portfolio.slug))
    assert rss_titles(channel) == ["Om energi"] and channel.findtext("title") == "Samverka: news about Renewable energy"
    assert atom_titles(atom(client, url("news_portfolio_atom", slug=other_portfolio.slug))) == ["Om transporter"]


def test_an_unknown_portfolio_is_404(client):
    assert client.get(url("news_portfolio_rss", slug="finns-inte")).status_code == 404


def test_feed_texts_carry_no_script(client, make_news):
    make_news(
        title='Nyhet <script>alert(1)</script><b onclick="x()">nu</b>',
        lead='Ingress <img src=x onerror="alert(2)">',
        body='Text <script>alert(3)</script> <a href="javascript:alert(4)" onclick="alert(5)">länk</a> **fet**',
    )
    item = rss(client, url("news_rss")).find("item")
    description = item.findtext("description")
    assert item.findtext("title") == "Nyhet nu"
    assert "<strong>fet</strong>" in description
    for text in (item.findtext("title"), description):
        assert "script" not in text and "alert" not in text and "onclick" not in text and "onerror" not in text
    entry = atom(client, url("news_atom")).find(f"{ATOM}entry")
    assert "script" not in entry.findtext(f"{ATOM}summary") and entry.findtext(f"{ATOM}title") == "Nyhet nu"


def test_the_swedish_feed_is_in_swedish(client, make_news):
    from django.utils import translation

    make_news()
    with translation.override("sv"):
        path = url("news_rss")
    assert path == "/nyheter/rss/"
    assert rss(client, path).findtext("language") == "sv"
