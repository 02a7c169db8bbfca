"""Fixtures for attendance: a past project-leader meeting, registrations, and report files built
the way Zoom and Teams write them."""

import datetime

import pytest
from django.utils import timezone


@pytest.fixture
def meeting(db):
    """The project-leader meeting of 25 November (already held)."""
    from samverka.meetings.models import Event

    starts = timezone.now() - datetime.timedelta(days=3)
    return Event.objects.create(
        kind=Event.Kind.LEADER_MEETING,
        title="Projektledarträff för tre portföljer",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        status=Event.Status.PUBLISHED,
        video_url="https://zoom.example.org/j/81234567890",
    )


@pytest.fixture
def register(meeting):
    """``register(name, email, project=None, status="registered", event=meeting)`` makes a registration."""
    from samverka.meetings.models import Registration

    def make(name, email, project=None, status=Registration.Status.REGISTERED, event=None, **fields):
        return Registration.objects.create(
            event=event or meeting, name=name, email=email, project=project, status=status, **fields
        )

    return make


def csv_lines(*rows) -> str:
    return "".join(",".join(row) + "\r\n" for row in rows)


ZOOM_HEADER_BLOCK = (
    ("Meeting ID", "Topic", "Start Time", "End Time", "User Email", "Duration (Minutes)", "Participants"),
    ("812 3456 7890", "Projektledarträff för tre portföljer", "11/25/2021 08:55:12 AM", "11/25/2021 12:03:40 PM",
     "cora@example.org", "189", "4"),
)
ZOOM_COLUMNS = (
    "Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)", "Guest",
    "Recording Consent", "In Waiting Room",
)


def zoom_report(rows, header_block=True, bom=True) -> bytes:
    """Zoom's participant CSV: (name, email, join, leave, minutes) rows; UTF-8 with a BOM as Zoom saves it."""
    text = ""
    if header_block:
        text += csv_lines(*ZOOM_HEADER_BLOCK) + "\r\n"
    text += csv_lines(ZOOM_COLUMNS, *[(name, email, joined, left, minutes, "No", "", "No") for name, email, joined, left, minutes in rows])
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")


def teams_report(participants, activities=()) -> bytes:
    """Teams' attendance report: UTF-16 LE with a BOM, tab-separated, in three sections."""
    lines = [
        "1. Summary",
        "Meeting title\tProjektledarträff för tre portföljer",
        f"Attended participants\t{len(participants)}",
        "Start time\t11/25/21, 8:55:12\u202fAM",
        "End time\t11/25/21, 12:03:40\u202fPM",
        "Meeting duration\t3h 8m 28s",
        "Average attendance time\t2h 30m 10s",
        "",
        "2. Participants",
        "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole",
        *("\t".join(row) for row in participants),
    ]
    if activities:
        lines += [
            "",
            "3. In-Meeting Activities",
            "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole",
            *("\t".join(row) for row in activities),
        ]
    return b"\xff\xfe" + ("\r\n".join(lines) + "\r\n").encode("utf-16-le")


def teams_legacy_report(rows) -> bytes:
    lines = ["Full Name\tUser Action\tTimestamp", *("\t".join(row) for row in rows)]
    return b"\xff\xfe" + ("\r\n".join(lines) + "\r\n").encode("utf-16-le")


@pytest.fixture
def reports():
    class Builders:
        zoom = staticmethod(zoom_report)
        teams = staticmethod(teams_report)
        teams_legacy = staticmethod(teams_legacy_report)

    return Builders
