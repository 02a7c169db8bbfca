"""Fixtures for the organising pages: an event of the reference case with registrations."""

import datetime
from zoneinfo import ZoneInfo

import pytest

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def event(db):
    from samverka.meetings.models import Event

    return Event.objects.create(
        kind=Event.Kind.LEADER_MEETING,
        title="Projektledarträff för tre portföljer",
        starts_at=datetime.datetime(2025, 11, 25, 9, 0, tzinfo=STOCKHOLM),
        ends_at=datetime.datetime(2025, 11, 25, 12, 0, tzinfo=STOCKHOLM),
        registration_deadline=datetime.datetime(2025, 11, 21, 16, 0, tzinfo=STOCKHOLM),
        capacity=60,
        status=Event.Status.PUBLISHED,
    )


@pytest.fixture
def register(event):
    """Register someone for the event: ``register("Anna", project=project_a)``."""
    from samverka.meetings.models import Registration

    def make(name, *, project=None, person=None, status=Registration.Status.REGISTERED, attended=True, on=None):
        email = person.email if person else f"{name.lower().replace(' ', '.')}@example.org"
        return Registration.objects.create(
            event=on or event, name=name, email=email, person=person, project=project, status=status, attended=attended
        )

    return make


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def _english():
    """Pages at /en/: messages are asserted in English, which the Swedish catalogue will not change."""
    from django.utils import translation

    with translation.override("en"):
        yield
