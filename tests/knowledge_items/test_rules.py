"""Who may write, edit, publish and see knowledge items and news, as a table of role × state."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from samverka.knowledge.models import KnowledgeItem, NewsItem
from samverka.knowledge.rules import (
    can_edit_item,
    can_link_project,
    can_read_group_notes,
    can_see_item,
    can_see_news_item,
    can_write_items,
    can_write_news,
)
from samverka.meetings.models import Event

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "participant", "leader_a", "leader_b", "coordinator"]


@pytest.fixture
def people(participant, leader_a, leader_b, coordinator):
    return {
        "anonymous": AnonymousUser(),
        "participant": participant,
        "leader_a": leader_a,
        "leader_b": leader_b,
        "coordinator": coordinator,
    }


def table(predicate, people, obj=None):
    return {role: predicate(people[role], obj) for role in ROLES}


def row(*allowed):
    return {role: role in allowed for role in ROLES}


def test_who_may_write_items_and_news(people):
    assert table(can_write_items, people) == row("leader_a", "leader_b", "coordinator")
    assert table(can_write_news, people) == row("coordinator")


def test_an_inactive_member_may_not_write(people, leader_a):
    leader_a.is_active = False
    assert not can_write_items(leader_a)


@pytest.mark.parametrize(
    ("status", "editors", "viewers"),
    [
        ("draft", ("leader_a", "coordinator"), ("leader_a", "coordinator")),
        ("published", ("leader_a", "coordinator"), tuple(ROLES)),
    ],
)
def test_an_item_of_project_a(people, make_item, project_a, status, editors, viewers):
    item = make_item(projects=[project_a], status=status)
    assert table(can_edit_item, people, item) == row(*editors)
    assert table(can_see_item, people, item) == row(*viewers)


def test_an_item_of_both_projects_is_edited_by_both_leaders(people, make_item, project_a, project_b):
    item = make_item(projects=[project_a, project_b], status=KnowledgeItem.Status.DRAFT)
    assert table(can_edit_item, people, item) == row("leader_a", "leader_b", "coordinator")


def test_an_item_without_projects_is_the_coordinators(people, make_item):
    item = make_item(status=KnowledgeItem.Status.DRAFT)
    assert table(can_edit_item, people, item) == row("coordinator")
    assert table(can_see_item, people, item) == row("coordinator")


def test_members_link_only_their_own_projects(people, project_a, project_b):
    assert table(can_link_project, people, project_a) == row("leader_a", "coordinator")
    assert table(can_link_project, people, project_b) == row("leader_b", "coordinator")


@pytest.mark.parametrize(
    ("state", "viewers"),
    [
        ("due", tuple(ROLES)),
        ("scheduled", ("coordinator",)),
        ("draft", ("coordinator",)),
    ],
)
def test_a_news_item(people, state, viewers):
    now = timezone.now()
    news_item = NewsItem.objects.create(
        title="Nyhet", lead="Ingress",
        status=NewsItem.Status.DRAFT if state == "draft" else NewsItem.Status.PUBLISHED,
        publish_at=now + datetime.timedelta(days=2) if state == "scheduled" else now - datetime.timedelta(minutes=1),
    )
    assert table(can_see_news_item, people, news_item) == row(*viewers)


@pytest.mark.parametrize(
    ("when", "status", "readers"),
    [
        # After a published event its groups' notes are on the event page: anyone may read them.
        ("past", Event.Status.PUBLISHED, tuple(ROLES)),
        # Before it, or while the event is a draft: the note-taker (leader_a here) and coordinators.
        ("future", Event.Status.PUBLISHED, ("leader_a", "coordinator")),
        ("past", Event.Status.DRAFT, ("leader_a", "coordinator")),
    ],
)
def test_who_may_read_a_groups_notes(people, make_group, past_event, future_event, leader_a, when, status, readers):
    event = past_event if when == "past" else future_event
    Event.objects.filter(pk=event.pk).update(status=status)
    event.refresh_from_db()
    group = make_group(event, note_taker=leader_a)
    assert table(can_read_group_notes, people, group) == row(*readers)
