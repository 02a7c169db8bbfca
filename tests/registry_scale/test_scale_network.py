"""generate_scale_data beyond projects: people, events and registrations, polls, knowledge and news."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q
from django.utils import timezone

from samverka.accounts.models import User
from samverka.knowledge.models import KnowledgeItem, NewsItem
from samverka.meetings.models import Event, Registration
from samverka.polls.models import Ballot, Poll, PollOption, Vote
from samverka.polls.services import Mark, _check_marks
from samverka.registry.management.commands.generate_scale_data import PER_THOUSAND, default_count
from samverka.registry.models import ProjectRole

pytestmark = pytest.mark.django_db

ASKED = ["--projects", "60", "--people", "40", "--events", "8", "--registrations", "150", "--polls", "4",
         "--knowledge-items", "10", "--news", "5"]


def _generate(*extra):
    call_command("generate_scale_data", *ASKED, *extra)


def test_the_command_writes_the_asked_numbers_of_each(capsys):
    _generate()
    out = capsys.readouterr().out
    assert "Added 40 people" in out and "8 events with 150 registrations" in out
    assert User.objects.count() == 40
    assert Event.objects.filter(status=Event.Status.PUBLISHED).count() == 8
    assert Registration.objects.count() == 150
    assert Poll.objects.filter(status=Poll.Status.PUBLISHED).count() == 4
    assert KnowledgeItem.objects.published().count() == 10
    assert NewsItem.objects.filter(status=NewsItem.Status.PUBLISHED).count() == 5
    assert PollOption.objects.count() >= 12 and Ballot.objects.exists() and Vote.objects.exists()
    # Leaders lead one new project each, never two on one project.
    assert ProjectRole.objects.filter(role=ProjectRole.Role.LEADER).count() == User.objects.filter(
        audiences__code="project_leader"
    ).count()


def test_defaults_follow_the_number_of_projects():
    assert {name: default_count(name, 1000) for name in PER_THOUSAND} == PER_THOUSAND
    assert default_count("polls", 25) == 1 and default_count("people", 1_000_000) == 1000 * PER_THOUSAND["people"]


def test_generated_rows_satisfy_the_models_rules():
    _generate()
    now = timezone.now()
    for model in (User, Event, Registration, Poll, PollOption, Ballot, KnowledgeItem, NewsItem):
        for row in model.objects.order_by("?")[:15]:
            row.full_clean()
    # Personal data is obviously fake.
    assert not User.objects.exclude(email__endswith="@example.org").exists()
    assert not Registration.objects.exclude(email__endswith="@example.org").exists()
    assert not User.objects.filter(password__regex=r"^[^!]").exists()
    # Seats are never exceeded; only those who came to a past event attended it.
    for event in Event.objects.annotate(
        held=Count("registrations", filter=Q(registrations__status__in=Registration.SEAT_STATUSES))
    ):
        assert event.capacity is None or event.held <= event.capacity
        assert event.ends_at > event.starts_at
        assert event.registration_deadline <= event.starts_at
        if event.ends_at > now:
            assert not event.registrations.filter(attended=True).exists()
    assert not Registration.objects.filter(attended=True).exclude(status=Registration.Status.REGISTERED).exists()
    # One ballot a person a poll, keyed as the poll keys them; the voters attended (or may vote).
    for poll in Poll.objects.prefetch_related("ballots__votes"):
        assert poll.opens_at <= now < poll.closes_at or poll.is_closed(now)
        voters = User.objects.all()
        if poll.eligibility == Poll.Eligibility.ATTENDEES:
            voters = voters.filter(registrations__event=poll.event, registrations__attended=True)
        keys = {poll.ballot_key(person): person.pk for person in voters}
        ballot_keys = [ballot.key for ballot in poll.ballots.all()]
        assert len(ballot_keys) == len(set(ballot_keys)) and set(ballot_keys) <= set(keys)
        for ballot in poll.ballots.all():
            assert ballot.voter_id == (None if poll.anonymous else keys[ballot.key])
            marks = [Mark(option=vote.option_id, rank=vote.rank, points=vote.points) for vote in ballot.votes.all()]
            _check_marks(poll, marks)  # the method's rules: raises if broken
    # Knowledge items are linked to projects and their portfolios.
    for item in KnowledgeItem.objects.prefetch_related("projects", "portfolios"):
        assert item.projects.exists()
        assert {p.portfolio_id for p in item.projects.all()} == {p.pk for p in item.portfolios.all()}
        assert item.body.startswith("## ")


def test_a_second_run_adds_more_without_clashing_ids():
    _generate()
    _generate("--seed", "1")
    assert User.objects.count() == 80
    assert Event.objects.count() == 16 and Registration.objects.count() == 300
    assert Poll.objects.count() == 8 and KnowledgeItem.objects.count() == 20 and NewsItem.objects.count() == 10
    # The id sequences moved past the written rows: ordinary inserts still work.
    event = Event.objects.first()
    person = User.objects.create_user("ny@example.org")
    Registration.objects.create(event=event, person=person, email=person.email)
    poll = Poll.objects.first()
    option = PollOption.objects.create(poll=poll, title="Nytt ämne")
    ballot = Ballot.objects.create(poll=poll, key=poll.ballot_key(person))
    Vote.objects.create(ballot=ballot, option=option)
    KnowledgeItem.objects.create(title="Ny", lead="Ny", status="published", published_at=timezone.now())
    NewsItem.objects.create(title="Ny", lead="Ny", status="published")


def test_the_pages_of_a_generated_event_item_news_and_poll_answer(client):
    _generate()
    now = timezone.now()
    event = Event.objects.order_by("?").first()
    poll = Poll.objects.filter(opens_at__lte=now).first()
    for url in (
        event.get_absolute_url(),
        KnowledgeItem.objects.first().get_absolute_url(),
        NewsItem.objects.first().get_absolute_url(),
        poll.get_absolute_url(),
        "/traffar/",
        "/kunskapsbank/",
        "/omrostningar/",
    ):
        assert client.get(url).status_code == 200, url


def test_zero_leaves_a_kind_out():
    call_command("generate_scale_data", "--projects", "20", "--events", "0", "--polls", "0", "--news", "0")
    assert not Event.objects.exists() and not Poll.objects.exists() and not NewsItem.objects.exists()
    assert User.objects.count() == 4 and KnowledgeItem.objects.count() == 1


def test_negative_numbers_are_refused():
    with pytest.raises(CommandError, match="--knowledge-items must be 0 or more."):
        call_command("generate_scale_data", "--projects", "5", "--knowledge-items", "-1")


def test_index_rebuilds_the_search_index_of_every_source(capsys):
    call_command("generate_scale_data", "--projects", "30", "--index")
    from samverka.knowledge.models import SearchEntry

    sources = set(SearchEntry.objects.values_list("source", flat=True))
    assert sources == {"project", "knowledge", "news", "event"}
    assert "Search index rebuilt" in capsys.readouterr().out


def test_related_rebuilds_the_related_lists(capsys):
    call_command("generate_scale_data", "--projects", "20", "--related")
    from samverka.knowledge.models import SimilarityProfile

    assert SimilarityProfile.objects.filter(source="project").count() == 20
    assert "Related: " in capsys.readouterr().out
