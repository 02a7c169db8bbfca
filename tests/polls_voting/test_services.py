"""cast_ballot and its refusals: each bad input with its exact message, and no ballot changed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import override

from samverka.polls.models import Ballot, Poll, PollOption, Vote
from samverka.polls.services import Mark, cast_ballot, decide_proposal, own_ballot, propose_option

from .conftest import option_ids

pytestmark = pytest.mark.django_db


def refused(poll, person, marks, message, **kwargs):
    before = list(Vote.objects.values_list("ballot_id", "option_id", "rank", "points").order_by("pk"))
    ballots = Ballot.objects.count()
    with override("en"), pytest.raises(ValidationError) as caught:
        cast_ballot(poll=poll, person=person, marks=marks, **kwargs)
    assert caught.value.messages == [message]
    assert Ballot.objects.count() == ballots
    assert list(Vote.objects.values_list("ballot_id", "option_id", "rank", "points").order_by("pk")) == before


def test_single_choice_is_cast(poll, participant):
    a, _b, _c = option_ids(poll)
    ballot = cast_ballot(poll=poll, person=participant, marks=[Mark(option=a)])
    assert ballot.voter is None and list(ballot.votes.values_list("option_id", flat=True)) == [a]
    assert own_ballot(poll=poll, person=participant) == [Mark(option=a)]


def test_open_poll_names_the_voter(make_poll, participant):
    poll = make_poll(anonymous=False)
    assert cast_ballot(poll=poll, person=participant, marks=[Mark(option=option_ids(poll)[0])]).voter == participant


def test_before_opening(make_poll, participant):
    poll = make_poll(opens_at=timezone.now() + datetime.timedelta(days=1), closes_at=timezone.now() + datetime.timedelta(days=2))
    refused(poll, participant, [Mark(option=option_ids(poll)[0])], "This poll has not opened yet.")


def test_draft_poll(make_poll, participant):
    poll = make_poll(status=Poll.Status.DRAFT)
    refused(poll, participant, [Mark(option=option_ids(poll)[0])], "This poll has not opened yet.")


def test_after_closing(poll, participant):
    a = option_ids(poll)[0]
    cast_ballot(poll=poll, person=participant, marks=[Mark(option=a)])
    later = poll.closes_at + datetime.timedelta(seconds=1)
    refused(poll, participant, [Mark(option=option_ids(poll)[1])], "This poll has closed.", now=later)


def test_not_eligible(make_poll, webinar, participant):
    poll = make_poll(eligibility=Poll.Eligibility.ATTENDEES, event=webinar)
    refused(poll, participant, [Mark(option=option_ids(poll)[0])], "You may not vote in this poll.")


def test_option_from_another_poll(make_poll, participant):
    poll, other = make_poll(), make_poll()
    refused(poll, participant, [Mark(option=option_ids(other)[0])], "That option does not belong to this poll.")


def test_unapproved_option(poll, participant):
    proposed = PollOption.objects.create(poll=poll, title="Förslag", status=PollOption.Status.PROPOSED)
    refused(poll, participant, [Mark(option=proposed.pk)], "That option has not been approved for this poll.")


def test_single_choice_needs_exactly_one(poll, participant):
    a, b, _c = option_ids(poll)
    refused(poll, participant, [Mark(option=a), Mark(option=b)], "Choose one option.")


def test_approval_too_many(make_poll, participant):
    poll = make_poll(method=Poll.Method.APPROVAL, max_choices=2)
    refused(poll, participant, [Mark(option=o) for o in option_ids(poll)], "Choose at most 2 options.")


def test_approval_of_at_most_one(make_poll, participant):
    poll = make_poll(method=Poll.Method.APPROVAL, max_choices=1)
    a, b, _c = option_ids(poll)
    refused(poll, participant, [Mark(option=a), Mark(option=b)], "Choose at most 1 option.")


def test_approval_none(make_poll, participant):
    refused(make_poll(method=Poll.Method.APPROVAL), participant, [], "Choose at least one option.")


def test_approval_is_cast(make_poll, participant):
    poll = make_poll(method=Poll.Method.APPROVAL, max_choices=2)
    a, b, _c = option_ids(poll)
    cast_ballot(poll=poll, person=participant, marks=[Mark(option=a), Mark(option=b)])
    assert {m.option for m in own_ballot(poll=poll, person=participant)} == {a, b}


def test_ranking_an_option_twice(make_poll, participant):
    poll = make_poll(method=Poll.Method.RANKED)
    a, b, _c = option_ids(poll)
    refused(poll, participant, [Mark(option=a, rank=1), Mark(option=a, rank=2)], "Each option can be ranked only once.")


def test_ranked_is_cast_in_order(make_poll, participant):
    poll = make_poll(method=Poll.Method.RANKED)
    a, b, c = option_ids(poll)
    cast_ballot(poll=poll, person=participant, marks=[Mark(option=c, rank=1), Mark(option=a, rank=2)])
    assert own_ballot(poll=poll, person=participant) == [Mark(option=c, rank=1), Mark(option=a, rank=2)]


def test_too_many_points_on_one_option(make_poll, participant):
    poll = make_poll(method=Poll.Method.SCORE, points_total=10, points_per_option=5)
    refused(poll, participant, [Mark(option=option_ids(poll)[0], points=6)], "At most 5 points on one option.")


def test_too_many_points_in_all(make_poll, participant):
    poll = make_poll(method=Poll.Method.SCORE, points_total=8, points_per_option=5)
    a, b, _c = option_ids(poll)
    refused(poll, participant, [Mark(option=a, points=5), Mark(option=b, points=4)], "At most 8 points in all.")


def test_one_point_each_and_in_all(make_poll, participant):
    poll = make_poll(method=Poll.Method.SCORE, points_total=1, points_per_option=1)
    a, b, _c = option_ids(poll)
    refused(poll, participant, [Mark(option=a, points=2)], "At most 1 point on one option.")
    refused(poll, participant, [Mark(option=a, points=1), Mark(option=b, points=1)], "At most 1 point in all.")
    with override("sv"), pytest.raises(ValidationError) as caught:
        cast_ballot(poll=poll, person=participant, marks=[Mark(option=a, points=1), Mark(option=b, points=1)])
    assert caught.value.messages == ["Högst 1 poäng totalt."]


def test_no_points(make_poll, participant):
    poll = make_poll(method=Poll.Method.SCORE)
    refused(poll, participant, [Mark(option=option_ids(poll)[0], points=0)], "Give at least one point.")


def test_double_submit_makes_one_ballot(poll, participant):
    a, b, _c = option_ids(poll)
    cast_ballot(poll=poll, person=participant, marks=[Mark(option=a)])
    cast_ballot(poll=poll, person=participant, marks=[Mark(option=b)])
    assert Ballot.objects.filter(poll=poll).count() == 1
    assert own_ballot(poll=poll, person=participant) == [Mark(option=b)]


def test_change_until_closing(poll, participant):
    a, b, _c = option_ids(poll)
    cast_ballot(poll=poll, person=participant, marks=[Mark(option=a)])
    cast_ballot(poll=poll, person=participant, marks=[Mark(option=b)], now=poll.closes_at - datetime.timedelta(seconds=1))
    assert own_ballot(poll=poll, person=participant) == [Mark(option=b)]
    refused(poll, participant, [Mark(option=a)], "This poll has closed.", now=poll.closes_at)
    assert own_ballot(poll=poll, person=participant) == [Mark(option=b)]


def test_anonymity_no_row_names_the_voter(poll, db):
    from samverka.accounts.models import User

    # An id no other row here has, so a match in any column would be the person's.
    voter = User.objects.create_user(pk=987654, email="vera.valjare@example.org", password="x", name="Vera Väljare")
    cast_ballot(poll=poll, person=voter, marks=[Mark(option=option_ids(poll)[0])])
    assert Ballot.objects.get(poll=poll).voter is None
    identifying = {"987654", "vera.valjare@example.org", "Vera Väljare"}
    for model in (Ballot, Vote):
        rows = list(model.objects.values())
        assert rows
        for row in rows:
            for column, value in row.items():
                assert not any(part in str(value) for part in identifying), (model.__name__, column, value)


def test_proposal_awaits_approval(make_poll, participant, coordinator):
    poll = make_poll(allow_proposals=True)
    option = propose_option(poll=poll, person=participant, title="Solenergi på tak", description="")
    assert option.status == PollOption.Status.PROPOSED and option.proposed_by == participant
    decide_proposal(option=option, person=coordinator, approve=True)
    option.refresh_from_db()
    assert option.status == PollOption.Status.APPROVED


def test_proposal_refused_when_not_allowed(poll, participant):
    with override("en"), pytest.raises(ValidationError) as caught:
        propose_option(poll=poll, person=participant, title="X", description="")
    assert caught.value.messages == ["This poll does not take proposals."]
