"""Publishing enqueues the subscribers' mails after commit: a knowledge item, a news item that is
due, an event stepping into "published"; the real worker then sends them over SMTP."""

import datetime

import pytest
from django.utils import timezone

from samverka.knowledge import services
from samverka.knowledge.models import KnowledgeItem, NewsItem
from samverka.meetings.models import Event

pytestmark = pytest.mark.django_db(transaction=True)


def delivery_tasks():
    from django_tasks_db.models import DBTaskResult

    return [
        (task.args_kwargs["kwargs"]["source"], task.args_kwargs["kwargs"]["object_id"])
        for task in DBTaskResult.objects.order_by("enqueued_at")
        if task.task_path.endswith("deliver_subscription_item")
    ]


def test_publishing_a_knowledge_item_mails_its_subscribers(make_subscription, leader_a, project_a, portfolio, smtp_server, run_worker):
    make_subscription("tips@example.net", kinds=("tip",), portfolios=[portfolio])
    item = KnowledgeItem(kind="tip", title="Studiebesök lockar", lead="Fler kom till studiebesöken.")
    services.save_item(item=item, person=leader_a, projects=[project_a], portfolios=[], events=[], tags=[], publish=False)
    assert delivery_tasks() == []
    services.save_item(item=item, person=leader_a, projects=[project_a], portfolios=[], events=[], tags=[], publish=True)
    assert ("knowledge", item.pk) in delivery_tasks()
    run_worker()
    [mail] = smtp_server.wait_for(1)
    assert mail["to"] == ["tips@example.net"] and "Studiebesök lockar" in mail["subject"]


def test_a_news_item_due_now_is_enqueued_and_a_later_one_is_not(make_news, make_subscription):
    make_subscription()
    now_item = make_news()
    later = make_news(publish_at=timezone.now() + datetime.timedelta(hours=2))
    draft = make_news(status=NewsItem.Status.DRAFT)
    assert ("news", now_item.pk) in delivery_tasks()
    assert ("news", later.pk) not in delivery_tasks() and ("news", draft.pk) not in delivery_tasks()


def test_an_event_is_announced_once_when_it_is_published(make_event, make_subscription, smtp_server, run_worker):
    make_subscription("webinars@example.net", kinds=("event:webinar",))
    event = make_event()
    assert delivery_tasks() == []
    event.status = Event.Status.PUBLISHED
    event.save()
    assert delivery_tasks() == [("event", event.pk)]
    event.title = "Nytt namn"
    event.save()
    event.save(update_fields=["reminder_sent_at"])
    assert delivery_tasks() == [("event", event.pk)]
    run_worker()
    [mail] = smtp_server.wait_for(1)
    assert mail["to"] == ["webinars@example.net"]


def test_an_event_created_published_is_announced(make_event, make_subscription):
    make_subscription()
    event = make_event(status=Event.Status.PUBLISHED)
    assert delivery_tasks() == [("event", event.pk)]


def test_saving_an_event_without_its_status_does_not_look_up_its_status(make_event):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    event = make_event(status=Event.Status.PUBLISHED)
    with CaptureQueriesContext(connection) as partial:
        event.save(update_fields=["reminder_sent_at"])
    with CaptureQueriesContext(connection) as full:
        event.save()
    look_up = 'SELECT 1 AS "a" FROM "meetings_event"'
    assert not any(query["sql"].startswith(look_up) for query in partial.captured_queries)
    assert sum(query["sql"].startswith(look_up) for query in full.captured_queries) == 1


def test_a_rolled_back_publication_enqueues_nothing(make_event, make_subscription):
    from django.db import transaction

    make_subscription()
    event = make_event()
    with pytest.raises(RuntimeError), transaction.atomic():
        event.status = Event.Status.PUBLISHED
        event.save()
        raise RuntimeError
    assert delivery_tasks() == []


def test_no_task_while_nobody_has_confirmed_a_subscription(make_event, make_news, make_subscription):
    make_subscription(confirmed_at=None)
    make_news()
    make_event(status=Event.Status.PUBLISHED)
    assert delivery_tasks() == []
