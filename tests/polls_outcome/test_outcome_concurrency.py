"""A double click on "Create webinar from the winning option" makes one webinar (the poll row is locked)."""

import threading

import pytest
from django.db import connections

from samverka.meetings.models import Event
from samverka.polls import outcome


@pytest.mark.django_db(transaction=True)
def test_two_creates_at_once_make_one_webinar(make_poll, coordinator, database_for_threads):
    poll = make_poll()
    option = poll.options.get(title="Sprida resultat")
    database_for_threads.share()
    barrier, results = threading.Barrier(2), []

    def create():
        database_for_threads.for_thread()
        try:
            barrier.wait()
            outcome.create_webinar_from_option(poll=poll, option=option, by=coordinator)
            results.append("made")
        except Exception as error:  # noqa: BLE001 - the refusal is the expected outcome for one of them
            results.append(type(error).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["ValidationError", "made"]
    assert Event.objects.count() == 1
