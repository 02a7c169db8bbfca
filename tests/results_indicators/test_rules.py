"""Who may report and review indicator values: a table of role × state."""

import pytest

from samverka.results.rules import can_report_values, can_review_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(coordinator, leader_a, leader_b, official, participant):
    from django.contrib.auth.models import AnonymousUser

    return {
        "coordinator": coordinator, "leader_a": leader_a, "leader_b": leader_b, "official": official,
        "participant": participant, "anonymous": AnonymousUser(),
    }


@pytest.mark.parametrize(
    "person, project, expected",
    [
        ("coordinator", "a", True), ("coordinator", "b", True),
        ("leader_a", "a", True), ("leader_a", "b", False),
        ("leader_b", "a", False), ("leader_b", "b", True),
        ("official", "a", False), ("participant", "a", False), ("anonymous", "a", False),
    ],
)
def test_report_values(people, project_a, project_b, person, project, expected):
    assert can_report_values(people[person], {"a": project_a, "b": project_b}[project]) is expected


def test_report_values_needs_a_project(people):
    assert can_report_values(people["leader_a"], None) is False


@pytest.mark.parametrize(
    "person, expected",
    [("coordinator", True), ("leader_a", False), ("leader_b", False), ("official", False), ("participant", False),
     ("anonymous", False)],
)
def test_review_values(people, person, expected):
    assert can_review_values(people[person]) is expected


def test_an_inactive_coordinator_may_not_review(coordinator):
    coordinator.is_active = False
    assert can_review_values(coordinator) is False
