"""After a change the statistics page shows the last figures at once; the task brings the new ones.

The figures of the registry fixture: public co-financing SEK 3,500,000; each ``change()`` adds
SEK 1,000 to it and commits. The cache is the configured one (the memory cache in tests; one test
runs on Redis) and the task worker is the real ``db_worker``.
"""

import dataclasses
import datetime
import threading
import time
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from samverka.env import env_int
from samverka.results import freshness
from samverka.results.tasks import refresh_statistics

pytestmark = pytest.mark.django_db
# The real worker closes the database connection between tasks, so tests that run it commit for
# real (as tests/knowledge_subscriptions do).
with_worker = pytest.mark.django_db(transaction=True)

QUERIES = 14  # every part of the figures computed (as in test_pages.py)
NOTICE = "The data has changed since these figures were calculated; updated figures will follow shortly."
NOTICE_SV = "Uppgifterna har ändrats sedan de här siffrorna räknades fram; uppdaterade siffror kommer inom kort."


def page(client, language="en"):
    with override(language):
        url = reverse("results:statistics")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def refresh_tasks():
    from django_tasks_db.models import DBTaskResult

    tasks = DBTaskResult.objects.filter(task_path="samverka.results.tasks.refresh_statistics")
    return list(tasks.order_by("enqueued_at"))


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def age(language, seconds):
    """Make the kept figures of ``language`` look ``seconds`` old."""
    snapshot = cache.get(freshness.SNAPSHOT_KEY + language)
    cache.set(freshness.SNAPSHOT_KEY + language, dataclasses.replace(snapshot, computed_at=time.time() - seconds))


@pytest.fixture
def change(registry, django_capture_on_commit_callbacks):
    """``change()`` adds SEK 1,000 of public co-financing to P1 in a transaction that commits."""
    from samverka.registry.models import CoFinancing

    def add(lines=1):
        with django_capture_on_commit_callbacks(execute=True):
            for _ in range(lines):
                CoFinancing.objects.create(project=registry["p1"], financier="Kommunen", amount=Decimal("1000"))

    return add


def test_after_a_change_a_visitor_gets_the_previous_figures_at_once(client, change, django_assert_num_queries):
    assert "SEK 3,500,000" in page(client)
    change()
    with django_assert_num_queries(0):
        shown = page(client)
    assert "SEK 3,500,000" in shown and "SEK 3,501,000" not in shown
    assert NOTICE in shown
    assert [task.status for task in refresh_tasks()] == ["READY"]


@with_worker
def test_the_task_brings_the_new_figures_in_both_languages(client, change, django_assert_num_queries):
    page(client)
    change()
    run_worker()
    with django_assert_num_queries(0):
        shown = page(client)
        swedish = page(client, "sv")
    assert "SEK 3,501,000" in shown and NOTICE not in shown
    assert "3\xa0501\xa0000\xa0kr" in swedish and NOTICE_SV not in swedish


def test_the_map_and_the_files_show_the_same_previous_figures(client, change):
    page(client)
    change()
    with override("en"):
        csv_url = reverse("results:statistics_csv", kwargs={"table": "portfolios"})
        map_url = reverse("results:map")
    rows = client.get(csv_url).content.decode("utf-8-sig")
    assert "Renewable energy,2,12000000.00,4800000.00,3500000.00," in rows
    assert NOTICE in client.get(map_url).content.decode()


def test_the_notice_in_swedish(client, change):
    page(client, "sv")
    change()
    assert NOTICE_SV in page(client, "sv")


@with_worker
def test_a_burst_of_changes_queues_one_refresh_that_computes_once(client, change, django_assert_num_queries):
    page(client)
    change(lines=3)  # three saves in one transaction
    change()
    change()
    assert len(refresh_tasks()) == 1
    run_worker()
    [task] = refresh_tasks()
    assert (task.status, task.return_value) == ("SUCCESSFUL", ["sv", "en"])
    with django_assert_num_queries(0):
        assert refresh_statistics.call() == []  # the figures are those of this generation already
        assert "SEK 3,505,000" in page(client)


@with_worker
def test_a_change_after_the_refresh_started_queues_the_next_one(client, change):
    page(client)
    change()
    run_worker()
    change()
    assert [task.status for task in refresh_tasks()] == ["SUCCESSFUL", "READY"]
    run_worker()
    assert "SEK 3,502,000" in page(client)


