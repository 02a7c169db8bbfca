"""Reads of the knowledge bank and the news that the pages and feeds share.

Each returns a queryset with what its page shows fetched in a fixed number of queries, whatever
the number of items (the page tests pin the counts). Each area of the app adds its reads here.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from samverka.accounts.rules import is_coordinator
from samverka.registry.models import Portfolio, Project, ProjectRole

from .models import KnowledgeItem, NewsItem

ITEMS_PER_PAGE = 20
NEWS_PER_PAGE = 20

# --- Knowledge items and news -----------------------------------------------------------------

_projects = Prefetch("projects", queryset=Project.objects.only("pk", "title").order_by("title"))
_portfolios = Prefetch("portfolios", queryset=Portfolio.objects.only("pk", "name", "name_en", "slug"))


def filter_items(items: QuerySet, *, kind: str = "", portfolio=None, tag=None, language: str = "") -> QuerySet:
    """Narrow ``items`` by the knowledge bank's filters; each filter left out matches all.

    An item is in a portfolio when it is tagged with it or tells about one of its projects.
    """
    if kind:
        items = items.filter(kind=kind)
    if portfolio:
        in_portfolio = Q(portfolios=portfolio) | Q(projects__portfolio=portfolio)
        items = items.filter(pk__in=KnowledgeItem.objects.filter(in_portfolio).values("pk"))
    if tag:
        items = items.filter(tags=tag)
    if language:
        items = items.filter(language=language)
    return items


def page_of(queryset: QuerySet, number, *, per_page: int) -> Page:
    """One page of ``queryset``; a number that is no page gives the first or the last page."""
    return Paginator(queryset, per_page).get_page(number)


def items_for_list(**filters) -> QuerySet:
    """Published items, newest first, with their projects and tags."""
    return filter_items(KnowledgeItem.objects.published(), **filters).prefetch_related(_projects, "tags")


def drafts_for(person) -> QuerySet:
    """The drafts this person may edit: a coordinator's are all drafts; a member's are those of
    their projects and those they wrote."""
    drafts = KnowledgeItem.objects.filter(status=KnowledgeItem.Status.DRAFT).order_by("-updated_at", "-pk")
    if is_coordinator(person):
        return drafts
    their_projects = ProjectRole.objects.editors().filter(person=person).values("project_id")
    mine = Q(projects__in=their_projects) | Q(created_by=person)
    return drafts.filter(pk__in=KnowledgeItem.objects.filter(mine).values("pk"))


def item_for_page(pk: int) -> QuerySet:
    """The item (one row or none) with everything its page shows."""
    return KnowledgeItem.objects.filter(pk=pk).prefetch_related(
        _projects,
        _portfolios,
        Prefetch("events", queryset=_events_in_order()),
        "tags",
        "attachments",
    )


def _events_in_order():
    """Linked events with a public page (a draft event's page is the coordinators' only)."""
    from samverka.meetings.models import Event

    events = Event.objects.exclude(status=Event.Status.DRAFT)
    return events.only("pk", "title", "starts_at", "status").order_by("-starts_at")


def news_for_list(*, person, portfolio=None, now=None) -> QuerySet:
    """Published news, newest first: the due ones for everyone; a coordinator sees the scheduled
    ones too (marked on the page). With ``portfolio``, the news tagged with it."""
    now = now or timezone.now()
    news = NewsItem.objects.filter(status=NewsItem.Status.PUBLISHED)
    if not is_coordinator(person):
        news = news.filter(publish_at__lte=now)
    if portfolio:
        news = news.filter(portfolios=portfolio)
    return news.prefetch_related(_portfolios)


def news_for_feed(*, portfolio=None, limit: int = 30) -> QuerySet:
    """The latest published and due news for a feed, with their portfolios and tags."""
    news = NewsItem.objects.published()
    if portfolio:
        news = news.filter(portfolios=portfolio)
    return news.prefetch_related("portfolios", "tags")[:limit]


def news_item_for_page(pk: int) -> QuerySet:
    return NewsItem.objects.filter(pk=pk).prefetch_related(
        _portfolios,
        Prefetch("events", queryset=_events_in_order()),
        "tags",
        "images",
        "attachments",
    )
