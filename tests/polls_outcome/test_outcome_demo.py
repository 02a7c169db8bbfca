"""load_demo brings the reference case's poll: the attendees of 25 November 2020 chose
spreading results, which became the upcoming knowledge webinar."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from samverka.meetings.models import Event
from samverka.polls import tally
from samverka.polls.demo import TITLE, load_polls_demo
from samverka.polls.models import Ballot, Poll, PollOption, Vote


@pytest.fixture
def demo(db):
    out = StringIO()
    call_command("load_demo", stdout=out, verbosity=2)
    return out.getvalue()


def test_the_poll_belongs_to_the_first_meeting_and_is_closed(demo):
    poll = Poll.objects.get(title=TITLE)
    assert poll.event.kind == Event.Kind.LEADER_MEETING
    assert poll.event.starts_at.date().isoformat() == "2020-11-25"
    assert (poll.method, poll.max_choices, poll.anonymous, poll.status) == ("approval", 3, True, "published")
    assert poll.is_closed()
    assert PollOption.objects.filter(poll=poll, status=PollOption.Status.APPROVED).count() == 5


def test_ballots_come_from_attendees_and_name_nobody(demo):
    poll = Poll.objects.get(title=TITLE)
    attended = poll.event.registrations.filter(attended=True).exclude(person=None).values("person").distinct().count()
    ballots = Ballot.objects.filter(poll=poll)
    assert 0 < ballots.count() <= attended
    assert not ballots.exclude(voter=None).exists()
    assert max(ballots.annotate(n=Count("votes")).values_list("n", flat=True)) <= 3


def test_spreading_results_wins_and_is_the_upcoming_webinar(demo):
    poll = Poll.objects.get(title=TITLE)
    options = list(poll.options.order_by("order").values_list("pk", flat=True))
    picks = {}
    for ballot_id, option_id in Vote.objects.filter(ballot__poll=poll).values_list("ballot_id", "option_id"):
        picks.setdefault(ballot_id, []).append(option_id)
    result = tally.approval(list(picks.values()), options, 3)
    assert result.winners == [poll.outcome_option_id]
    assert poll.outcome_option.title == "Sprida resultat – hur når vi ut på bästa sätt?"
    assert poll.outcome_note
    assert poll.outcome_event.kind == Event.Kind.KNOWLEDGE_WEBINAR
    assert poll.outcome_event.title == "Sprida resultat – hur når vi ut på bästa sätt?"


def test_the_demo_counts(demo):
    summary = load_polls_demo()
    assert summary.counts["polls"] == 1
    assert summary.counts["options"] == 5
    assert (summary.counts["attendees"], summary.counts["ballots"], summary.counts["votes"]) == (43, 41, 97)
    assert (Ballot.objects.count(), Vote.objects.count()) == (41, 97)
    assert summary.created == 0
    assert "Polls demo: 1 polls, 5 options, 41 ballots, 97 votes, 43 attendees (144 created now)." in demo


def test_a_second_load_creates_nothing(demo):
    before = (Poll.objects.count(), PollOption.objects.count(), Ballot.objects.count(), Vote.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (Poll.objects.count(), PollOption.objects.count(), Ballot.objects.count(), Vote.objects.count()) == before
    assert before[0] == 1


def test_without_the_meeting_nothing_is_made(db):
    summary = load_polls_demo()
    assert (summary.created, Poll.objects.count()) == (0, 0)
