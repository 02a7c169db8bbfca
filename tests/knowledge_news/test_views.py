"""The news pages: the list (by portfolio), a news item with images and files, scheduled news
hidden until due and marked for coordinators; pinned query counts; the "no" cases."""

import pytest
from django.urls import reverse

from samverka.knowledge import services
from samverka.knowledge.models import NewsItem

from .conftest import JPEG, PNG, upload

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"knowledge:{name}", kwargs=kwargs)


def test_list_shows_due_news_only(client, make_news, scheduled):
    make_news()
    make_news(title="Utkast", status=NewsItem.Status.DRAFT)
    page = client.get(url("news_list")).content.decode()
    assert "Två projektledarträffar i november" in page
    assert "Kommande nyhet" not in page and "Utkast" not in page


def test_a_coordinator_sees_scheduled_news_marked(coordinator_client, make_news, scheduled):
    page = coordinator_client.get(url("news_list")).content.decode()
    assert "Kommande nyhet" in page and page.count('class="news-scheduled"') == 1


def test_list_by_portfolio(client, make_news, portfolio, other_portfolio):
    make_news(title="Om energi", portfolios=[portfolio])
    make_news(title="Om transporter", portfolios=[other_portfolio])
    page = client.get(url("news_list") + f"?portfolio={portfolio.slug}").content.decode()
    assert "Om energi" in page and "Om transporter" not in page
    # The portfolio's own feeds are advertised beside the whole site's.
    assert f'href="{url("news_portfolio_rss", slug=portfolio.slug)}"' in page
    assert f'<link rel="alternate" type="application/atom+xml" href="{url("news_portfolio_atom", slug=portfolio.slug)}"' in page


def test_the_feeds_are_advertised(client):
    page = client.get(url("news_list")).content.decode()
    assert f'<link rel="alternate" type="application/rss+xml" href="{url("news_rss")}"' in page
    assert f'<link rel="alternate" type="application/atom+xml" href="{url("news_atom")}"' in page


@pytest.mark.parametrize("count", [1, 30])
def test_list_queries_do_not_grow(client, make_news, portfolio, other_portfolio, django_assert_num_queries, count):
    for number in range(count):
        make_news(title=f"Nyhet {number}", portfolios=[portfolio, other_portfolio])
    # count, page, portfolios, the portfolio choices
    with django_assert_num_queries(4):
        assert client.get(url("news_list")).status_code == 200


def test_list_wrong_method(client):
    assert client.post(url("news_list")).status_code == 405


def test_news_page_with_images_and_files(client, make_news, portfolio, media):
    news_item = make_news(portfolios=[portfolio])
    services.add_news_image(news_item=news_item, file=upload(PNG, name="bild.png"), alt_text="Deltagare vid skärmen", caption="Träffen")
    services.add_attachment(owner=news_item, title="Anteckningar från projektledarträffen den 25 november", file=upload())
    page = client.get(url("news_item", pk=news_item.pk)).content.decode()
    assert page.count("<h1") == 1 and "42 projekt träffades digitalt" in page and "<strong>båda träffarna</strong>" in page
    assert 'alt="Deltagare vid skärmen"' in page and "<figcaption>Träffen</figcaption>" in page
    assert "Anteckningar från projektledarträffen den 25 november, PDF, 271 kB" in page
    assert "Renewable energy" in page


def test_news_page_strips_script(client, make_news):
    news_item = make_news(body='Hej <script>alert(1)</script><p onmouseover="alert(2)">text</p>')
    page = client.get(url("news_item", pk=news_item.pk)).content.decode()
    assert "<script>alert" not in page and "onmouseover" not in page


@pytest.mark.parametrize("count", [1, 8])
def test_news_page_queries_are_fixed(client, make_news, portfolio, media, django_assert_num_queries, count):
    news_item = make_news(portfolios=[portfolio])
    for number in range(count):
        services.add_news_image(news_item=news_item, file=upload(JPEG, name="bild.jpg"), alt_text=f"Bild {number}")
        services.add_attachment(owner=news_item, title=f"Bilaga {number}", file=upload())
    # item, portfolios, events, tags, images, attachments
    with django_assert_num_queries(6):
        assert client.get(url("news_item", pk=news_item.pk)).status_code == 200


@pytest.mark.parametrize("who", ["client", "participant_client", "leader_a_client"])
def test_scheduled_news_is_404_until_due(request, scheduled, who):
    assert request.getfixturevalue(who).get(url("news_item", pk=scheduled.pk)).status_code == 404


def test_scheduled_news_appears_when_due(client, scheduled):
    import datetime

    from django.utils import timezone

    NewsItem.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(url("news_item", pk=scheduled.pk)).status_code == 200


def test_a_coordinator_sees_scheduled_news_labelled(coordinator_client, scheduled):
    page = coordinator_client.get(url("news_item", pk=scheduled.pk)).content.decode()
    assert "Scheduled" in page and "until then only coordinators see this page" in page


def test_a_draft_is_404_to_the_public_and_marked_for_coordinators(client, coordinator_client, make_news):
    draft = make_news(status=NewsItem.Status.DRAFT)
    assert client.get(url("news_item", pk=draft.pk)).status_code == 404
    assert "Draft: only coordinators see this page." in coordinator_client.get(url("news_item", pk=draft.pk)).content.decode()


def test_news_page_no_such_item_and_wrong_method(client, make_news):
    assert client.get(url("news_item", pk=999)).status_code == 404
    assert client.post(url("news_item", pk=make_news().pk)).status_code == 405
