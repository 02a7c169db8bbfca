"""Reminders and follow-ups go once per person and none is lost: a refused recipient does not stop
the others, a run killed partway keeps what it sent, and the next run sends only the rest. Over
real SMTP (the ``smtp_server`` fixture)."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from samverka import emails
from samverka.meetings.models import Event
from samverka.ops.models import SentMail

pytestmark = pytest.mark.django_db

COMMANDS = {"reminder": ("send_event_reminders", "reminders"), "follow-up": ("send_event_follow_ups", "follow-ups")}


def run(command):
    out = StringIO()
    call_command(command, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def run_failing(command):
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as failed:
        call_command(command, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue().strip(), str(failed.value)


def recipients(smtp_server):
    return [mail["to"][0] for mail in smtp_server.messages]


@pytest.fixture(params=["reminder", "follow-up"])
def due(request, webinar, register):
    """(kind, command, noun, event): the webinar due for its reminder (starting in a day) or its
    follow-up (ended yesterday), with Alva, Bengt and Cecilia registered in that order."""
    if request.param == "reminder":
        webinar.starts_at = timezone.now() + datetime.timedelta(days=1)
    else:
        webinar.starts_at = timezone.now() - datetime.timedelta(days=1, hours=2)
    webinar.ends_at = webinar.starts_at + datetime.timedelta(hours=2)
    webinar.save()
    for name, address in [("Alva Ledare", "alva@example.org"), ("Bengt Ledare", "bengt@example.org"),
                          ("Cecilia Gäst", "cecilia@example.org")]:
        register(name, address)
    return (request.param, *COMMANDS[request.param], webinar)


def marked(kind):
    event = Event.objects.get()
    return event.reminder_sent_at if kind == "reminder" else event.follow_up_sent_at


def test_a_refused_recipient_does_not_stop_the_others_and_gets_it_next_run(due, smtp_server):
    kind, command, noun, event = due
    smtp_server.refused = {"bengt@example.org"}

    out, err, error = run_failing(command)

    assert out == f"sent 2 {noun} for 0 event(s); 1 failed."
    assert err == (
        f"{event.pk} {event.title}: 2 sent, 1 refused by the mail server; the next run sends the rest"
    )
    assert error == "1 event(s) failed; they are left for the next run."
    assert recipients(smtp_server) == ["alva@example.org", "cecilia@example.org"]
    assert marked(kind) is None

    smtp_server.refused = set()
    assert run(command) == f"sent 1 {noun} for 1 event(s); 0 failed."
    assert recipients(smtp_server) == ["alva@example.org", "cecilia@example.org", "bengt@example.org"]
    assert marked(kind) is not None


def test_a_run_killed_partway_keeps_what_it_sent(due, smtp_server, kill_mail_at):
    kind, command, noun, event = due
    kill_mail_at(3)
    with pytest.raises(kill_mail_at.Killed):
        run(command)
    kill_mail_at.restore()
    assert recipients(smtp_server) == ["alva@example.org", "bengt@example.org"]
    assert marked(kind) is None

    assert run(command) == f"sent 1 {noun} for 1 event(s); 0 failed."
    assert run(command) == f"sent 0 {noun} for 0 event(s); 0 failed."
    assert recipients(smtp_server) == ["alva@example.org", "bengt@example.org", "cecilia@example.org"]


def test_the_keys_name_no_one(due, smtp_server):
    kind, command, noun, event = due
    run(command)
    keys = list(SentMail.objects.values_list("key", flat=True))
    assert len(keys) == 3
    assert all(f"event-{kind}.{event.pk}." in key for key in keys)
    assert not any(word in key for key in keys for word in ("alva", "bengt", "cecilia", "Ledare"))
    # The Message-ID the receiver got is the key.
    assert sorted(str(mail["message"]["Message-ID"]).strip() for mail in smtp_server.messages) == sorted(keys)


# --- a new reminder when the event moves ------------------------------------------------------


@pytest.fixture
def soon(webinar, register):
    webinar.starts_at = timezone.now() + datetime.timedelta(days=1)
    webinar.ends_at = webinar.starts_at + datetime.timedelta(hours=2)
    webinar.save()
    register("Alva Ledare", "alva@example.org", language="en")
    return webinar


def test_an_event_moved_after_its_reminder_is_reminded_again(soon, smtp_server):
    assert run("send_event_reminders") == "sent 1 reminders for 1 event(s); 0 failed."
    event = Event.objects.get()
    event.starts_at += datetime.timedelta(hours=3)
    event.ends_at += datetime.timedelta(hours=3)
    event.save()
    assert Event.objects.get().reminder_sent_at is None

    assert run("send_event_reminders") == "sent 1 reminders for 1 event(s); 0 failed."
    first, second = smtp_server.wait_for(2)
    assert first["message"]["Message-ID"] != second["message"]["Message-ID"]
    assert run("send_event_reminders") == "sent 0 reminders for 0 event(s); 0 failed."


def test_an_event_edited_but_not_moved_is_not_reminded_again(soon, smtp_server):
    run("send_event_reminders")
    event = Event.objects.get()
    event.description = "Ny beskrivning."
    event.save()
    assert Event.objects.get().reminder_sent_at is not None
    assert run("send_event_reminders") == "sent 0 reminders for 0 event(s); 0 failed."
    assert len(smtp_server.messages) == 1


def test_an_event_moved_while_reminding_is_not_marked_for_its_old_start(soon, register, smtp_server, monkeypatch):
    register("Bengt Ledare", "bengt@example.org")
    send = emails.send

    def moved_after_the_first(*args, **kwargs):
        sent = send(*args, **kwargs)
        Event.objects.filter(pk=soon.pk).update(starts_at=soon.starts_at + datetime.timedelta(hours=1))
        return sent

    monkeypatch.setattr(emails, "send", moved_after_the_first)
    assert run("send_event_reminders") == "sent 1 reminders for 1 event(s); 0 failed."
    assert recipients(smtp_server) == ["alva@example.org"]
    assert Event.objects.get().reminder_sent_at is None
