"""RSS and Atom feeds of the published news, for all news and per portfolio.

Only news that are published and due are in a feed: a scheduled item appears once its time has
come. Titles are plain text and descriptions sanitised HTML (a feed reader shows them as HTML),
so no script typed anywhere reaches a reader. The news pages advertise the feeds with
``<link rel="alternate">``.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import gettext as _

from samverka.registry.forms import localised_name
from samverka.registry.models import Portfolio
from samverka.richtext import render_markdown

from . import selectors
from .texts import plain_text


class NewsFeed(Feed):
    """The latest news of the network, as RSS 2.0."""

    def get_object(self, request, *args, **kwargs):
        return None

    def title(self, portfolio):
        if portfolio is None:
            return _("%(site)s: news") % {"site": settings.SITE_NAME}
        names = {"site": settings.SITE_NAME, "portfolio": localised_name(portfolio)}
        return _("%(site)s: news about %(portfolio)s") % names

    def description(self, portfolio):
        return _("News from the network's coordinators: meetings, webinars, results and calls.")

    def link(self, portfolio):
        url = reverse("knowledge:news_list")
        return f"{url}?portfolio={portfolio.slug}" if portfolio is not None else url

    def items(self, portfolio):
        return selectors.news_for_feed(portfolio=portfolio)

    def item_title(self, news_item):
        return plain_text(news_item.title)

    def item_description(self, news_item):
        return format_html("<p>{}</p>", plain_text(news_item.lead)) + render_markdown(news_item.body, top_level=2)

    def item_pubdate(self, news_item):
        return news_item.publish_at

    def item_updateddate(self, news_item):
        return news_item.updated_at

    def item_categories(self, news_item):
        return [localised_name(portfolio) for portfolio in news_item.portfolios.all()] + [
            tag.name for tag in news_item.tags.all()
        ]


class NewsAtomFeed(NewsFeed):
    """The same news as Atom 1.0."""

    feed_type = Atom1Feed

    def subtitle(self, portfolio):
        return self.description(portfolio)


class PortfolioNewsFeed(NewsFeed):
    """The news tagged with one portfolio, as RSS 2.0."""

    def get_object(self, request, slug):
        return get_object_or_404(Portfolio, slug=slug)


class PortfolioNewsAtomFeed(PortfolioNewsFeed):
    feed_type = Atom1Feed

    def subtitle(self, portfolio):
        return self.description(portfolio)
