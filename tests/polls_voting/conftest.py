"""Fixtures for voting: a way to make polls with options, and an event whose attendees may vote."""

import datetime

import pytest
from django.utils import timezone


@pytest.fixture
def make_poll(db):
    """``make_poll(options=("A", "B", "C"), **fields)``: a published poll, open for a week."""
    from samverka.polls.models import Poll, PollOption

    def make(options=("Vätgas i tunga transporter", "Cirkulära byggmaterial", "Digital tillgänglighet"), **fields):
        now = timezone.now()
        values = {
            "title": "Nästa webbinariums ämne",
            "description": "Välj vad vi tar upp **nästa gång**.",
            "status": Poll.Status.PUBLISHED,
            "opens_at": now - datetime.timedelta(days=1),
            "closes_at": now + datetime.timedelta(days=7),
            "eligibility": Poll.Eligibility.SIGNED_IN,
        }
        values.update(fields)
        poll = Poll.objects.create(**values)
        for order, title in enumerate(options):
            PollOption.objects.create(poll=poll, title=title, order=order)
        return poll

    return make


@pytest.fixture
def poll(make_poll):
    return make_poll()


@pytest.fixture
def webinar(db):
    from samverka.meetings.models import Event

    starts = timezone.now() - datetime.timedelta(days=2)
    return Event.objects.create(
        kind=Event.Kind.WEBINAR, format=Event.Format.DIGITAL, title="Webbinarium om vätgas",
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), status=Event.Status.PUBLISHED,
    )


def option_ids(poll):
    return list(poll.options.order_by("order").values_list("pk", flat=True))
