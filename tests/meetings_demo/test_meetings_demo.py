"""load_demo brings the meetings of the reference case: 42 and 31 projects took part."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from samverka.accounts.models import User
from samverka.meetings import surveys
from samverka.meetings.models import (
    AgendaItem,
    Answer,
    DiscussionGroup,
    Event,
    Question,
    Registration,
    Survey,
    SurveyResponse,
    SurveyTicket,
)
from samverka.registry.models import ProjectRole

MODELS = [
    Event, AgendaItem, Registration, DiscussionGroup, DiscussionGroup.members.through, Survey, Question,
    SurveyTicket, SurveyResponse, Answer, User, ProjectRole, Event.invited_portfolios.through,
    Event.invited_audiences.through,
]


def load(verbosity=1):
    out = StringIO()
    call_command("load_demo", stdout=out, verbosity=verbosity)
    return out.getvalue()


def meetings_line(output):
    """The meetings demo's summary line (the polls demo's follows it)."""
    return next(line for line in output.splitlines() if line.startswith("Meetings demo:"))


def counts():
    return {model.__name__ + str(i): model.objects.count() for i, model in enumerate(MODELS)}


@pytest.fixture
def demo(db):
    load()


def meeting(day):
    return Event.objects.get(starts_at__date=day, kind=Event.Kind.LEADER_MEETING)


def projects_attended(event):
    return event.registrations.filter(attended=True).exclude(project=None).values("project").distinct().count()


def test_the_first_meeting_had_42_projects_from_three_portfolios(demo):
    first = meeting("2020-11-25")
    assert projects_attended(first) == 42
    assert set(first.invited_portfolios.values_list("name", flat=True)) == {
        "Hållbara transporter", "Förnybar energi", "Hållbart byggande",
    }
    assert set(
        first.registrations.filter(attended=True).exclude(project=None).values_list("project__portfolio__name", flat=True)
    ) == {"Hållbara transporter", "Förnybar energi", "Hållbart byggande"}
    assert first.format == "digital" and first.status == "published"


def test_the_second_meeting_had_31_projects(demo):
    second = meeting("2020-12-02")
    assert projects_attended(second) == 31
    assert set(second.invited_portfolios.values_list("name", flat=True)) == {
        "Energieffektivisering i SMF", "Företagsstöd", "Forskning och innovation",
    }


def test_cancellations_and_a_waiting_list(demo):
    for day in ("2020-11-25", "2020-12-02"):
        event = meeting(day)
        statuses = dict(event.registrations.values_list("status").annotate(n=Count("pk")))
        assert statuses["cancelled"] >= 2 and statuses["waiting"] >= 1
        # Full: the seats taken equal the capacity, never more.
        assert event.registrations.holding_seats().count() == event.capacity
        assert event.agenda.count() == 6


def test_groups_have_topics_note_takers_and_notes(demo):
    groups = DiscussionGroup.objects.filter(event=meeting("2020-11-25"))
    assert groups.count() == 5
    for group in groups:
        assert group.topic and group.notes and group.note_taker in group.members.all()
        assert group.note_taker.attended
    members = DiscussionGroup.members.through.objects.filter(discussiongroup__in=groups).count()
    assert members == meeting("2020-11-25").registrations.filter(attended=True).count()


def test_registrants_lead_the_project_they_represent(demo):
    for registration in Registration.objects.filter(event__kind="leader_meeting").exclude(project=None):
        assert ProjectRole.objects.filter(project=registration.project, person=registration.person, role="leader").exists()
    assert all(e.endswith("@example.org") for e in Registration.objects.values_list("email", flat=True))


def test_the_upcoming_webinar_is_open_broadly(demo):
    webinar = Event.objects.upcoming().get(kind=Event.Kind.KNOWLEDGE_WEBINAR)
    assert webinar.title == "Sprida resultat – hur når vi ut på bästa sätt?"
    assert webinar.openness == "anyone" and webinar.capacity == 150 and webinar.video_url
    assert set(webinar.invited_audiences.values_list("code", flat=True)) == {
        "project_leader", "regional_official", "other_actor",
    }
    assert 3 <= webinar.registrations.count() <= 10
    assert webinar.registration_is_open()


def test_the_first_meeting_has_survey_answers(demo):
    survey = Survey.objects.get(event=meeting("2020-11-25"))
    responses, results = surveys.survey_results(survey)
    assert responses == 24
    assert SurveyTicket.objects.filter(survey=survey).count() == meeting("2020-11-25").registrations.filter(attended=True).count()
    assert SurveyTicket.objects.filter(survey=survey, used=True).count() == 24
    assert results[0].answered == 24 and 3 <= results[0].mean <= 5


def test_running_twice_adds_nothing(db):
    load()
    before = counts()
    assert "(0 created now)" in meetings_line(load(verbosity=2))
    assert counts() == before
    assert projects_attended(meeting("2020-11-25")) == 42


def test_the_summary_line_at_higher_verbosity(db):
    assert meetings_line(load(verbosity=2)).startswith(
        "Meetings demo: 3 events, 93 registrations, 9 discussion groups, 24 survey responses ("
    )
