"""record_outcome and create_webinar_from_option: the draft webinar, and who gets invited."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from samverka.accounts.models import Audience
from samverka.meetings.models import Event, Invitation
from samverka.polls import outcome
from samverka.polls.models import Poll, PollOption

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def titled(poll, title):
    return poll.options.get(title=title)


def test_cora_records_the_outcome_of_a_closed_poll(make_poll, coordinator):
    poll = make_poll()
    outcome.record_outcome(poll=poll, option=titled(poll, "Sprida resultat"), note="Flest röster.", by=coordinator)
    poll.refresh_from_db()
    assert poll.outcome_option.title == "Sprida resultat"
    assert poll.outcome_note == "Flest röster."


def test_no_outcome_while_the_poll_is_open(make_poll, coordinator):
    poll = make_poll(closed=False)
    with pytest.raises(ValidationError) as error:
        outcome.record_outcome(poll=poll, option=titled(poll, "Sprida resultat"), note="", by=coordinator)
    assert error.value.message_dict == {"option": ["The outcome can be recorded only after the poll has closed."]}
    poll.refresh_from_db()
    assert poll.outcome_option is None


def test_no_outcome_with_another_polls_option(make_poll, coordinator):
    poll, other = make_poll(), make_poll(title="En annan omröstning")
    with pytest.raises(ValidationError) as error:
        outcome.record_outcome(poll=poll, option=titled(other, "Sprida resultat"), note="", by=coordinator)
    assert error.value.message_dict == {"option": ["That option belongs to another poll."]}


def test_no_outcome_with_a_rejected_option(make_poll, coordinator):
    poll = make_poll()
    rejected = PollOption.objects.create(poll=poll, title="Avslaget förslag", status=PollOption.Status.REJECTED)
    with pytest.raises(ValidationError) as error:
        outcome.record_outcome(poll=poll, option=rejected, note="", by=coordinator)
    assert error.value.message_dict == {"option": ["Only an approved option can be the outcome."]}


def test_the_webinar_is_a_draft_made_from_the_option(make_poll, coordinator):
    poll = make_poll()
    winner = titled(poll, "Sprida resultat")
    event = outcome.create_webinar_from_option(poll=poll, option=winner, invite_voters=False, by=coordinator)
    assert (event.kind, event.format, event.status, event.openness) == (
        Event.Kind.KNOWLEDGE_WEBINAR, Event.Format.DIGITAL, Event.Status.DRAFT, Event.Openness.ANYONE,
    )
    assert (event.title, event.description) == ("Sprida resultat", "Om sprida resultat.")
    start = event.starts_at.astimezone(STOCKHOLM)
    assert (start.hour, start.minute) == (10, 0)
    assert start.date() == timezone.localdate() + datetime.timedelta(weeks=4)
    assert event.ends_at - event.starts_at == datetime.timedelta(hours=1)
    assert event.created_by == coordinator
    poll.refresh_from_db()
    assert poll.outcome_event == event
    assert poll.outcome_option == winner


def test_a_poll_without_audiences_invites_all_three(make_poll, coordinator):
    poll = make_poll()
    event = outcome.create_webinar_from_option(poll=poll, option=titled(poll, "Sprida resultat"), by=coordinator)
    assert set(event.invited_audiences.values_list("code", flat=True)) == set(Audience.Code.values)


def test_the_polls_audiences_are_invited(make_poll, coordinator):
    poll = make_poll(eligibility=Poll.Eligibility.AUDIENCES)
    # get_or_create: a transactional test earlier in the run empties the table the migration filled.
    poll.audiences.set([Audience.objects.get_or_create(code=Audience.Code.REGIONAL_OFFICIAL)[0]])
    event = outcome.create_webinar_from_option(poll=poll, option=titled(poll, "Sprida resultat"), by=coordinator)
    assert list(event.invited_audiences.values_list("code", flat=True)) == [Audience.Code.REGIONAL_OFFICIAL]


def test_no_webinar_before_closing(make_poll, coordinator):
    poll = make_poll(closed=False)
    with pytest.raises(ValidationError) as error:
        outcome.create_webinar_from_option(poll=poll, option=titled(poll, "Sprida resultat"), by=coordinator)
    assert error.value.message_dict == {"option": ["The outcome can be recorded only after the poll has closed."]}
    assert Event.objects.count() == 0


def test_voters_for_the_option_are_invited_in_an_open_poll(make_poll, vote, coordinator, leader_a, leader_b, official):
    poll = make_poll()
    spread, period = titled(poll, "Sprida resultat"), titled(poll, "Nya programperioden")
    vote(poll, leader_a, {spread: None, period: None})
    vote(poll, leader_b, {period: None})
    vote(poll, official, {spread: None})
    event = outcome.create_webinar_from_option(poll=poll, option=spread, invite_voters=True, by=coordinator)
    assert sorted(Invitation.objects.filter(event=event).values_list("email", flat=True)) == [
        "alva@example.org", "olof@example.org",
    ]


def test_ranked_poll_invites_first_choices_only(make_poll, vote, coordinator, leader_a, leader_b):
    poll = make_poll(method=Poll.Method.RANKED)
    spread, period = titled(poll, "Sprida resultat"), titled(poll, "Nya programperioden")
    vote(poll, leader_a, {spread: 1, period: 2})
    vote(poll, leader_b, {period: 1, spread: 2})
    event = outcome.create_webinar_from_option(poll=poll, option=spread, invite_voters=True, by=coordinator)
    assert list(Invitation.objects.filter(event=event).values_list("email", flat=True)) == ["alva@example.org"]


def test_dot_voting_invites_anyone_who_gave_points(make_poll, vote, coordinator, leader_a, leader_b):
    poll = make_poll(method=Poll.Method.SCORE)
    spread, period = titled(poll, "Sprida resultat"), titled(poll, "Nya programperioden")
    vote(poll, leader_a, {spread: 1, period: 9})
    vote(poll, leader_b, {period: 10})
    event = outcome.create_webinar_from_option(poll=poll, option=spread, invite_voters=True, by=coordinator)
    assert list(Invitation.objects.filter(event=event).values_list("email", flat=True)) == ["alva@example.org"]


def test_an_anonymous_poll_refuses_to_invite_its_voters(make_poll, vote, coordinator, leader_a):
    poll = make_poll(anonymous=True)
    spread = titled(poll, "Sprida resultat")
    vote(poll, leader_a, {spread: None})
    with pytest.raises(ValidationError) as error:
        outcome.create_webinar_from_option(poll=poll, option=spread, invite_voters=True, by=coordinator)
    assert error.value.message_dict == {
        "invite_voters": ["This poll is anonymous: nobody knows who voted for what, so its voters cannot be invited."]
    }
    assert Event.objects.count() == 0
    assert Invitation.objects.count() == 0


def test_the_leading_option_comes_from_the_tally(make_poll, vote, leader_a, leader_b, official):
    poll = make_poll()
    spread, period = titled(poll, "Sprida resultat"), titled(poll, "Nya programperioden")
    vote(poll, leader_a, {period: None})
    vote(poll, leader_b, {period: None, spread: None})
    vote(poll, official, {spread: None})
    vote(poll, official.__class__.objects.create_user(email="ulla@example.org", password="x"), {period: None})
    options = list(poll.options.order_by("order"))
    assert outcome.leading_option_id(poll=poll, options=options) == period.pk


def test_no_leading_option_without_ballots(make_poll):
    poll = make_poll()
    assert outcome.leading_option_id(poll=poll, options=list(poll.options.all())) is None


def test_a_second_webinar_is_refused(make_poll, coordinator):
    poll = make_poll()
    spread = titled(poll, "Sprida resultat")
    first = outcome.create_webinar_from_option(poll=poll, option=spread, by=coordinator)
    with pytest.raises(ValidationError) as error:
        outcome.create_webinar_from_option(poll=poll, option=spread, by=coordinator)
    assert error.value.message_dict == {"option": ["A webinar has already been created from this poll."]}
    assert list(Event.objects.all()) == [first]


def test_after_the_webinar_is_deleted_a_new_one_can_be_made(make_poll, coordinator):
    poll = make_poll()
    spread = titled(poll, "Sprida resultat")
    outcome.create_webinar_from_option(poll=poll, option=spread, by=coordinator).delete()
    poll.refresh_from_db()
    assert outcome.create_webinar_from_option(poll=poll, option=spread, by=coordinator).title == "Sprida resultat"
