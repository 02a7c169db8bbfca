"""Fixtures for registration: an upcoming webinar with a video link, and a way to make events."""

import datetime

import pytest
from django.utils import timezone

VIDEO_URL = "https://zoom.example.org/j/99911122233?pwd=hemligt"
DIAL_IN = "Ring 08-505 000 00, mötes-id 999 1112 2233"


@pytest.fixture
def make_event(db):
    """``make_event(**fields)``: a published webinar in ten days, 2–4 pm, with a video link."""
    from samverka.meetings.models import Event

    def make(**fields):
        starts = fields.pop("starts_at", timezone.now() + datetime.timedelta(days=10))
        values = {
            "kind": Event.Kind.WEBINAR,
            "format": Event.Format.DIGITAL,
            "title": "Kunskapswebbinarium om vätgas",
            "description": "Vi går igenom **erfarenheter** från projekten.",
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=2),
            "video_url": VIDEO_URL,
            "dial_in": DIAL_IN,
            "capacity": 40,
            "status": Event.Status.PUBLISHED,
        }
        values.update(fields)
        return Event.objects.create(**values)

    return make


@pytest.fixture
def webinar(make_event):
    return make_event()


@pytest.fixture
def small_webinar(make_event):
    """Two seats: the third person waits."""
    return make_event(title="Liten workshop", capacity=2, kind="workshop")


@pytest.fixture
def run_worker():
    """``run_worker()`` runs the real django-tasks worker until the queue is empty."""
    from django.core.management import call_command

    def run():
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    return run