@with_worker
def test_the_date_shown_is_the_one_computed_with_the_figures(client, registry, django_capture_on_commit_callbacks):
    from samverka.registry.models import Project

    Project.objects.update(updated_at=datetime.datetime(2025, 3, 1, 12, tzinfo=datetime.UTC))  # sends no signal
    assert '<time datetime="2025-03-01T13:00:00+01:00">1 March 2025</time>' in page(client)
    with django_capture_on_commit_callbacks(execute=True):
        registry["p2"].save()  # updated now
    assert '<time datetime="2025-03-01T13:00:00+01:00">1 March 2025</time>' in page(client)
    run_worker()
    shown = page(client)
    assert "1 March 2025" not in shown
    updated = timezone.localtime(Project.objects.get(pk=registry["p2"].pk).updated_at)
    assert f'<time datetime="{updated:%Y-%m-%d}' in shown


def test_with_no_figures_at_all_the_request_computes_them(client, change, django_assert_num_queries):
    change()
    assert refresh_tasks() == []  # nothing kept, so nothing to refresh in the background
    with django_assert_num_queries(QUERIES):
        shown = page(client)
    assert "SEK 3,501,000" in shown and NOTICE not in shown
    with django_assert_num_queries(0):
        page(client)


def test_a_request_waits_for_the_one_already_computing(client, registry, django_assert_num_queries):
    page(client)
    snapshot = cache.get(freshness.SNAPSHOT_KEY + "en")
    cache.delete(freshness.SNAPSHOT_KEY + "en")
    assert cache.add(freshness.LOCK_KEY + "en", 1, 60)  # another request is computing the figures

    def done():
        cache.set(freshness.SNAPSHOT_KEY + "en", snapshot)
        cache.delete(freshness.LOCK_KEY + "en")

    threading.Timer(0.3, done).start()
    with django_assert_num_queries(0):
        assert "SEK 3,500,000" in page(client)


def test_a_request_computes_anyway_when_the_wait_is_over(client, registry, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(freshness, "WAIT_SECONDS", 0.2)
    assert cache.add(freshness.LOCK_KEY + "en", 1, 60)  # held by a process that died
    started = time.monotonic()
    with django_assert_num_queries(QUERIES):
        assert "SEK 3,500,000" in page(client)
    assert time.monotonic() - started >= 0.2


def test_figures_older_than_the_bound_are_not_served(client, change, settings, django_assert_num_queries):
    page(client)
    change()
    age("en", settings.STATISTICS_MAX_AGE + 1)
    with django_assert_num_queries(QUERIES):
        shown = page(client)
    assert "SEK 3,501,000" in shown and NOTICE not in shown


@with_worker
def test_figures_past_half_the_bound_are_served_and_refreshed(
    client, registry, settings, django_capture_on_commit_callbacks
):
    page(client)
    age("en", settings.STATISTICS_MAX_AGE * 0.6)
    with django_capture_on_commit_callbacks(execute=True):
        shown = page(client)
    assert "SEK 3,500,000" in shown and NOTICE not in shown  # the data has not changed
    assert len(refresh_tasks()) == 1
    run_worker()
    assert refresh_tasks()[0].return_value == ["sv", "en"]


@with_worker
def test_with_redis_the_worker_refreshes_what_the_web_serves(client, change, settings, django_assert_num_queries):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:6379/12", "KEY_PREFIX": "statistics-test"}}
    cache.clear()
    try:
        page(client)
        change()
        with django_assert_num_queries(0):
            assert "SEK 3,500,000" in page(client)
        run_worker()
        with django_assert_num_queries(0):
            assert "SEK 3,501,000" in page(client)
    finally:
        cache.clear()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("30", "STATISTICS_MAX_AGE must be a whole number of at least 60; got '30'."),
        ("ten minutes", "STATISTICS_MAX_AGE must be a whole number of at least 60; got 'ten minutes'."),
    ],
)
def test_max_age_setting_refuses(monkeypatch, raw, message):
    monkeypatch.setenv("STATISTICS_MAX_AGE", raw)
    with pytest.raises(ImproperlyConfigured) as error:
        env_int("STATISTICS_MAX_AGE", 600, minimum=60)
    assert str(error.value) == message
