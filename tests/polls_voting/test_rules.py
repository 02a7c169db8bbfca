"""Who may vote, and the results visibility matrix: visibility × person × time."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from samverka.accounts.models import Audience
from samverka.meetings.models import Invitation, Registration
from samverka.polls.models import Poll
from samverka.polls.rules import can_see_results, can_vote
from samverka.polls.services import Mark, cast_ballot

from .conftest import option_ids

pytestmark = pytest.mark.django_db


def test_signed_in_may_vote_anonymous_may_not(poll, participant):
    assert can_vote(participant, poll)
    assert not can_vote(AnonymousUser(), poll)


def test_inactive_person_may_not_vote(poll, participant):
    participant.is_active = False
    assert not can_vote(participant, poll)


def test_attendees(make_poll, webinar, participant, official):
    poll = make_poll(eligibility=Poll.Eligibility.ATTENDEES, event=webinar)
    Registration.objects.create(event=webinar, person=participant, email=participant.email, attended=True)
    Registration.objects.create(event=webinar, person=official, email=official.email, attended=False)
    assert can_vote(participant, poll)
    assert not can_vote(official, poll)


def test_invitees_by_email_or_registration(make_poll, webinar, participant, official, leader_a):
    poll = make_poll(eligibility=Poll.Eligibility.INVITEES, event=webinar)
    Invitation.objects.create(event=webinar, email=participant.email.upper())
    Registration.objects.create(event=webinar, person=official, email=official.email)
    assert can_vote(participant, poll)
    assert can_vote(official, poll)
    assert not can_vote(leader_a, poll)


def test_audiences(make_poll, official, participant):
    poll = make_poll(eligibility=Poll.Eligibility.AUDIENCES)
    poll.audiences.add(Audience.objects.get(code=Audience.Code.REGIONAL_OFFICIAL))
    assert can_vote(official, poll)
    assert not can_vote(participant, poll)


NOW, CLOSED = "open", "closed"

# visibility, person, time -> may see the results
MATRIX = [
    ("live", "voter", NOW, True),
    ("live", "eligible_non_voter", NOW, True),
    ("live", "ineligible", NOW, False),
    ("live", "anonymous", NOW, False),
    ("live", "coordinator", NOW, True),
    ("after_voting", "voter", NOW, True),
    ("after_voting", "eligible_non_voter", NOW, False),
    ("after_voting", "ineligible", NOW, False),
    ("after_voting", "anonymous", NOW, False),
    ("after_voting", "coordinator", NOW, True),
    ("after_closing", "voter", NOW, False),
    ("after_closing", "eligible_non_voter", NOW, False),
    ("after_closing", "anonymous", NOW, False),
    ("after_closing", "coordinator", NOW, True),
    ("after_closing", "voter", CLOSED, True),
    ("after_closing", "ineligible", CLOSED, True),
    ("after_closing", "anonymous", CLOSED, True),
    ("coordinators", "voter", NOW, False),
    ("coordinators", "voter", CLOSED, False),
    ("coordinators", "anonymous", CLOSED, False),
    ("coordinators", "coordinator", NOW, True),
    ("coordinators", "coordinator", CLOSED, True),
]


@pytest.mark.parametrize("visibility, who, time, allowed", MATRIX)
def test_results_visibility(make_poll, official, participant, leader_a, coordinator, visibility, who, time, allowed):
    poll = make_poll(eligibility=Poll.Eligibility.AUDIENCES, results_visibility=visibility)
    poll.audiences.add(Audience.objects.get(code=Audience.Code.REGIONAL_OFFICIAL))
    # The voter: an official with a ballot; the eligible non-voter: another official.
    voter = official
    cast_ballot(poll=poll, person=voter, marks=[Mark(option=option_ids(poll)[0])])
    other = type(official).objects.create_user(email="ola@example.org", password="x", name="Ola Tjänsteperson")
    other.audiences.add(Audience.objects.get(code=Audience.Code.REGIONAL_OFFICIAL))
    people = {
        "voter": voter, "eligible_non_voter": other, "ineligible": participant,
        "anonymous": AnonymousUser(), "coordinator": coordinator,
    }
    if time == CLOSED:
        Poll.objects.filter(pk=poll.pk).update(
            opens_at=timezone.now() - datetime.timedelta(days=9), closes_at=timezone.now() - datetime.timedelta(days=1)
        )
        poll.refresh_from_db()
    assert can_see_results(people[who], poll) is allowed
