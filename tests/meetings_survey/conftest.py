"""An event that has happened, its registrations and a feedback survey with three questions."""

import datetime

import pytest
from django.utils import timezone

from samverka.meetings.models import Event, Question, Registration, Survey


@pytest.fixture
def event(db):
    starts = timezone.now() - datetime.timedelta(days=3)
    return Event.objects.create(
        kind=Event.Kind.LEADER_MEETING,
        title="Projektledarträff i november",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        status=Event.Status.PUBLISHED,
    )


def register(event, person=None, *, email=None, name="", attended=False, status=Registration.Status.REGISTERED, project=None):
    return Registration.objects.create(
        event=event,
        person=person,
        email=email or person.email,
        name=name or (person.name if person else ""),
        attended=attended,
        status=status,
        project=project,
    )


@pytest.fixture
def alva_registration(event, leader_a, project_a):
    return register(event, leader_a, attended=True, project=project_a)


@pytest.fixture
def bengt_registration(event, leader_b, project_b):
    return register(event, leader_b, attended=True, project=project_b)


@pytest.fixture
def survey(event):
    survey = Survey.objects.create(event=event, intro="Tack för att du var med!")
    Question.objects.create(survey=survey, order=1, kind=Question.Kind.SCALE, text="How useful was the meeting?", required=True)
    Question.objects.create(
        survey=survey, order=2, kind=Question.Kind.CHOICE, text="Which part gave you most?",
        choices=["The group discussions", "The introduction", "The questions"],
    )
    Question.objects.create(survey=survey, order=3, kind=Question.Kind.TEXT, text="What should the next meeting take up?")
    return survey


@pytest.fixture
def questions(survey):
    return {question.kind: question for question in survey.questions.all()}
