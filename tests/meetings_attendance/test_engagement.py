"""Engagement: per project, events invited to and attended; the projects that never came."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from samverka.meetings import engagement
from samverka.meetings.models import Event, Invitation

with translation.override("sv"):
    URL = reverse("meetings:engagement")


@pytest.fixture
def past_event(db):
    def make(title, *, portfolios=(), days_ago=10, status=Event.Status.PUBLISHED):
        starts = timezone.now() - datetime.timedelta(days=days_ago)
        event = Event.objects.create(
            title=title, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), status=status
        )
        event.invited_portfolios.set(portfolios)
        return event

    return make


@pytest.fixture
def story(past_event, portfolio, other_portfolio, project_a, project_b, make_project, register):
    """Two meetings for the energy portfolio (A came to one, B to none), one transport project
    invited by name that came, an upcoming event and a draft that do not count."""
    transport = make_project(title="Elbussar i Umeå", portfolio=other_portfolio)
    idle = make_project(title="Ingen inbjudan", portfolio=other_portfolio)
    first = past_event("Projektledarträff 1", portfolios=[portfolio], days_ago=40)
    second = past_event("Projektledarträff 2", portfolios=[portfolio], days_ago=20)
    webinar = past_event("Webbinarium om spridning", days_ago=5)
    Invitation.objects.create(event=webinar, email="eva@example.org", project=transport)
    past_event("Kommande träff", portfolios=[portfolio, other_portfolio], days_ago=-10)
    past_event("Utkast", portfolios=[other_portfolio], status=Event.Status.DRAFT)
    register("Alva Ledare", "alva@example.org", project=project_a, event=first, attended=True)
    register("Alvas kollega", "kollega@example.org", project=project_a, event=first, attended=True)
    register("Bengt Ledare", "bengt@example.org", project=project_b, event=second, attended=False)
    register("Eva Transport", "eva@example.org", project=transport, event=webinar, attended=True)
    return {"transport": transport, "idle": idle}


def test_invited_and_attended_per_project(story, project_a, project_b):
    rows = {project.title: (project.invited, project.attended) for project in engagement.project_engagement()}

    assert rows == {
        "Vätgas i Norrbotten": (2, 1),  # two colleagues at one meeting: one event
        "Energismarta småföretag": (2, 0),
        "Elbussar i Umeå": (1, 1),
        "Ingen inbjudan": (0, 0),
    }


def test_never_attended_lists_the_invited_that_never_came(story, project_b):
    assert list(engagement.never_attended()) == [project_b]


def test_filter_by_portfolio(story, other_portfolio):
    titles = [project.title for project in engagement.project_engagement(portfolio=other_portfolio)]

    assert titles == ["Elbussar i Umeå", "Ingen inbjudan"]


def test_the_page_shows_both_lists(story, coordinator_client):
    response = coordinator_client.get("/en" + URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "1 project never came" in html
    assert "Energismarta småföretag" in html
    assert "Ingen inbjudan" in html


def test_the_page_filters_by_portfolio(story, coordinator_client, other_portfolio):
    response = coordinator_client.get("/en" + URL, {"portfolio": other_portfolio.slug})

    html = response.content.decode()
    assert "Elbussar i Umeå" in html
    assert "Vätgas i Norrbotten" not in html
    assert "0 projects never came" in html


def test_the_page_in_swedish_says_projects_in_the_registry_words(story, coordinator_client):
    response = coordinator_client.get(URL)

    # "Portfolio" and "Filter projects" come from the registry's catalogue; the rest after the
    # meetings catalogue is translated.
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "<label for=\"id_portfolio\">Projektportfölj</label>" in html
    assert "Filtrera projekt" in html


@pytest.mark.parametrize("rows", [3, 120])
def test_query_count_is_the_same_for_few_and_many_projects(
    rows, past_event, portfolio, make_project, coordinator_client, django_assert_num_queries
):
    event = past_event("Träff", portfolios=[portfolio])
    for number in range(rows):
        make_project(title=f"Projekt {number}")
    Invitation.objects.create(event=event, email="x@example.org")

    # session, user, portfolios for the filter, count and page of the never-came list, count and page of all
    with django_assert_num_queries(7):
        response = coordinator_client.get(URL, {"page": 2, "never_page": 2})

    assert response.status_code == 200


# The "no" cases -------------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_project_leader_is_refused(leader_a_client):
    assert leader_a_client.get(URL).status_code == 403


def test_a_participant_is_refused(participant_client):
    assert participant_client.get(URL).status_code == 403


def test_post_is_not_allowed(coordinator_client):
    assert coordinator_client.post(URL).status_code == 405
