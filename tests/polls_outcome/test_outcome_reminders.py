"""send_poll_reminders: "closing soon" to eligible people who have not voted, once a poll."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from samverka.accounts.models import Audience
from samverka.meetings.models import Invitation, Registration
from samverka.polls.models import Poll
from samverka.polls.reminders import eligible_people, not_voted, send_reminders


def run(*args):
    out = StringIO()
    call_command("send_poll_reminders", *args, stdout=out)
    return out.getvalue().strip()


def emails(people):
    return [person.email for person in people]


@pytest.fixture
def closing(make_poll):
    """A signed-in poll closing in 12 hours."""
    return make_poll(closed=False, eligibility=Poll.Eligibility.SIGNED_IN)


def test_everyone_who_has_not_voted_gets_one_mail(closing, vote, smtp_server, leader_a, leader_b, participant):
    leader_a.language = "en"  # the mail comes in the person's language
    leader_a.save()
    vote(closing, leader_b, {closing.options.first(): None})
    assert run() == "Poll reminders: 1 polls closing soon, sent 2 reminders, 0 failed."
    mails = smtp_server.wait_for(2)
    assert sorted(address for mail in mails for address in mail["to"]) == ["alva@example.org", "petra@example.org"]
    alva = next(mail for mail in mails if mail["to"] == ["alva@example.org"])
    assert alva["subject"] == "Closing soon: Nästa kunskapswebbinarium"
    assert "Hello Alva Ledare," in alva["text"]
    assert "you have not voted yet" in alva["text"]
    assert "Vote now" in alva["html"]
    assert f"/omrostningar/{closing.pk}/" in alva["text"]
    assert f"/omrostningar/{closing.pk}/" in alva["html"]
    closing.refresh_from_db()
    assert closing.reminder_sent_at is not None


def test_a_second_run_sends_nothing(closing, smtp_server, leader_a):
    run()
    smtp_server.wait_for(1)
    assert run() == "Poll reminders: 0 polls closing soon, sent 0 reminders, 0 failed."
    assert len(smtp_server.messages) == 1


def test_dry_run_sends_nothing_and_marks_nothing(closing, smtp_server, leader_a, leader_b):
    assert run("--dry-run") == "Poll reminders: 1 polls closing soon, would send 2 reminders, 0 failed."
    assert smtp_server.messages == []
    closing.refresh_from_db()
    assert closing.reminder_sent_at is None


def test_a_poll_closing_later_than_the_window_waits(make_poll, smtp_server, leader_a):
    make_poll(closed=False, closes_at=timezone.now() + datetime.timedelta(hours=30))
    assert run() == "Poll reminders: 0 polls closing soon, sent 0 reminders, 0 failed."
    assert run("--hours", "48") == "Poll reminders: 1 polls closing soon, sent 1 reminders, 0 failed."
    smtp_server.wait_for(1)


def test_closed_and_draft_polls_are_not_reminded(make_poll, leader_a):
    make_poll(closed=True)
    make_poll(closed=False, status=Poll.Status.DRAFT)
    assert send_reminders(dry_run=True).polls == 0


def test_an_anonymous_poll_knows_who_voted_only_by_key(make_poll, vote, leader_a, leader_b):
    poll = make_poll(closed=False, anonymous=True)
    ballot = vote(poll, leader_a, {poll.options.first(): None})
    assert ballot.voter is None
    assert emails(not_voted(poll=poll)) == ["bengt@example.org"]


def test_attendees_are_those_who_attended(make_poll, make_event, leader_a, leader_b, participant):
    event = make_event()
    Registration.objects.create(event=event, person=leader_a, email=leader_a.email, attended=True)
    Registration.objects.create(event=event, person=leader_b, email=leader_b.email, attended=False)
    Registration.objects.create(event=event, email="gast@example.org", name="Gäst Utan Konto", attended=True)
    poll = make_poll(closed=False, event=event, eligibility=Poll.Eligibility.ATTENDEES)
    assert emails(eligible_people(poll=poll)) == ["alva@example.org"]


def test_invitees_are_invitations_and_registrations(make_poll, make_event, leader_a, leader_b, official, participant):
    event = make_event()
    Invitation.objects.create(event=event, email=leader_a.email, person=leader_a)
    Invitation.objects.create(event=event, email=official.email)  # no person on the row, same address
    Registration.objects.create(event=event, person=leader_b, email=leader_b.email)
    poll = make_poll(closed=False, event=event, eligibility=Poll.Eligibility.INVITEES)
    assert emails(eligible_people(poll=poll)) == ["alva@example.org", "bengt@example.org", "olof@example.org"]


def test_audiences_are_the_tagged_people(make_poll, official, participant):
    poll = make_poll(closed=False, eligibility=Poll.Eligibility.AUDIENCES)
    poll.audiences.set(Audience.objects.filter(code=Audience.Code.REGIONAL_OFFICIAL))
    assert emails(eligible_people(poll=poll)) == ["olof@example.org"]


def test_inactive_and_erased_people_are_not_reminded(closing, leader_a, participant):
    participant.is_active = False
    participant.save()
    leader_a.erased_at = timezone.now()
    leader_a.save()
    assert not_voted(poll=closing) == []


def test_attendees_without_an_event_are_nobody(make_poll, leader_a):
    poll = make_poll(closed=False, eligibility=Poll.Eligibility.ATTENDEES)
    assert eligible_people(poll=poll) == []


def test_the_command_has_help():
    from samverka.polls.management.commands.send_poll_reminders import Command

    assert "closing within --hours" in Command.help


def test_invitations_match_addresses_whatever_their_case(make_poll, make_event, official):
    event = make_event()
    Invitation.objects.create(event=event, email="Olof@Example.org")
    poll = make_poll(closed=False, event=event, eligibility=Poll.Eligibility.INVITEES)
    assert emails(eligible_people(poll=poll)) == ["olof@example.org"]


@pytest.mark.parametrize("rule", Poll.Eligibility.values)
def test_the_reminded_are_those_the_voting_page_lets_vote(rule, make_poll, make_event, leader_a, leader_b, official, participant):
    from samverka.polls.rules import can_vote

    event = make_event()
    Registration.objects.create(event=event, person=leader_a, email=leader_a.email, attended=True)
    Registration.objects.create(event=event, person=leader_b, email=leader_b.email, attended=False)
    Invitation.objects.create(event=event, email=official.email)
    poll = make_poll(closed=False, event=event, eligibility=rule)
    poll.audiences.set(Audience.objects.filter(code=Audience.Code.REGIONAL_OFFICIAL))
    everyone = [leader_a, leader_b, official, participant]
    assert emails(eligible_people(poll=poll)) == [person.email for person in everyone if can_vote(person, poll)]


def test_a_refused_connection_is_counted_and_the_poll_left_for_the_next_run(closing, leader_a, leader_b, settings):
    import socket

    from django.core.management import CommandError

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    out = StringIO()
    with pytest.raises(CommandError, match=r"^2 reminder\(s\) not sent; the next run sends them\.$"):
        call_command("send_poll_reminders", stdout=out)
    # The server is unreachable: the first failure stops the poll, the rest counted as not sent.
    assert out.getvalue().strip() == "Poll reminders: 1 polls closing soon, sent 0 reminders, 2 failed."
    closing.refresh_from_db()
    assert closing.reminder_sent_at is None
