"""Registration mails: enqueued after commit, sent by the real worker over real SMTP, read back."""

import datetime

import pytest
from django.utils import timezone

from samverka import emails
from samverka.meetings import services
from samverka.meetings.models import Registration
from samverka.ops.models import SentMail

pytestmark = pytest.mark.django_db(transaction=True)

VIDEO = "https://zoom.example.org/j/99911122233?pwd=hemligt"


def the_mail(smtp_server, count=1):
    return smtp_server.wait_for(count)[count - 1]


def subject(mail):
    # A long non-ASCII subject arrives folded ("Subject:\n =?utf-8?q?...?="), read back with the fold's space.
    return mail["subject"].strip()


def attachment_names(mail):
    return [part.get_filename() for part in mail["message"].iter_attachments()]


def test_nothing_is_sent_before_the_worker_runs(webinar, participant, smtp_server):
    from django_tasks_db.models import DBTaskResult

    services.register_person(event=webinar, person=participant)
    assert DBTaskResult.objects.count() == 1
    assert smtp_server.messages == []


def test_a_guest_gets_the_confirmation_link(webinar, smtp_server, run_worker):
    registration = services.register_guest(
        event=webinar, name="Gunnel Gäst", email="gunnel@example.net", organisation_name="Luleå kommun", language="en"
    )
    run_worker()
    mail = the_mail(smtp_server)
    assert mail["to"] == ["gunnel@example.net"]
    assert subject(mail) == "Confirm your registration: Kunskapswebbinarium om vätgas"
    link = f"http://127.0.0.1:8000/en/traffar/anmalan/{registration.token}/bekrafta/"
    assert link in mail["text"] and f'href="{link}"' in mail["html"]
    assert "Hello Gunnel Gäst," in mail["text"] and "Hello Gunnel Gäst," in mail["html"]
    assert VIDEO not in mail["text"] and VIDEO not in mail["html"]


def test_the_confirmation_carries_the_video_link_the_cancel_link_and_the_calendar(webinar, participant, smtp_server, run_worker):
    participant.language = "en"
    participant.save(update_fields=["language"])
    registration = services.register_person(event=webinar, person=participant)
    run_worker()
    mail = the_mail(smtp_server)
    assert subject(mail) == "You are registered: Kunskapswebbinarium om vätgas"
    assert VIDEO in mail["text"] and VIDEO in mail["html"]
    assert "mötes-id 999 1112 2233" in mail["text"] and "mötes-id 999 1112 2233" in mail["html"]
    cancel = f"http://127.0.0.1:8000/en/traffar/anmalan/{registration.token}/"
    assert cancel in mail["text"] and cancel in mail["html"]
    [calendar] = list(mail["message"].iter_attachments())
    assert calendar.get_content_type() == "text/calendar"
    assert "BEGIN:VCALENDAR" in calendar.get_content()


def test_the_mail_goes_in_the_registrations_language(webinar, participant, smtp_server, run_worker):
    services.register_person(event=webinar, person=participant, language="sv")
    run_worker()
    mail = the_mail(smtp_server)
    assert '<html lang="sv">' in mail["html"]
    assert "http://127.0.0.1:8000/traffar/anmalan/" in mail["text"]  # the Swedish address, no /en/


def test_the_waiting_list_mail_has_no_video_link(small_webinar, leader_a, leader_b, participant, smtp_server, run_worker):
    for person in (leader_a, leader_b):
        services.register_person(event=small_webinar, person=person, language="en")
    services.register_person(event=small_webinar, person=participant, language="en")
    run_worker()
    mail = next(m for m in smtp_server.wait_for(3) if m["to"] == ["petra@example.org"])
    assert subject(mail) == "On the waiting list: Liten workshop"
    assert "you are on the waiting list" in mail["text"] and "you are on the waiting list" in mail["html"]
    assert VIDEO not in mail["text"] and VIDEO not in mail["html"]
    assert attachment_names(mail) == []


def test_moving_up_sends_the_video_link(small_webinar, leader_a, leader_b, participant, smtp_server, run_worker):
    first = services.register_person(event=small_webinar, person=leader_a, language="en")
    services.register_person(event=small_webinar, person=leader_b, language="en")
    services.register_person(event=small_webinar, person=participant, language="en")
    run_worker()
    smtp_server.wait_for(3)
    services.cancel_registration(registration=first)
    run_worker()
    mail = the_mail(smtp_server, 4)
    assert mail["to"] == ["petra@example.org"]
    assert subject(mail) == "A seat is yours: Liten workshop"
    assert "you have moved up from the waiting list" in mail["text"]
    assert "you have moved up from the waiting list" in mail["html"]
    assert VIDEO in mail["text"]
    assert attachment_names(mail) == ["event.ics"]


