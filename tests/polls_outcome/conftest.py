"""Fixtures for the outcome, the reminder and the back office: a poll, its options and ballots."""

import datetime

import pytest
from django.utils import timezone


@pytest.fixture
def make_event(db):
    from samverka.meetings.models import Event

    def make(**fields):
        starts = fields.pop("starts_at", timezone.now() - datetime.timedelta(days=2))
        values = {
            "kind": Event.Kind.LEADER_MEETING,
            "title": "Projektledarträff om spridning",
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=3),
            "status": Event.Status.PUBLISHED,
        }
        values.update(fields)
        return Event.objects.create(**values)

    return make


@pytest.fixture
def make_poll(db):
    """``make_poll(options=[...titles], closed=True, **fields)``: a published poll with approved options."""
    from samverka.polls.models import Poll, PollOption

    def make(options=("Sprida resultat", "Nya programperioden", "Digitala mötesmetoder"), closed=True, **fields):
        now = timezone.now()
        values = {
            "title": "Nästa kunskapswebbinarium",
            "status": Poll.Status.PUBLISHED,
            "method": Poll.Method.APPROVAL,
            "opens_at": now - datetime.timedelta(days=7),
            "closes_at": now - datetime.timedelta(hours=1) if closed else now + datetime.timedelta(hours=12),
            "anonymous": False,
        }
        values.update(fields)
        poll = Poll.objects.create(**values)
        for number, title in enumerate(options, start=1):
            PollOption.objects.create(poll=poll, title=title, description=f"Om {title.lower()}.", order=number)
        return poll

    return make


@pytest.fixture
def vote(db):
    """``vote(poll, person, {option: rank_or_points_or_None})``: a ballot as the voting page stores it."""
    from samverka.polls.models import Ballot, Poll, Vote

    def cast(poll, person, marks):
        ballot = Ballot.objects.create(poll=poll, key=poll.ballot_key(person), voter=None if poll.anonymous else person)
        for option, value in marks.items():
            Vote.objects.create(
                ballot=ballot,
                option=option,
                rank=value if poll.method == Poll.Method.RANKED else None,
                points=value if poll.method == Poll.Method.SCORE else None,
            )
        return ballot

    return cast

