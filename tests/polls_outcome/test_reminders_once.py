"""send_poll_reminders sends each "closing soon" once and loses none: a refused recipient does not
stop the others, a run killed partway keeps what it sent, and the poll is marked only when all
have gone. Open and anonymous polls, over real SMTP."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from samverka.ops.models import SentMail
from samverka.polls.models import Poll


def run():
    out = StringIO()
    call_command("send_poll_reminders", stdout=out)
    return out.getvalue().strip()


def recipients(smtp_server):
    return [mail["to"][0] for mail in smtp_server.messages]


@pytest.fixture(params=[False, True], ids=["open", "anonymous"])
def closing(request, make_poll, leader_a, leader_b, participant):
    """A poll closing in 12 hours; Alva, Bengt and Petra (in address order) have not voted."""
    return make_poll(closed=False, eligibility=Poll.Eligibility.SIGNED_IN, anonymous=request.param)


def test_a_refused_recipient_does_not_stop_the_others_and_gets_it_next_run(closing, smtp_server):
    smtp_server.refused = {"bengt@example.org"}
    out = StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("send_poll_reminders", stdout=out)
    assert out.getvalue().strip() == "Poll reminders: 1 polls closing soon, sent 2 reminders, 1 failed."
    assert str(failed.value) == "1 reminder(s) not sent; the next run sends them."
    assert recipients(smtp_server) == ["alva@example.org", "petra@example.org"]
    closing.refresh_from_db()
    assert closing.reminder_sent_at is None

    smtp_server.refused = set()
    assert run() == "Poll reminders: 1 polls closing soon, sent 1 reminders, 0 failed."
    assert recipients(smtp_server) == ["alva@example.org", "petra@example.org", "bengt@example.org"]
    closing.refresh_from_db()
    assert closing.reminder_sent_at is not None
    assert run() == "Poll reminders: 0 polls closing soon, sent 0 reminders, 0 failed."


def test_a_run_killed_partway_keeps_what_it_sent(closing, smtp_server, kill_mail_at):
    kill_mail_at(3)
    with pytest.raises(kill_mail_at.Killed):
        run()
    kill_mail_at.restore()
    assert recipients(smtp_server) == ["alva@example.org", "bengt@example.org"]

    assert run() == "Poll reminders: 1 polls closing soon, sent 1 reminders, 0 failed."
    assert run() == "Poll reminders: 0 polls closing soon, sent 0 reminders, 0 failed."
    assert recipients(smtp_server) == ["alva@example.org", "bengt@example.org", "petra@example.org"]


def test_the_keys_name_no_one(closing, smtp_server, leader_a, leader_b, participant):
    run()
    keys = sorted(SentMail.objects.values_list("key", flat=True))
    assert len(keys) == 3 and all(f"<poll-reminder.{closing.pk}." in key for key in keys)
    people = [leader_a, leader_b, participant]
    for word in ("alva", "bengt", "petra", "Ledare", "Deltagare"):
        assert not any(word in key for key in keys)
    if closing.anonymous:
        # The voter's part is the ballot's HMAC: no person id either.
        assert sorted(key.split(".")[3].split("@")[0] for key in keys) == sorted(
            closing.ballot_key(person) for person in people
        )
        assert not any(f"person-{person.pk}" in key for key in keys for person in people)
    assert sorted(str(mail["message"]["Message-ID"]).strip() for mail in smtp_server.messages) == keys


def test_a_poll_whose_closing_moved_is_reminded_again(closing, smtp_server):
    assert run() == "Poll reminders: 1 polls closing soon, sent 3 reminders, 0 failed."
    poll = Poll.objects.get()
    poll.closes_at += datetime.timedelta(hours=6)
    poll.save()
    assert Poll.objects.get().reminder_sent_at is None

    assert run() == "Poll reminders: 1 polls closing soon, sent 3 reminders, 0 failed."
    assert len({mail["message"]["Message-ID"] for mail in smtp_server.wait_for(6)}) == 6


def test_a_poll_edited_but_not_moved_is_not_reminded_again(closing, smtp_server):
    run()
    poll = Poll.objects.get()
    poll.description = "Rösta på nästa ämne."
    poll.save()
    assert run() == "Poll reminders: 0 polls closing soon, sent 0 reminders, 0 failed."
    assert len(smtp_server.messages) == 3
