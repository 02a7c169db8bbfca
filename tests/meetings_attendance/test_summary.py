"""The reference case's sentence: "42 projects from the portfolios A, B and C took part."
Projects are counted, not people; portfolios come in their own order, in the page's language."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from samverka.meetings.attendance import attendance_summary
from samverka.registry.models import Portfolio


@pytest.fixture
def building(theme):
    return Portfolio.objects.create(
        theme=theme, name="Hållbart byggande", name_en="Sustainable building", slug="hallbart-byggande", order=3
    )


@pytest.fixture
def three_portfolios(meeting, register, make_project, portfolio, other_portfolio, building):
    """Transport (order 1): 2 projects; energy (order 2): 1 project with two people; building (order 3): 1."""
    for title, home, people in [
        ("Elbussar i Umeå", other_portfolio, 1),
        ("Cykelstråk i Luleå", other_portfolio, 1),
        ("Vätgas i Norrbotten", portfolio, 2),
        ("Trähus i Skellefteå", building, 1),
    ]:
        project = make_project(title=title, portfolio=home)
        for number in range(people):
            register(f"{title} {number}", f"{project.case_number}.{number}@example.org", project=project, attended=True)
    # Registered but did not come; came without a project: neither adds a project.
    register("Frånvarande", "borta@example.org", project=make_project(title="Borta", portfolio=building))
    register("Gäst utan projekt", "gast@example.org", attended=True)


def render(event, language):
    with translation.override(language):
        return " ".join(render_to_string("meetings/attendance/summary.html", {"event": event}).split())


def test_counts_projects_not_people(meeting, three_portfolios, other_portfolio, portfolio, building):
    summary = attendance_summary(meeting)

    assert summary.projects == 4
    assert summary.attendees == 6
    assert summary.portfolios == [other_portfolio, portfolio, building]


def test_two_people_from_one_project_count_once(meeting, register, project_a):
    register("Alva Ledare", "alva@example.org", project=project_a, attended=True)
    register("Alvas kollega", "kollega@example.org", project=project_a, attended=True)

    assert (attendance_summary(meeting).projects, attendance_summary(meeting).attendees) == (1, 2)


def test_the_sentence_in_english(meeting, three_portfolios):
    assert render(meeting, "en") == (
        '<p class="attendance-summary">4 projects from the portfolios Sustainable transport, Renewable energy '
        "and Sustainable building took part.</p>"
    )


def test_the_sentence_in_swedish(meeting, three_portfolios):
    assert render(meeting, "sv") == (
        '<p class="attendance-summary">4 projekt från projektportföljerna Hållbara transporter, Förnybar energi '
        "och Hållbart byggande deltog.</p>"
    )


def test_one_portfolio_in_swedish(meeting, register, project_a):
    register("Alva Ledare", "alva@example.org", project=project_a, attended=True)

    assert render(meeting, "sv") == (
        '<p class="attendance-summary">1 projekt från projektportföljen Förnybar energi deltog.</p>'
    )


def test_one_project_from_one_portfolio(meeting, register, project_a):
    register("Alva Ledare", "alva@example.org", project=project_a, attended=True)

    assert render(meeting, "en") == (
        '<p class="attendance-summary">1 project from the portfolio Renewable energy took part.</p>'
    )


def test_nothing_before_the_event_has_ended(meeting, register, project_a, django_assert_num_queries):
    register("Alva Ledare", "alva@example.org", project=project_a, attended=True)
    meeting.ends_at = timezone.now() + datetime.timedelta(hours=1)

    with django_assert_num_queries(0):
        assert render(meeting, "en") == ""


def test_nothing_for_a_cancelled_event(meeting, register, project_a):
    register("Alva Ledare", "alva@example.org", project=project_a, attended=True)
    meeting.status = meeting.Status.CANCELLED

    assert render(meeting, "en") == ""


def test_nothing_when_no_project_attended(meeting, register):
    register("Gäst utan projekt", "gast@example.org", attended=True)

    assert render(meeting, "en") == ""


@pytest.mark.parametrize("projects", [1, 40])
def test_the_summary_makes_two_queries_whatever_the_size(
    projects, meeting, register, make_project, django_assert_num_queries
):
    for number in range(projects):
        project = make_project(title=f"Projekt {number}")
        register(f"Person {number}", f"person{number}@example.org", project=project, attended=True)

    with django_assert_num_queries(2):
        render(meeting, "en")


def test_the_coordinators_page_adds_the_head_count(meeting, three_portfolios, coordinator_client):
    with translation.override("en"):
        from django.urls import reverse

        url = reverse("meetings:attendance", kwargs={"pk": meeting.pk})

    html = " ".join(coordinator_client.get(url).content.decode().split())

    assert (
        "4 projects from the portfolios Sustainable transport, Renewable energy and Sustainable building took part. "
        "6 people attended in all." in html
    )
