"""Double submits at once: twenty threads cast for the same person, one ballot remains."""

import threading

import pytest
from django.db import connection

from samverka.polls.models import Ballot, Vote
from samverka.polls.services import Mark, cast_ballot

from .conftest import option_ids

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 20


def test_twenty_threads_casting_for_one_person_make_one_ballot(make_poll, participant, database_for_threads):
    poll = make_poll()
    options = option_ids(poll)
    database_for_threads.share()
    barrier = threading.Barrier(THREADS)
    errors = []

    def cast(n):
        database_for_threads.for_thread()
        try:
            barrier.wait()
            cast_ballot(poll=poll, person=participant, marks=[Mark(option=options[n % len(options)])])
        except Exception as error:  # noqa: BLE001 – asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=cast, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Ballot.objects.filter(poll=poll).count() == 1
    assert Vote.objects.filter(ballot__poll=poll).count() == 1
