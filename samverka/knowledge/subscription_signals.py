"""When something is published, its subscribers hear of it: signal handlers, connected in apps.py.

Each handler only enqueues ``deliver_subscription_item`` after the transaction commits (links
to portfolios and projects are saved by then); the task decides who wants the item, and the
delivery rows make a second or needless task harmless. A news item set to appear later is
handed out by ``send_subscription_mails`` when its time comes.
"""

from django.db import transaction
from django.utils import timezone

from samverka.meetings.models import Event

from .models import KnowledgeItem, NewsItem, Subscription


def _deliver_after_commit(source: str, object_id: int) -> None:
    from .tasks import deliver_subscription_item

    def enqueue():
        # Most publications in a young network have no subscriber yet: no task for nobody.
        if Subscription.objects.filter(confirmed_at__isnull=False).exists():
            deliver_subscription_item.enqueue(source=source, object_id=object_id)

    transaction.on_commit(enqueue)


def knowledge_item_saved(sender, instance: KnowledgeItem, **kwargs) -> None:
    if instance.status == KnowledgeItem.Status.PUBLISHED:
        _deliver_after_commit("knowledge", instance.pk)


def news_item_saved(sender, instance: NewsItem, **kwargs) -> None:
    if instance.status == NewsItem.Status.PUBLISHED and instance.publish_at <= timezone.now():
        _deliver_after_commit("news", instance.pk)


def event_saving(sender, instance: Event, update_fields=None, **kwargs) -> None:
    """Remember whether the event was published before this save: an event has no publication
    time, so only the step into "published" announces it (a later edit must not reach those who
    subscribed since)."""
    if update_fields is not None and "status" not in update_fields:
        instance._subscriptions_was_published = True  # the status is not being saved: no step
        return
    instance._subscriptions_was_published = bool(
        instance.pk and Event.objects.filter(pk=instance.pk, status=Event.Status.PUBLISHED).exists()
    )


def event_saved(sender, instance: Event, **kwargs) -> None:
    if instance.status == Event.Status.PUBLISHED and not getattr(instance, "_subscriptions_was_published", True):
        _deliver_after_commit("event", instance.pk)
