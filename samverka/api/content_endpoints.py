"""Public events, knowledge items and news in the API.

Only what the public pages show: published and cancelled events without their video link,
dial-in details, registrations or anyone's name; published knowledge items; news items that
are published and due. Each list pages by a signed keyset cursor, newest first.
"""

from typing import Literal

from django.db.models import Prefetch, Q
from ninja import Field, Query, Router, Schema

from samverka.knowledge.models import Attachment, KnowledgeItem, NewsItem
from samverka.meetings.models import Event
from samverka.registry.models import Project

from . import params, schemas
from .cursors import Ordering
from .params import PageParams
from .registry_endpoints import page

router = Router(tags=["events and knowledge"])


def slugs(portfolios) -> list[str]:
    return [portfolio.slug for portfolio in portfolios.all()]


def attachments_out(request, attachments) -> list[dict]:
    return [
        {"title": a.title, "url": request.build_absolute_uri(a.file.url), "content_type": a.content_type, "size": a.size}
        for a in attachments.all()
    ]


# ---------------------------------------------------------------------------- events


class EventFilters(Schema):
    kind: Literal[tuple(Event.Kind.values)] | None = Field(None, description="The kind of event.")
    status: Literal["published", "cancelled"] | None = None
    portfolio: str | None = Field(None, max_length=100, description="Events that invite this portfolio (its slug).")
    year: int | None = params.Year
    q: str | None = params.Text


def event_out(request, event: Event) -> dict:
    # Never video_url, dial_in, registrations or who organised it: see samverka/meetings/rules.py.
    return {
        "id": event.pk,
        "kind": event.kind,
        "format": event.format,
        "status": event.status,
        "title": event.title,
        "description": event.description,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "place": event.place,
        "invited_portfolios": slugs(event.invited_portfolios),
        "page_url": request.build_absolute_uri(event.get_absolute_url()),
    }


@router.get("/events", response={200: schemas.EventPage, **schemas.ERRORS}, summary="Public events, newest first")
def list_events(request, filters: Query[EventFilters], paging: Query[PageParams]):
    params.refuse_unknown(request, EventFilters, PageParams)
    events = Event.objects.published().prefetch_related("invited_portfolios")
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.status:
        events = events.filter(status=filters.status)
    if filters.portfolio:
        events = events.filter(invited_portfolios=params.portfolio(filters.portfolio))
    if filters.year:
        events = events.filter(starts_at__year=filters.year)
    if filters.q:
        events = events.filter(Q(title__icontains=filters.q) | Q(description__icontains=filters.q))
    return page(
        request, events, endpoint="events", ordering=Ordering(("-starts_at", "-id")), paging=paging,
        filters=params.filters_of(filters), out=event_out,
    )


# ---------------------------------------------------------------------------- knowledge and news


class KnowledgeFilters(Schema):
    kind: Literal[tuple(KnowledgeItem.Kind.values)] | None = Field(None, description="The kind of knowledge item.")
    portfolio: str | None = Field(None, max_length=100, description="A portfolio's slug.")
    language: Literal["sv", "en"] | None = None
    year: int | None = params.Year
    q: str | None = params.Text


def knowledge_out(request, item: KnowledgeItem) -> dict:
    return {
        "id": item.pk,
        "kind": item.kind,
        "title": item.title,
        "lead": item.lead,
        "body": item.body,
        "language": item.language,
        "published_at": item.published_at,
        "projects": [{"case_number": p.case_number, "programme": p.programme.cci} for p in item.projects.all()],
        "portfolios": slugs(item.portfolios),
        "tags": [tag.name for tag in item.tags.all()],
        "attachments": attachments_out(request, item.attachments),
        "page_url": request.build_absolute_uri(item.get_absolute_url()),
    }


@router.get(
    "/knowledge", response={200: schemas.KnowledgeItemPage, **schemas.ERRORS}, summary="Knowledge items, newest first"
)
def list_knowledge(request, filters: Query[KnowledgeFilters], paging: Query[PageParams]):
    params.refuse_unknown(request, KnowledgeFilters, PageParams)
    items = KnowledgeItem.objects.published().prefetch_related(
        Prefetch("projects", queryset=Project.objects.select_related("programme").order_by("case_number")),
        "portfolios",
        "tags",
        Prefetch("attachments", queryset=Attachment.objects.order_by("uploaded_at", "pk")),
    )
    if filters.kind:
        items = items.filter(kind=filters.kind)
    if filters.portfolio:
        items = items.filter(portfolios=params.portfolio(filters.portfolio))
    if filters.language:
        items = items.filter(language=filters.language)
    if filters.year:
        items = items.filter(published_at__year=filters.year)
    if filters.q:
        items = items.filter(Q(title__icontains=filters.q) | Q(lead__icontains=filters.q))
    return page(
        request, items, endpoint="knowledge", ordering=Ordering(("-published_at", "-id")), paging=paging,
        filters=params.filters_of(filters), out=knowledge_out,
    )


class NewsFilters(Schema):
    portfolio: str | None = Field(None, max_length=100, description="A portfolio's slug.")
    language: Literal["sv", "en"] | None = None
    year: int | None = params.Year
    q: str | None = params.Text


def news_out(request, item: NewsItem) -> dict:
    return {
        "id": item.pk,
        "title": item.title,
        "lead": item.lead,
        "body": item.body,
        "language": item.language,
        "published_at": item.publish_at,
        "portfolios": slugs(item.portfolios),
        "tags": [tag.name for tag in item.tags.all()],
        "attachments": attachments_out(request, item.attachments),
        "page_url": request.build_absolute_uri(item.get_absolute_url()),
    }


@router.get("/news", response={200: schemas.NewsItemPage, **schemas.ERRORS}, summary="News, newest first")
def list_news(request, filters: Query[NewsFilters], paging: Query[PageParams]):
    params.refuse_unknown(request, NewsFilters, PageParams)
    items = NewsItem.objects.published().prefetch_related(
        "portfolios", "tags", Prefetch("attachments", queryset=Attachment.objects.order_by("uploaded_at", "pk"))
    )
    if filters.portfolio:
        items = items.filter(portfolios=params.portfolio(filters.portfolio))
    if filters.language:
        items = items.filter(language=filters.language)
    if filters.year:
        items = items.filter(publish_at__year=filters.year)
    if filters.q:
        items = items.filter(Q(title__icontains=filters.q) | Q(lead__icontains=filters.q))
    return page(
        request, items, endpoint="news", ordering=Ordering(("-publish_at", "-id")), paging=paging,
        filters=params.filters_of(filters), out=news_out,
    )
