"""The parsers: Zoom with and without its header block, Teams in UTF-16 with sections, and the
files that are not reports at all (each with its exact message)."""

import datetime
import io
import os

import openpyxl
import pytest
from django.utils import translation

from samverka.meetings.participant_reports import ParticipantRow, ReportError, parse_report

from .conftest import csv_lines, teams_legacy_report, teams_report, zoom_report

ZOOM_ROWS = [
    ("Alva Ledare", "alva@example.org", "11/25/2021 08:58:01 AM", "11/25/2021 10:15:22 AM", "78"),
    ("Alva Ledare", "alva@example.org", "11/25/2021 10:20:05 AM", "11/25/2021 12:01:00 PM", "101"),
    ("Bengt (Bengt Ledare)", "", "11/25/2021 09:00:00 AM", "11/25/2021 12:00:00 PM", "180"),
]


def test_zoom_with_the_meeting_header_block():
    report = parse_report(zoom_report(ZOOM_ROWS))

    assert report.platform == "zoom"
    assert report.rows == [
        ParticipantRow(
            "Alva Ledare", "alva@example.org", 78,
            datetime.datetime(2021, 11, 25, 8, 58, 1), datetime.datetime(2021, 11, 25, 10, 15, 22),
        ),
        ParticipantRow(
            "Alva Ledare", "alva@example.org", 101,
            datetime.datetime(2021, 11, 25, 10, 20, 5), datetime.datetime(2021, 11, 25, 12, 1),
        ),
        ParticipantRow(
            "Bengt (Bengt Ledare)", "", 180,
            datetime.datetime(2021, 11, 25, 9, 0), datetime.datetime(2021, 11, 25, 12, 0),
        ),
    ]


def test_zoom_without_the_header_block_and_without_a_bom():
    report = parse_report(zoom_report(ZOOM_ROWS, header_block=False, bom=False))

    assert report.platform == "zoom"
    assert [(row.name, row.minutes) for row in report.rows] == [
        ("Alva Ledare", 78), ("Alva Ledare", 101), ("Bengt (Bengt Ledare)", 180),
    ]


def test_zoom_email_is_lower_cased_and_iso_times_are_read():
    data = csv_lines(
        ("Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)", "Guest"),
        ("Åsa Öberg", "Asa.Oberg@Example.ORG", "2021-11-25 09:01:00", "2021-11-25 11:59:00", "178", "Yes"),
    ).encode()

    [row] = parse_report(data).rows

    assert row == ParticipantRow(
        "Åsa Öberg", "asa.oberg@example.org", 178,
        datetime.datetime(2021, 11, 25, 9, 1), datetime.datetime(2021, 11, 25, 11, 59),
    )


def test_teams_utf16_with_summary_participants_and_activities():
    data = teams_report(
        [
            ("Alva Ledare", "11/25/21, 8:58:01\u202fAM", "11/25/21, 12:01:00\u202fPM", "3h 2m 59s",
             "Alva@example.org", "alva@example.org", "Presenter"),
            ("Olof Tjänsteperson (External)", "11/25/21, 9:10:00\u202fAM", "11/25/21, 9:55:40\u202fAM", "45m 40s",
             "", "olof@example.org", "Attendee"),
            ("Gäst Utan Adress", "11/25/21, 9:30:00\u202fAM", "11/25/21, 9:30:40\u202fAM", "40s", "", "", "Attendee"),
        ],
        activities=[
            ("Alva Ledare", "11/25/21, 8:58:01\u202fAM", "11/25/21, 12:01:00\u202fPM", "3h 2m 59s",
             "alva@example.org", "Presenter"),
        ],
    )
    assert data.startswith(b"\xff\xfe")

    report = parse_report(data)

    assert report.platform == "teams"
    assert report.rows == [
        ParticipantRow(
            "Alva Ledare", "alva@example.org", 183,
            datetime.datetime(2021, 11, 25, 8, 58, 1), datetime.datetime(2021, 11, 25, 12, 1),
        ),
        # No Email column value: the UPN is the address.
        ParticipantRow(
            "Olof Tjänsteperson (External)", "olof@example.org", 46,
            datetime.datetime(2021, 11, 25, 9, 10), datetime.datetime(2021, 11, 25, 9, 55, 40),
        ),
        ParticipantRow(
            "Gäst Utan Adress", "", 1,
            datetime.datetime(2021, 11, 25, 9, 30), datetime.datetime(2021, 11, 25, 9, 30, 40),
        ),
    ]


def test_teams_participants_section_without_activities_ends_at_the_file_end():
    data = teams_report(
        [("Bengt Ledare", "11/25/21, 9:00:00 AM", "11/25/21, 10:00:00 AM", "1h", "bengt@example.org",
          "bengt@example.org", "Attendee")]
    )

    assert [(row.email, row.minutes) for row in parse_report(data).rows] == [("bengt@example.org", 60)]


def test_teams_older_list_of_joins_and_leaves_is_paired_into_sessions():
    data = teams_legacy_report(
        [
            ("Alva Ledare", "Joined", "11/25/2020, 8:58:00 AM"),
            ("Bengt Ledare", "Joined before", "11/25/2020, 8:55:00 AM"),
            ("Alva Ledare", "Left", "11/25/2020, 10:00:00 AM"),
            ("Alva Ledare", "Joined", "11/25/2020, 10:30:00 AM"),
            ("Alva Ledare", "Left", "11/25/2020, 11:00:00 AM"),
            ("Bengt Ledare", "Left", "11/25/2020, 11:55:00 AM"),
        ]
    )

    report = parse_report(data)

    assert report.platform == "teams"
    assert sorted((row.name, row.minutes) for row in report.rows) == [
        ("Alva Ledare", 30), ("Alva Ledare", 62), ("Bengt Ledare", 180),
    ]


# Files that are not reports: each its own message ---------------------------------------------


def refused(data: bytes) -> str:
    with pytest.raises(ReportError) as caught:
        parse_report(data)
    with translation.override("en"):
        return str(caught.value.message)


def test_an_empty_file_is_refused():
    assert refused(b"") == "The file is empty."


def test_a_file_of_blank_lines_is_refused_as_empty():
    assert refused(b"\r\n\r\n  \r\n") == "The file is empty."


def test_random_bytes_are_refused():
    assert refused(os.urandom(2048) + b"\x00\x01") == (
        "The file could not be read as text. Upload the participant report from Zoom or the attendance report "
        "from Teams just as it was downloaded."
    )


def test_an_xlsx_is_refused():
    book = openpyxl.Workbook()
    book.active.append(["Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)"])
    buffer = io.BytesIO()
    book.save(buffer)

    assert refused(buffer.getvalue()) == (
        "This is a spreadsheet (XLSX or XLS), not a participant report. Download the report from Zoom or Teams "
        "as CSV and upload that file."
    )


def test_a_csv_of_something_else_is_refused():
    data = csv_lines(("Ärendenummer", "Projektnamn", "Stödmottagare"), ("20200181", "Vätgas i Norrbotten", "Luleå")).encode()

    assert refused(data) == (
        "This file is not a participant report from Zoom or Teams: it has no columns for the participants' "
        "names and times."
    )


def test_a_zoom_report_with_no_participants_is_refused():
    assert refused(zoom_report([])) == "The report lists no participants."


def test_a_file_too_large_is_refused():
    assert refused(b"a" * (5 * 1024 * 1024 + 1)) == (
        "The file is larger than 5 MB. A participant report is much smaller: check that you chose the right file."
    )
