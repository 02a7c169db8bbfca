"""The knowledge bank's part of a person's data download, and how it forgets the writer.

Registered with samverka.accounts.privacy when the app is ready (apps.py). Knowledge items and
news belong to the projects and the network, not to the person who typed them: erasure keeps
them and drops only the link to the writer.
"""

from samverka.accounts import privacy

from .models import KnowledgeItem, NewsItem


def _when(value):
    return value.isoformat() if value else None


@privacy.exporter("knowledge_items")
def export_items(person):
    """The knowledge items and news items the person wrote."""
    items = KnowledgeItem.objects.filter(created_by=person).order_by("created_at", "pk")
    news = NewsItem.objects.filter(created_by=person).order_by("created_at", "pk")
    return {
        "knowledge_items": [
            {
                "title": item.title,
                "kind": item.kind,
                "lead": item.lead,
                "body": item.body,
                "status": item.status,
                "created_at": _when(item.created_at),
                "published_at": _when(item.published_at),
            }
            for item in items
        ],
        "news_items": [
            {
                "title": news_item.title,
                "lead": news_item.lead,
                "body": news_item.body,
                "status": news_item.status,
                "created_at": _when(news_item.created_at),
                "publish_at": _when(news_item.publish_at),
            }
            for news_item in news
        ],
    }


@privacy.eraser
def erase_writer(person):
    """Side effects: knowledge items and news items the person wrote no longer name them as
    writer; the items themselves stay, as project and network content."""
    KnowledgeItem.objects.filter(created_by=person).update(created_by=None)
    NewsItem.objects.filter(created_by=person).update(created_by=None)
