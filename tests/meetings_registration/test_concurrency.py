"""Many people at once: the event row lock keeps the seats exact (PostgreSQL and SQLite).

Each thread has its own database connection and closes it at the end. PostgreSQL here allows
100 connections in all, shared with other test runs, so at most CONNECTIONS threads hold one at
the same moment; they all start together at a barrier and race for the same event row.
"""

import threading

import pytest
from django.db import connections

from samverka.accounts.models import User
from samverka.meetings import services
from samverka.meetings.models import Registration
from samverka.meetings.services import RegistrationRefused

pytestmark = pytest.mark.django_db(transaction=True)

Status = Registration.Status
CONNECTIONS = 40


def run_at_once(jobs, database):
    """Run every job in its own thread, released together; returns (results, errors) in job order."""
    barrier = threading.Barrier(len(jobs))
    gate = threading.BoundedSemaphore(CONNECTIONS)
    results = [None] * len(jobs)
    errors = [None] * len(jobs)

    def worker(index, job):
        try:
            database.for_thread()
            barrier.wait()
            with gate:
                try:
                    results[index] = job()
                except Exception as error:  # noqa: BLE001 – collected and asserted by the test
                    errors[index] = error
                finally:
                    connections.close_all()
        except threading.BrokenBarrierError as error:
            errors[index] = error

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish"
    return results, errors


def people(count):
    return [User.objects.create_user(email=f"person{n:03d}@example.org", name=f"Person {n}") for n in range(count)]


def counts(event):
    statuses = list(event.registrations.values_list("status", flat=True))
    return statuses.count(Status.REGISTERED), statuses.count(Status.WAITING), len(statuses)


def test_a_hundred_people_at_once_for_forty_seats(make_event, database_for_threads):
    event = make_event(capacity=40)
    persons = people(100)
    database_for_threads.share()

    results, errors = run_at_once(
        [lambda p=p: services.register_person(event=event, person=p) for p in persons], database_for_threads
    )

    assert errors == [None] * 100
    assert counts(event) == (40, 60, 100)
    waiting = list(event.registrations.waiting().values_list("waiting_since", flat=True))
    assert all(waiting) and waiting == sorted(waiting)


def test_a_double_submit_makes_one_registration(webinar, leader_a, database_for_threads):
    database_for_threads.share()
    results, errors = run_at_once(
        [lambda: services.register_person(event=webinar, person=leader_a)] * 10, database_for_threads
    )

    assert len([r for r in results if r is not None]) == 1
    refusals = [e for e in errors if e is not None]
    assert len(refusals) == 9
    assert all(isinstance(e, RegistrationRefused) for e in refusals)
    assert {e.message for e in refusals} == {"Du är redan anmäld till den här träffen."}  # threads speak the default language
    assert counts(webinar) == (1, 0, 1)


def test_a_hundred_cancellations_and_promotions_at_once_never_overfill(make_event, database_for_threads):
    event = make_event(capacity=40)
    for person in people(100):
        services.register_person(event=event, person=person)
    registered = list(event.registrations.filter(status=Status.REGISTERED))
    waiting = list(event.registrations.waiting())
    assert (len(registered), len(waiting)) == (40, 60)
    database_for_threads.share()

    jobs = (
        [lambda r=r: services.cancel_registration(registration=r) for r in registered[:30]]
        + [lambda r=r: services.cancel_registration(registration=r) for r in waiting[-20:]]
        + [lambda: services.promote_from_waiting_list(event=event)] * 50
    )
    results, errors = run_at_once(jobs, database_for_threads)

    assert errors == [None] * 100
    # 10 kept their seats, 40 were waiting: 30 of them moved up, in the order they joined.
    assert counts(event)[:2] == (40, 10)
    still_waiting = {r.pk for r in event.registrations.waiting()}
    assert still_waiting == {r.pk for r in waiting[30:40]}
