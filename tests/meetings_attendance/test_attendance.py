"""The attendance page: tick who came, upload a participant report, match the rest by hand."""

import io
import os

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from samverka.meetings import attendance
from samverka.meetings.models import ParticipantReport, Registration

from .conftest import csv_lines, teams_report, zoom_report


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def page_url(event, language="en"):
    return url("meetings:attendance", language, pk=event.pk)


def upload_url(event):
    return url("meetings:attendance_report", pk=event.pk)


def match_url(event, report):
    return url("meetings:attendance_match", pk=event.pk, report_pk=report.pk)


def upload(client, event, data, name="participants.csv"):
    return client.post(upload_url(event), {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


@pytest.fixture
def people(register, project_a, project_b):
    """Alva and Åsa for project A, Bengt for project B, Petra on the waiting list, Carl cancelled."""
    return {
        "alva": register("Alva Ledare", "alva@example.org", project=project_a),
        "asa": register("Åsa Öberg", "asa.oberg@example.org", project=project_a),
        "bengt": register("Bengt Ledare", "bengt@example.org", project=project_b),
        "petra": register("Petra Deltagare", "petra@example.org", status=Registration.Status.WAITING),
        "carl": register("Carl Avbokad", "carl@example.org", status=Registration.Status.CANCELLED),
    }


def refresh(people):
    return {key: Registration.objects.get(pk=registration.pk) for key, registration in people.items()}


# The list ---------------------------------------------------------------------------------------


def test_the_list_shows_registered_waiting_and_cancelled_apart(meeting, people, coordinator_client):
    response = coordinator_client.get(page_url(meeting))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<caption id=\"registered-caption\">Registered (3)</caption>" in html
    assert "<caption id=\"waiting-caption\">On the waiting list (1)</caption>" in html
    assert "<caption id=\"cancelled-caption\">Cancelled (1)</caption>" in html
    assert f'<label for="attended-{people["alva"].pk}">Alva Ledare</label>' in html


def test_ticking_saves_everyone_in_one_post(meeting, people, coordinator_client, register):
    people["bengt"].attended = True
    people["bengt"].attended_minutes = 50
    people["bengt"].save()
    elsewhere = register("Annan", "annan@example.org", event=_another_event(meeting))

    response = coordinator_client.post(
        page_url(meeting), {"attended": [people["alva"].pk, people["petra"].pk, elsewhere.pk, "x"]}, follow=True
    )

    after = refresh(people)
    assert [key for key, registration in after.items() if registration.attended] == ["alva", "petra"]
    assert after["bengt"].attended_minutes is None
    assert Registration.objects.get(pk=elsewhere.pk).attended is False
    assert "Attendance is saved: 2 attended." in response.content.decode()


def _another_event(meeting):
    from samverka.meetings.models import Event

    return Event.objects.create(title="Annan träff", starts_at=meeting.starts_at, ends_at=meeting.ends_at)


# Reports: matching ------------------------------------------------------------------------------


ZOOM_ROWS = [
    ("Alva Ledare", "ALVA@example.org", "11/25/2021 08:58:01 AM", "11/25/2021 10:15:22 AM", "78"),
    ("Alva L", "alva@example.org", "11/25/2021 10:20:05 AM", "11/25/2021 12:01:00 PM", "101"),
    ("asa  oberg", "asa.privat@example.com", "11/25/2021 09:00:00 AM", "11/25/2021 11:00:00 AM", "120"),
    ("Okänd Gäst", "okand@example.com", "11/25/2021 09:05:00 AM", "11/25/2021 09:35:00 AM", "30"),
    ("Okänd Gäst", "okand@example.com", "11/25/2021 10:05:00 AM", "11/25/2021 10:20:00 AM", "15"),
]


def test_a_zoom_report_matches_by_email_then_by_name_and_sums_joins(meeting, people, coordinator):
    result = attendance.import_report(
        event=meeting, data=zoom_report(ZOOM_ROWS), filename="participants.csv", uploaded_by=coordinator
    )

    after = refresh(people)
    assert (after["alva"].attended, after["alva"].attended_minutes) == (True, 179)  # e-mail, any case; two joins
    assert (after["asa"].attended, after["asa"].attended_minutes) == (True, 120)  # name without accents
    assert after["bengt"].attended is False
    report = result.report
    assert (result.created, report.platform, report.rows, report.matched) == (True, "zoom", 5, 2)
    assert report.unmatched == [
        {
            "id": 1, "name": "Okänd Gäst", "email": "okand@example.com", "minutes": 45,
            "joined": "2021-11-25T09:05:00", "left": "2021-11-25T10:20:00",
        }
    ]


def test_email_wins_over_a_name_that_belongs_to_someone_else(meeting, people):
    data = zoom_report([("Bengt Ledare", "alva@example.org", "11/25/2021 09:00:00 AM", "11/25/2021 10:00:00 AM", "60")])

    attendance.import_report(event=meeting, data=data, filename="z.csv")

    after = refresh(people)
    assert (after["alva"].attended, after["bengt"].attended) == (True, False)


def test_a_name_shared_by_two_registrations_is_left_for_manual_matching(meeting, people, register):
    register("Alva Ledare", "alva.annan@example.org")
    data = zoom_report([("Alva Ledare", "", "11/25/2021 09:00:00 AM", "11/25/2021 10:00:00 AM", "60")])

    report = attendance.import_report(event=meeting, data=data, filename="z.csv").report

    assert report.matched == 0
    assert [row["name"] for row in report.unmatched] == ["Alva Ledare"]


def test_a_teams_report_marks_attendance(meeting, people):
    data = teams_report(
        [
            ("Bengt Ledare", "11/25/21, 9:00:00 AM", "11/25/21, 11:30:00 AM", "2h 30m", "", "bengt@example.org", "Attendee"),
            ("Åsa Öberg (Guest)", "11/25/21, 9:00:00 AM", "11/25/21, 9:45:00 AM", "45m", "", "", "Attendee"),
        ]
    )

    report = attendance.import_report(event=meeting, data=data, filename="attendance.csv").report

    after = refresh(people)
    assert report.platform == "teams"
    assert (after["bengt"].attended_minutes, after["asa"].attended_minutes) == (150, 45)


# Reports: the page -------------------------------------------------------------------------------


def test_upload_shows_the_unmatched_rows_for_matching_by_hand(meeting, people, coordinator_client):
    response = upload(coordinator_client, meeting, zoom_report(ZOOM_ROWS))

    assert response.status_code == 302
    page = coordinator_client.get(page_url(meeting)).content.decode()
    assert "The report is read: 2 matched, 1 to match by hand below." in page
    assert "<strong>Okänd Gäst</strong> &lt;okand@example.com&gt;" in page
    report = ParticipantReport.objects.get()
    select = f'<select id="match-{report.pk}-1" name="registration">'
    assert select in page
    # Only those not yet marked as attended are offered.
    offered = page.split(select)[1].split("</select>")[0]
    assert "Bengt Ledare" in offered and "Alva Ledare" not in offered


def test_matching_a_row_by_hand(meeting, people, coordinator_client):
    upload(coordinator_client, meeting, zoom_report(ZOOM_ROWS))
    report = ParticipantReport.objects.get()

    response = coordinator_client.post(
        match_url(meeting, report), {"row": 1, "registration": people["petra"].pk}, follow=True
    )

    petra = Registration.objects.get(pk=people["petra"].pk)
    assert (petra.attended, petra.attended_minutes) == (True, 45)
    report.refresh_from_db()
    assert (report.matched, report.unmatched) == (3, [])
    assert "Petra Deltagare is marked as attended." in response.content.decode()


def test_matching_a_row_twice_is_refused(meeting, people, coordinator_client):
    upload(coordinator_client, meeting, zoom_report(ZOOM_ROWS))
    report = ParticipantReport.objects.get()
    coordinator_client.post(match_url(meeting, report), {"row": 1, "registration": people["petra"].pk})

    response = coordinator_client.post(
        match_url(meeting, report), {"row": 1, "registration": people["bengt"].pk}, follow=True
    )

    assert "That row has already been matched." in response.content.decode()
    assert Registration.objects.get(pk=people["bengt"].pk).attended is False


def test_matching_without_choosing_a_person_is_refused(meeting, people, coordinator_client):
    upload(coordinator_client, meeting, zoom_report(ZOOM_ROWS))
    report = ParticipantReport.objects.get()

    response = coordinator_client.post(match_url(meeting, report), {"row": 1, "registration": ""}, follow=True)

    assert "Choose the registration this row belongs to." in response.content.decode()
    assert len(ParticipantReport.objects.get().unmatched) == 1


def test_matching_a_registration_of_another_event_is_refused(meeting, people, coordinator_client, register):
    upload(coordinator_client, meeting, zoom_report(ZOOM_ROWS))
    report = ParticipantReport.objects.get()
    elsewhere = register("Annan", "annan@example.org", event=_another_event(meeting))

    response = coordinator_client.post(match_url(meeting, report), {"row": 1, "registration": elsewhere.pk}, follow=True)

    assert "Choose the registration this row belongs to." in response.content.decode()
    assert Registration.objects.get(pk=elsewhere.pk).attended is False


def test_uploading_the_same_report_twice_changes_nothing(meeting, people, coordinator_client):
    data = zoom_report(ZOOM_ROWS)
    upload(coordinator_client, meeting, data)
    # The coordinator corrects Alva by hand in between; the second upload must not undo it.
    coordinator_client.post(page_url(meeting), {"attended": [people["asa"].pk]})
    before = {r.pk: (r.attended, r.attended_minutes, r.updated_at) for r in Registration.objects.all()}

    response = upload(coordinator_client, meeting, data, name="participants (1).csv")

    assert ParticipantReport.objects.count() == 1
    assert {r.pk: (r.attended, r.attended_minutes, r.updated_at) for r in Registration.objects.all()} == before
    page = coordinator_client.get(response.url).content.decode()
    assert "This report was already uploaded on" in page
    assert "Nothing has changed." in page


# Bad files: the exact message next to the field, nothing saved -----------------------------------


def refused(client, meeting, data, name="participants.csv"):
    response = upload(client, meeting, data, name)
    assert response.status_code == 200
    assert ParticipantReport.objects.count() == 0
    assert not Registration.objects.filter(attended=True).exists()
    html = response.content.decode()
    assert 'aria-describedby="id_file_helptext id_file_error"' in html
    return html.split('<p class="error-message" id="id_file_error">')[1].split("</p>")[0]


def test_an_empty_file_is_refused(meeting, people, coordinator_client):
    # Django's own check for an empty upload answers first.
    assert refused(coordinator_client, meeting, b"") == "The submitted file is empty."


def test_a_file_of_blank_lines_is_refused(meeting, people, coordinator_client):
    assert refused(coordinator_client, meeting, b"\r\n\r\n") == "The file is empty."


def test_random_bytes_are_refused(meeting, people, coordinator_client):
    assert refused(coordinator_client, meeting, os.urandom(4096) + b"\x00") == (
        "The file could not be read as text. Upload the participant report from Zoom or the attendance report "
        "from Teams just as it was downloaded."
    )


def test_an_xlsx_is_refused(meeting, people, coordinator_client):
    book = openpyxl.Workbook()
    book.active.append(["Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)"])
    book.active.append(["Alva Ledare", "alva@example.org", "11/25/2021 08:58:01 AM", "11/25/2021 10:15:22 AM", 78])
    buffer = io.BytesIO()
    book.save(buffer)

    assert refused(coordinator_client, meeting, buffer.getvalue(), name="participants.xlsx") == (
        "This is a spreadsheet (XLSX or XLS), not a participant report. Download the report from Zoom or Teams "
        "as CSV and upload that file."
    )


def test_a_csv_of_something_else_is_refused(meeting, people, coordinator_client):
    data = csv_lines(("Ärendenummer", "Projektnamn"), ("20200181", "Vätgas i Norrbotten")).encode()

    assert refused(coordinator_client, meeting, data) == (
        "This file is not a participant report from Zoom or Teams: it has no columns for the participants&#x27; "
        "names and times."
    )


def test_a_report_without_participants_is_refused(meeting, people, coordinator_client):
    assert refused(coordinator_client, meeting, zoom_report([])) == "The report lists no participants."


def test_no_file_is_refused(meeting, people, coordinator_client):
    response = coordinator_client.post(upload_url(meeting), {})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


# The "no" cases ---------------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(meeting, client):
    response = client.get(page_url(meeting, "sv"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_anonymous_cannot_upload(meeting, client):
    response = client.post(upload_url(meeting), {"file": SimpleUploadedFile("z.csv", zoom_report(ZOOM_ROWS))})

    assert response.status_code == 302
    assert ParticipantReport.objects.count() == 0


@pytest.mark.parametrize("client_name", ["participant_client", "leader_a_client", "official_client"])
def test_others_are_refused(meeting, people, client_name, request):
    other = request.getfixturevalue(client_name)

    assert other.get(page_url(meeting)).status_code == 403
    assert other.post(page_url(meeting), {"attended": [people["alva"].pk]}).status_code == 403
    assert other.post(upload_url(meeting), {"file": SimpleUploadedFile("z.csv", zoom_report(ZOOM_ROWS))}).status_code == 403
    assert not Registration.objects.filter(attended=True).exists()


def test_a_participant_cannot_match_by_hand(meeting, people, coordinator, participant_client):
    report = attendance.import_report(event=meeting, data=zoom_report(ZOOM_ROWS), filename="z.csv").report

    response = participant_client.post(match_url(meeting, report), {"row": 1, "registration": people["petra"].pk})

    assert response.status_code == 403
    assert Registration.objects.get(pk=people["petra"].pk).attended is False


def test_unknown_event_is_404(coordinator_client):
    assert coordinator_client.get(url("meetings:attendance", pk=999999)).status_code == 404


def test_a_report_of_another_event_is_404(meeting, people, coordinator_client):
    report = attendance.import_report(event=meeting, data=zoom_report(ZOOM_ROWS), filename="z.csv").report
    other = _another_event(meeting)

    response = coordinator_client.post(match_url(other, report), {"row": 1, "registration": people["petra"].pk})

    assert response.status_code == 404


def test_wrong_methods_are_405(meeting, coordinator_client):
    assert coordinator_client.put(page_url(meeting)).status_code == 405
    assert coordinator_client.get(upload_url(meeting)).status_code == 405


# Pinned query counts ------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 300])
def test_the_page_makes_the_same_queries_for_few_and_many(
    count, meeting, register, project_a, coordinator, coordinator_client, django_assert_num_queries
):
    for number in range(count):
        register(f"Person {number}", f"person{number}@example.org", project=project_a, attended=number % 2 == 0)
    attendance.import_report(event=meeting, data=zoom_report(ZOOM_ROWS), filename="z.csv", uploaded_by=coordinator)

    # session, user, event, registrations, reports, summary (2)
    with django_assert_num_queries(7):
        response = coordinator_client.get(page_url(meeting))

    assert response.status_code == 200


@pytest.mark.parametrize("count", [3, 300])
def test_saving_makes_the_same_queries_for_few_and_many(
    count, meeting, register, coordinator_client, django_assert_num_queries
):
    registrations = [register(f"Person {number}", f"person{number}@example.org") for number in range(count)]

    # session, user, event, savepoint and release, two updates
    with django_assert_num_queries(7):
        coordinator_client.post(page_url(meeting), {"attended": [r.pk for r in registrations[::2]]})

    assert Registration.objects.filter(attended=True).count() == len(registrations[::2])
