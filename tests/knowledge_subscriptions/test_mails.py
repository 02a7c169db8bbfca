"""Subscription mails over real SMTP: the item mail, the digest, the confirmation; the
unsubscribe headers; the subscriber's language; and never the same item twice."""

import datetime
import socket

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from samverka.knowledge import subscription_mails, subscriptions
from samverka.knowledge.models import Delivery, Subscription
from samverka.knowledge.subscriptions import Choices

pytestmark = pytest.mark.django_db(transaction=True)

Status = Delivery.Status


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_down(settings, smtp_server):
    """The SMTP backend pointed at a port where nobody listens; ``up()`` points it back."""
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = closed_port()

    def up():
        settings.EMAIL_PORT = port

    return up


def header(mail, name):
    # A long header is folded onto the next line; unfolded it keeps the fold's space in front.
    return str(mail["message"][name]).strip()


def statuses():
    return sorted(Delivery.objects.values_list("status", flat=True))


# --- The item mail ----------------------------------------------------------------------------


def test_an_item_mail_with_its_link_and_the_unsubscribe_headers(make_subscription, make_news, smtp_server):
    subscription = make_subscription(language="en")
    news = make_news(title="Notes from the meeting", lead="What the groups said.")
    assert subscription_mails.deliver_item(source="news", object_id=news.pk).sent == 1
    [mail] = smtp_server.wait_for(1)
    assert mail["to"] == ["gunnel@example.net"]
    assert mail["subject"] == "News: Notes from the meeting"
    link = f"http://127.0.0.1:8000/en/nyheter/{news.pk}/"
    assert link in mail["text"] and f'href="{link}"' in mail["html"]
    assert "What the groups said." in mail["text"] and "What the groups said." in mail["html"]
    unsubscribe = f"http://127.0.0.1:8000/en/prenumeration/{subscription.token}/avsluta/"
    manage = f"http://127.0.0.1:8000/en/prenumeration/{subscription.token}/"
    assert unsubscribe in mail["text"] and f'href="{unsubscribe}"' in mail["html"]
    assert manage in mail["text"] and f'href="{manage}"' in mail["html"]
    assert header(mail, "List-Unsubscribe") == f"<{unsubscribe}>"
    assert header(mail, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    assert statuses() == [Status.SENT]
    assert Delivery.objects.get().sent_at is not None


def test_the_mail_speaks_the_subscribers_language(make_subscription, make_news, make_event, smtp_server):
    make_subscription("sv@example.net", kinds=("event:webinar",), language="sv")
    make_subscription("en@example.net", kinds=("event:webinar",), language="en")
    event = make_event(status="published", starts_at=timezone.make_aware(datetime.datetime(2031, 3, 4, 14, 0)))
    Subscription.objects.update(confirmed_at=timezone.now() - datetime.timedelta(days=1))
    subscription_mails.deliver_item(source="event", object_id=event.pk)
    mails = {mail["to"][0]: mail for mail in smtp_server.wait_for(2)}
    swedish, english = mails["sv@example.net"], mails["en@example.net"]
    assert f"http://127.0.0.1:8000/traffar/{event.pk}/" in swedish["text"]
    assert f"http://127.0.0.1:8000/en/traffar/{event.pk}/" in english["text"]
    assert '<html lang="sv">' in swedish["html"] and '<html lang="en">' in english["html"]
    assert "4 mars 2031 14:00" in swedish["text"]
    assert "March 4, 2031, 2 p.m." in english["text"]
    with translation.override("sv"):
        assert gettext("Read more:") in swedish["text"] and str(gettext("Swedish time")) in swedish["text"]
    assert "Read more:" in english["text"]
    assert english["subject"] == "Webinar: Kunskapswebbinarium om vätgas"


def test_weekly_subscribers_get_no_mail_at_once(make_subscription, make_news, smtp_server):
    make_subscription(frequency="weekly")
    news = make_news()
    summary = subscription_mails.deliver_item(source="news", object_id=news.pk)
    assert (summary.sent, summary.waiting) == (0, 1)
    assert statuses() == [Status.PENDING] and smtp_server.messages == []


def test_a_draft_or_a_news_item_not_yet_due_is_not_sent(make_subscription, make_news, make_item, smtp_server):
    make_subscription(kinds=("news", "tip"))
    later = make_news(publish_at=timezone.now() + datetime.timedelta(hours=1))
    draft = make_item(status="draft", published_at=None)
    assert subscription_mails.deliver_item(source="news", object_id=later.pk).items == 0
    assert subscription_mails.deliver_item(source="knowledge", object_id=draft.pk).items == 0
    assert not Delivery.objects.exists()


# --- Never twice ------------------------------------------------------------------------------


def test_a_second_run_sends_nothing(make_subscription, make_news, smtp_server):
    make_subscription()
    news = make_news()
    subscription_mails.deliver_item(source="news", object_id=news.pk)
    smtp_server.wait_for(1)
    assert subscription_mails.deliver_item(source="news", object_id=news.pk).sent == 0
    assert subscription_mails.send_due().sent == 0
    assert len(smtp_server.messages) == 1 and statuses() == [Status.SENT]


def test_a_failed_send_is_retried_by_the_next_run_and_then_never_again(make_subscription, make_news, smtp_server, smtp_down):
    make_subscription()
    news = make_news()
    summary = subscription_mails.deliver_item(source="news", object_id=news.pk)
    assert (summary.sent, summary.failed) == (0, 1) and statuses() == [Status.FAILED]
    smtp_down()  # the server is back
    assert subscription_mails.send_due().sent == 1
    smtp_server.wait_for(1)
    assert statuses() == [Status.SENT]
    assert subscription_mails.send_due().sent == 0 and len(smtp_server.messages) == 1


def test_a_failure_older_than_two_days_is_given_up(make_subscription, make_news, smtp_server, smtp_down):
    make_subscription()
    news = make_news()
    subscription_mails.deliver_item(source="news", object_id=news.pk)
    Delivery.objects.update(created_at=timezone.now() - datetime.timedelta(days=3))
    smtp_down()
    assert subscription_mails.retry_failed().sent == 0 and statuses() == [Status.FAILED]


def test_a_crash_between_claim_and_send_is_taken_again_once_stuck(make_subscription, make_news, smtp_server, monkeypatch):
    """The run dies after committing its claim, before the mail left: while the claim is younger
    than TASK_STUCK_AFTER no run sends the item to that address (a live run may be sending it),
    the others still get it; once older, the next run takes the row again and sends it, once,
    with the Message-ID every try of that mail carries. (Until issue #7 such a row was never
    resent automatically.)"""
    crashed = make_subscription("crashed@example.net")
    make_subscription("other@example.net")
    news = make_news()

    def crash(template, subscription, context, message_id=None):
        raise SystemExit("worker killed")

    monkeypatch.setattr(subscription_mails, "_send", crash)
    with pytest.raises(SystemExit):
        subscription_mails.deliver_item(source="news", object_id=news.pk)
    monkeypatch.undo()
    assert list(Delivery.objects.values_list("subscription__email", "status")) == [("crashed@example.net", "queued")]

    assert subscription_mails.send_due().sent == 1
    [mail] = smtp_server.wait_for(1)
    assert mail["to"] == ["other@example.net"]
    assert Delivery.objects.get(subscription=crashed).status == Status.QUEUED
    Delivery.objects.filter(subscription=crashed).update(created_at=timezone.now() - datetime.timedelta(minutes=11))
    summary = subscription_mails.send_due()
    assert (summary.sent, summary.stuck) == (1, 0)
    [_, again] = smtp_server.wait_for(2)
    assert again["to"] == ["crashed@example.net"]
    row = Delivery.objects.get(subscription=crashed)
    assert row.status == Status.SENT
    assert header(again, "Message-ID") == f"<subscription.{row.pk}@127.0.0.1>"
    assert subscription_mails.send_due().sent == 0 and len(smtp_server.messages) == 2


def test_a_row_a_coordinator_sets_to_failed_is_sent_again(make_subscription, make_news, smtp_server):
    subscription = make_subscription()
    news = make_news()
    Delivery.objects.create(subscription=subscription, source="news", object_id=news.pk, status=Status.QUEUED)
    assert subscription_mails.send_due().sent == 0
    Delivery.objects.update(status=Status.FAILED)
    assert subscription_mails.send_due().sent == 1
    smtp_server.wait_for(1)


def test_an_item_taken_back_is_not_retried(make_subscription, make_item, smtp_server, smtp_down):
    make_subscription(kinds=("tip",))
    item = make_item()
    subscription_mails.deliver_item(source="knowledge", object_id=item.pk)
    item.status, item.published_at = "draft", None
    item.save()
    smtp_down()
    assert subscription_mails.send_due().sent == 0 and not Delivery.objects.exists()


# --- Scheduled news and the cron command ------------------------------------------------------


def test_scheduled_news_goes_when_it_becomes_due(make_subscription, make_news, smtp_server, capsys):
    from samverka.knowledge.models import NewsItem

    make_subscription()
    news = make_news(publish_at=timezone.now() + datetime.timedelta(minutes=5))
    call_command("send_subscription_mails")
    assert smtp_server.messages == [] and not Delivery.objects.exists()
    NewsItem.objects.filter(pk=news.pk).update(publish_at=timezone.now() - datetime.timedelta(seconds=1))
    call_command("send_subscription_mails", "--dry-run")
    assert "Dry run: 1 due item(s) would give 1 mail(s) and 0 digest entries" in capsys.readouterr().out
    assert smtp_server.messages == []
    call_command("send_subscription_mails")
    smtp_server.wait_for(1)
    assert capsys.readouterr().out.startswith("Sent 1 mail(s) for 1 due item(s);")
    call_command("send_subscription_mails")
    assert len(smtp_server.messages) == 1


def test_the_command_deletes_old_unconfirmed_rows(make_subscription, capsys):
    row = make_subscription(confirmed_at=None)
    Subscription.objects.filter(pk=row.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    call_command("send_subscription_mails")
    assert "deleted 1 unconfirmed subscription(s)." in capsys.readouterr().out
    assert not Subscription.objects.exists()


def test_the_command_fails_loudly_when_mail_fails(make_subscription, make_news, smtp_server, smtp_down):
    from django.core.management import CommandError

    make_subscription()
    NewsItem = make_news().__class__
    NewsItem.objects.update(publish_at=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(CommandError, match="1 mail\\(s\\) failed; they are retried by the next run."):
        call_command("send_subscription_mails")


# --- The weekly digest ------------------------------------------------------------------------


def test_the_digest_lists_every_new_item_by_section(make_subscription, make_news, make_item, make_event, smtp_server, capsys):
    subscription = make_subscription(kinds=("news", "tip", "result", "event:webinar"), frequency="weekly", language="en")
    first = make_news(title="Notes from the first day", publish_at=timezone.now() - datetime.timedelta(minutes=2))
    second = make_news(title="Notes from the second day")
    tip = make_item(title="Study visits work")
    result = make_item(kind="result", title="Forty firms cut their energy use")
    event = make_event(title="Webinar on hydrogen")
    event.status = "published"
    event.save()
    make_item(kind="story", title="Not followed")
    for source, item in [("news", first), ("news", second), ("knowledge", tip), ("knowledge", result), ("event", event)]:
        subscription_mails.deliver_item(source=source, object_id=item.pk)
    assert smtp_server.messages == []

    call_command("send_weekly_digest")
    [mail] = smtp_server.wait_for(1)
    assert capsys.readouterr().out.strip() == "Sent 1 digest(s) listing 5 item(s); 0 failed."
    assert mail["subject"] == "Samverka: 5 new items this week"
    text = mail["text"]
    assert text.index("== News ==") < text.index("Notes from the first day") < text.index("Notes from the second day")
    assert text.index("== From the knowledge bank ==") < text.index("Study visits work")
    assert "Result: Forty firms cut their energy use" in text and "Not followed" not in text
    assert text.index("== Meetings and webinars ==") < text.index("Webinar: Webinar on hydrogen")
    for item in (first, tip, event):
        assert f'href="http://127.0.0.1:8000/en{item.get_absolute_url()}"' in mail["html"]
    assert header(mail, "List-Unsubscribe") == f"<http://127.0.0.1:8000/en/prenumeration/{subscription.token}/avsluta/>"
    assert header(mail, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    subscription.refresh_from_db()
    assert subscription.last_digest_at is not None
    assert set(statuses()) == {Status.SENT}

    call_command("send_weekly_digest")
    assert len(smtp_server.messages) == 1, "nothing new: no second digest"


def test_nothing_new_means_no_digest(make_subscription, smtp_server, capsys):
    make_subscription(frequency="weekly")
    call_command("send_weekly_digest")
    assert capsys.readouterr().out.strip() == "Sent 0 digest(s) listing 0 item(s); 0 failed."
    assert smtp_server.messages == []


def test_the_digest_drops_an_item_taken_back(make_subscription, make_item, smtp_server):
    make_subscription(kinds=("tip",), frequency="weekly")
    kept, taken_back = make_item(title="Kept"), make_item(title="Taken back")
    for item in (kept, taken_back):
        subscription_mails.deliver_item(source="knowledge", object_id=item.pk)
    taken_back.status, taken_back.published_at = "draft", None
    taken_back.save()
    assert subscription_mails.send_digests().items == 1
    [mail] = smtp_server.wait_for(1)
    assert "Kept" in mail["text"] and "Taken back" not in mail["text"]
    assert Delivery.objects.count() == 1


def test_a_failed_digest_is_retried_by_the_ten_minute_run(make_subscription, make_news, smtp_server, smtp_down):
    make_subscription(frequency="weekly")
    subscription_mails.deliver_item(source="news", object_id=make_news().pk)
    assert subscription_mails.send_digests().failed == 1 and statuses() == [Status.FAILED]
    smtp_down()
    assert subscription_mails.send_due().sent == 1
    smtp_server.wait_for(1)
    assert statuses() == [Status.SENT]
    assert subscription_mails.send_digests().sent == 0


def test_the_digest_command_dry_run(make_subscription, make_news, smtp_server, capsys):
    make_subscription(frequency="weekly")
    subscription_mails.deliver_item(source="news", object_id=make_news().pk)
    call_command("send_weekly_digest", "--dry-run")
    assert capsys.readouterr().out.strip() == "Dry run: 1 digest(s) with 1 item(s) would be sent."
    assert smtp_server.messages == [] and statuses() == [Status.PENDING]


# --- The confirmation mail and one-click unsubscribe -----------------------------------------


def test_the_confirmation_mail_carries_the_link_and_the_choices(portfolio, smtp_server, run_worker):
    choices = Choices(("news", "event:webinar"), "immediate", (portfolio.pk,), ())
    subscriptions.request_subscription(email="gunnel@example.net", choices=choices, language="en")
    run_worker()
    [mail] = smtp_server.wait_for(1)
    assert mail["subject"] == "Confirm your subscription to Samverka"
    assert "Follows: News, Webinar" in mail["text"] and "Portfolios: Renewable energy" in mail["text"]
    assert "Regions: all of Sweden" in mail["text"] and "How often: a mail for each new item" in mail["text"]
    link = next(line for line in mail["text"].splitlines() if "/prenumeration/bekrafta/" in line).strip()
    assert link.startswith("http://127.0.0.1:8000/en/prenumeration/bekrafta/")
    assert f'href="{link}"' in mail["html"]
    assert header(mail, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"

    client = Client()
    path = link.removeprefix("http://127.0.0.1:8000")
    assert "Confirm the subscription for gunnel@example.net, with these choices:" in client.get(path).content.decode()
    response = client.post(path)
    subscription = Subscription.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/prenumeration/{subscription.token}/"
    assert subscription.confirmed_at is not None and subscription.frequency == "immediate"


def test_the_confirmation_task_run_twice_sends_one_mail_and_asking_again_another(portfolio, smtp_server, run_worker):
    """A second run of the same task (its worker was killed, ``requeue_stuck_tasks``) is keyed
    by the time of asking and sends nothing; asking again is a new mail."""
    from django_tasks_db.models import DBTaskResult

    from samverka.knowledge.tasks import send_subscription_confirmation

    choices = Choices(("news",), "weekly", (portfolio.pk,), ())
    subscriptions.request_subscription(email="gunnel@example.net", choices=choices, language="en")
    run_worker()
    [task] = DBTaskResult.objects.all()
    send_subscription_confirmation.call(**task.args_kwargs["kwargs"])
    assert len(smtp_server.messages) == 1
    subscriptions.request_subscription(email="gunnel@example.net", choices=choices, language="en")
    run_worker()
    assert [mail["subject"] for mail in smtp_server.messages] == ["Confirm your subscription to Samverka"] * 2
    first, second = (header(mail, "Message-ID") for mail in smtp_server.messages)
    pk = Subscription.objects.get().pk
    assert first.startswith(f"<subscription-confirm.{pk}.") and second.startswith(f"<subscription-confirm.{pk}.")
    assert first != second


def test_one_click_unsubscribe_from_the_header(make_subscription, make_news, smtp_server):
    make_subscription()
    subscription_mails.deliver_item(source="news", object_id=make_news().pk)
    [mail] = smtp_server.wait_for(1)
    url = header(mail, "List-Unsubscribe").strip("<>")
    # What a mail program sends (RFC 8058): a POST with this body, no cookies, no CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        url.removeprefix("http://127.0.0.1:8000"), data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_a_digest_run_that_dies_after_its_claim_lists_those_items_again_once_stuck(make_subscription, make_news, smtp_server, monkeypatch):
    """(Until issue #7 such items were never listed again.)"""
    make_subscription(frequency="weekly")
    subscription_mails.deliver_item(source="news", object_id=make_news().pk)

    def crash(template, subscription, context, message_id=None):
        raise SystemExit("worker killed")

    monkeypatch.setattr(subscription_mails, "_send", crash)
    with pytest.raises(SystemExit):
        subscription_mails.send_digests()
    monkeypatch.undo()
    assert statuses() == [Status.QUEUED]
    assert subscription_mails.send_digests().sent == 0
    assert subscription_mails.send_due().sent == 0, "claimed a moment ago: perhaps still sending"
    assert smtp_server.messages == []
    Delivery.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=11))
    summary = subscription_mails.send_due()
    assert (summary.sent, summary.stuck) == (1, 0)
    [digest] = smtp_server.wait_for(1)
    assert statuses() == [Status.SENT]
    assert subscription_mails.send_digests().sent == 0 and subscription_mails.send_due().sent == 0
    assert len(smtp_server.messages) == 1


def test_a_weekly_subscriber_gone_since_the_list_was_read_does_not_stop_the_others(make_subscription, make_news, smtp_server):
    from samverka.knowledge.subscriptions import Followers

    make_subscription("stays@example.net", frequency="weekly")
    gone = make_subscription("gone@example.net", frequency="weekly")
    make_subscription("now@example.net")
    news = make_news()
    followers = Followers.load()
    gone.delete()
    summary = subscription_mails.deliver_item(source="news", object_id=news.pk, followers=followers)
    assert (summary.sent, summary.waiting) == (1, 1)
    assert list(Delivery.objects.order_by("status").values_list("subscription__email", "status")) == [
        ("stays@example.net", "pending"), ("now@example.net", "sent")
    ]