def test_pending_approval_then_declined(make_event, leader_a, smtp_server, run_worker):
    event = make_event(requires_approval=True, title="Projektledarträff")
    registration = services.register_person(event=event, person=leader_a, language="en")
    run_worker()
    pending = the_mail(smtp_server)
    assert subject(pending) == "Awaiting approval: Projektledarträff"
    assert "A coordinator approves each registration" in pending["text"] and VIDEO not in pending["text"]
    services.decline_registration(registration=registration)
    run_worker()
    declined = the_mail(smtp_server, 2)
    assert subject(declined) == "Registration not approved: Projektledarträff"
    assert "was not approved" in declined["text"] and "was not approved" in declined["html"]
    assert VIDEO not in declined["text"] and VIDEO not in declined["html"]


def test_approval_sends_the_confirmation(make_event, leader_a, smtp_server, run_worker):
    event = make_event(requires_approval=True, title="Projektledarträff")
    registration = services.register_person(event=event, person=leader_a, language="en")
    services.approve_registration(registration=registration)
    run_worker()
    subjects = sorted(subject(mail) for mail in smtp_server.wait_for(1))
    # The pending mail is skipped: the registration had moved on when the worker came to it.
    assert subjects == ["You are registered: Projektledarträff"]


def test_a_mail_for_a_registration_cancelled_meanwhile_is_not_sent(webinar, participant, smtp_server, run_worker):
    registration = services.register_person(event=webinar, person=participant)
    services.cancel_registration(registration=registration)
    run_worker()
    assert smtp_server.messages == []
    assert Registration.objects.get().status == Registration.Status.CANCELLED


# --- A task run again after its worker was killed: each mail once ----------------------------


def run_again_as_if_the_worker_died(run_worker):
    """What a worker killed after sending leaves (its tasks still "running"), what cron then does
    (``requeue_stuck_tasks``) and the next worker's second run of every task."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from samverka.ops.stuck_tasks import requeue_stuck_tasks

    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING, started_at=timezone.now() - datetime.timedelta(hours=1))
    assert sum(requeue_stuck_tasks().values()) == DBTaskResult.objects.count()
    run_worker()
    for result in DBTaskResult.objects.all():
        assert result.status == TaskResultStatus.SUCCESSFUL and len(result.worker_ids) == 2  # it did run twice


def message_ids(smtp_server):
    return [str(mail["message"]["Message-ID"]) for mail in smtp_server.messages]


def test_a_confirmation_task_run_twice_sends_one_mail(webinar, participant, smtp_server, run_worker):
    registration = services.register_person(event=webinar, person=participant)
    run_worker()
    run_again_as_if_the_worker_died(run_worker)
    assert [mail["to"] for mail in smtp_server.messages] == [["petra@example.org"]]
    stamp = emails.stamp(registration.updated_at)
    assert message_ids(smtp_server) == [f"<registration.confirmed.{registration.pk}.{stamp}@127.0.0.1>"]
    assert SentMail.objects.filter(key=message_ids(smtp_server)[0]).exists()


def test_the_record_is_what_stops_the_second_mail(webinar, participant, smtp_server, run_worker):
    services.register_person(event=webinar, person=participant)
    run_worker()
    SentMail.objects.all().delete()
    run_again_as_if_the_worker_died(run_worker)
    assert len(smtp_server.messages) == 2
    assert len(set(message_ids(smtp_server))) == 1  # the same message twice


def test_a_guest_and_the_waiting_list_get_each_mail_once(small_webinar, leader_a, leader_b, smtp_server, run_worker):
    for person in (leader_a, leader_b):
        services.register_person(event=small_webinar, person=person, language="en")
    guest = services.register_guest(
        event=small_webinar, name="Gunnel Gäst", email="gunnel@example.net", organisation_name="", language="en"
    )
    run_worker()
    services.confirm_guest(registration=guest)  # the seats are taken: she waits
    run_worker()
    run_again_as_if_the_worker_died(run_worker)
    assert sorted(subject(mail) for mail in smtp_server.messages) == [
        "Confirm your registration: Liten workshop",
        "On the waiting list: Liten workshop",
        "You are registered: Liten workshop",
        "You are registered: Liten workshop",
    ]


def test_registering_again_after_cancelling_is_a_new_mail(webinar, participant, smtp_server, run_worker):
    registration = services.register_person(event=webinar, person=participant)
    run_worker()
    services.cancel_registration(registration=registration)
    services.register_person(event=webinar, person=participant)
    run_worker()
    assert [subject(mail) for mail in smtp_server.messages] == ["Du är anmäld: Kunskapswebbinarium om vätgas"] * 2
    assert len(set(message_ids(smtp_server))) == 2


def test_the_cancelled_event_mail_goes_once_per_registration(webinar, leader_a, participant, coordinator, smtp_server, run_worker):
    from samverka.meetings.event_mails import cancel_event

    for person in (leader_a, participant):
        services.register_person(event=webinar, person=person, language="en")
    run_worker()
    smtp_server.messages.clear()
    cancel_event(event=webinar, by=coordinator)
    run_worker()
    run_again_as_if_the_worker_died(run_worker)
    assert sorted(mail["to"][0] for mail in smtp_server.messages) == ["alva@example.org", "petra@example.org"]
    webinar.refresh_from_db()
    assert all(f"<event-cancelled.{webinar.pk}.{webinar.sequence}." in key for key in message_ids(smtp_server))
