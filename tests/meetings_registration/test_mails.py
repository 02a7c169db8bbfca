"""Registration mails: enqueued after commit, sent by the real worker over real SMTP, read back."""

import pytest

from samverka.meetings import services
from samverka.meetings.models import Registration

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
