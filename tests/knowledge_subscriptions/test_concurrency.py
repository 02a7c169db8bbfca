"""Runs at once (a task, the cron run, a second worker) never mail the same item twice to one
address: the delivery row is claimed before the mail goes. On SQLite and PostgreSQL."""

import threading
from collections import Counter

import pytest
from django.db import connections

from samverka.knowledge import subscription_mails, subscriptions
from samverka.knowledge.models import Delivery, Subscription
from samverka.knowledge.subscriptions import Choices, LinkRefused

pytestmark = pytest.mark.django_db(transaction=True)


def run_at_once(jobs, database):
    """Every job in its own thread, released together; returns (results, errors) in job order."""
    # Open the shared database here first: on SQLite the first connection turns the copied file
    # into WAL mode, which the threads must not race for.
    Subscription.objects.exists()
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)
    errors = [None] * len(jobs)

    def worker(index, job):
        try:
            database.for_thread()
            barrier.wait()
            results[index] = job()
        except Exception as error:  # noqa: BLE001 – collected and asserted by the test
            errors[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish"
    return results, errors


def test_eight_runs_of_one_item_send_one_mail_per_address(make_subscription, make_news, smtp_server, database_for_threads):
    for n in range(6):
        make_subscription(f"person{n}@example.net")
    make_subscription("weekly@example.net", frequency="weekly")
    news = make_news()
    database_for_threads.share()

    results, errors = run_at_once(
        [lambda: subscription_mails.deliver_item(source="news", object_id=news.pk)] * 8, database_for_threads
    )

    assert errors == [None] * 8
    assert sum(summary.sent for summary in results) == 6
    mails = smtp_server.wait_for(6)
    assert Counter(mail["to"][0] for mail in mails) == {f"person{n}@example.net": 1 for n in range(6)}
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 6
    assert Delivery.objects.filter(status=Delivery.Status.PENDING).count() == 1


def test_four_digest_runs_at_once_send_one_digest(make_subscription, make_news, make_item, smtp_server, database_for_threads):
    make_subscription(kinds=("news", "tip"), frequency="weekly")
    for source, item in [("news", make_news()), ("news", make_news(title="Två")), ("knowledge", make_item())]:
        subscription_mails.deliver_item(source=source, object_id=item.pk)
    database_for_threads.share()

    results, errors = run_at_once([subscription_mails.send_digests] * 4, database_for_threads)

    assert errors == [None] * 4
    assert sum(summary.sent for summary in results) == 1
    [mail] = smtp_server.wait_for(1)
    assert "Två" in mail["text"]
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}


def test_one_link_followed_four_times_at_once_confirms_once(database_for_threads):
    choices = Choices(("news",), "weekly")
    subscriptions.request_subscription(email="gunnel@example.net", choices=choices, language="sv")
    value = subscriptions.confirmation_value(email="gunnel@example.net", choices=choices, language="sv")
    database_for_threads.share()

    results, errors = run_at_once([lambda: subscriptions.confirm_subscription(value=value)] * 4, database_for_threads)

    assert all(error is None or isinstance(error, LinkRefused) for error in errors), errors
    confirmed = [result for result in results if result is not None]
    assert len(confirmed) == 1
    assert [error.code for error in errors if error is not None] == ["already"] * 3
    assert Subscription.objects.get().confirmed_at == confirmed[0].confirmed_at
