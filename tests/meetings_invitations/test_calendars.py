"""calendars.py: RFC 5545 files for one event and for feeds; the video link only for the registered."""

import datetime

import pytest
from django.utils import timezone

from samverka.meetings.calendars import event_ics, escape_text, feed_ics, fold
from samverka.meetings.models import Event, Registration

pytestmark = pytest.mark.django_db


def test_public_file_parses_with_vtimezone_and_stockholm_times(webinar, parse_ics):
    calendar = parse_ics(event_ics(webinar))
    assert calendar.get("METHOD") == "PUBLISH"
    [zone] = calendar.all("VTIMEZONE")
    assert zone.get("TZID") == "Europe/Stockholm"
    assert [c.name for c in zone.children] == ["DAYLIGHT", "STANDARD"]
    assert zone.all("DAYLIGHT")[0].get("RRULE") == "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"
    assert zone.all("STANDARD")[0].get("TZOFFSETTO") == "+0100"
    [vevent] = calendar.all("VEVENT")
    assert vevent.params("DTSTART") == {"TZID": "Europe/Stockholm"}
    assert vevent.get("DTSTART").endswith("T090000")
    assert vevent.get("DTEND").endswith("T110000")
    assert vevent.get("UID") == f"{webinar.uid}@samverka"
    assert vevent.get("SEQUENCE") == "0"
    assert vevent.get("STATUS") == "CONFIRMED"
    assert vevent.text("SUMMARY") == "Kunskapswebbinarium: Vätgas, el och värme"
    assert vevent.text("DESCRIPTION") == webinar.description
    assert vevent.get("URL").endswith(f"/traffar/{webinar.pk}/")
    assert vevent.get("DTSTAMP").endswith("Z")


def test_public_file_has_no_video_link_nor_dial_in(webinar):
    text = event_ics(webinar)
    assert "zoom.example.org" not in text
    assert "812 3456 7890" not in text


def test_registered_person_gets_video_link_and_dial_in(webinar, register, parse_ics):
    alva = register("Alva Ledare", "alva@example.org")
    [vevent] = parse_ics(event_ics(webinar, registration=alva)).all("VEVENT")
    assert webinar.video_url in vevent.text("DESCRIPTION")
    assert "Ring +46 8 123 456 78, kod 812 3456 7890" in vevent.text("DESCRIPTION")
    assert vevent.text("LOCATION") == webinar.video_url


@pytest.mark.parametrize(
    "status", [Registration.Status.WAITING, Registration.Status.PENDING, Registration.Status.CANCELLED,
               Registration.Status.UNCONFIRMED],
)
def test_no_video_link_without_a_registered_seat(webinar, register, status):
    bengt = register("Bengt Ledare", "bengt@example.org", status=status)
    assert "zoom.example.org" not in event_ics(webinar, registration=bengt)


def test_uid_stays_and_sequence_rises_with_each_change(webinar, parse_ics):
    first = parse_ics(event_ics(webinar)).all("VEVENT")[0]
    webinar.starts_at += datetime.timedelta(hours=1)
    webinar.ends_at += datetime.timedelta(hours=1)
    webinar.save()
    webinar = Event.objects.get(pk=webinar.pk)
    webinar.place = "Luleå, Kulturens hus"
    webinar.save()
    second = parse_ics(event_ics(Event.objects.get(pk=webinar.pk))).all("VEVENT")[0]
    assert second.get("UID") == first.get("UID")
    assert int(second.get("SEQUENCE")) == 2
    assert second.get("DTSTART").endswith("T100000")
    assert second.text("LOCATION") == "Luleå, Kulturens hus"


def test_a_change_no_calendar_sees_keeps_the_sequence(webinar):
    webinar = Event.objects.get(pk=webinar.pk)
    webinar.capacity = 40
    webinar.reminder_days = 3
    webinar.save()
    assert Event.objects.get(pk=webinar.pk).sequence == 0


def test_cancelled_event_is_method_cancel_and_status_cancelled(webinar, register, parse_ics):
    alva = register("Alva Ledare", "alva@example.org")
    webinar = Event.objects.get(pk=webinar.pk)
    webinar.status = Event.Status.CANCELLED
    webinar.save(update_fields=["status"])
    calendar = parse_ics(event_ics(Event.objects.get(pk=webinar.pk), registration=alva))
    assert calendar.get("METHOD") == "CANCEL"
    [vevent] = calendar.all("VEVENT")
    assert vevent.get("STATUS") == "CANCELLED"
    assert vevent.get("SEQUENCE") == "1"
    assert vevent.get("ATTENDEE") == "mailto:alva@example.org"


def test_text_is_escaped_and_long_lines_folded_at_75_octets(webinar, parse_ics):
    webinar.title = "Träff; med komma, och \\ snedstreck"
    webinar.description = "Första raden.\nÅÄÖ " * 20
    calendar_text = event_ics(webinar)
    assert "SUMMARY:Träff\\; med komma\\, och \\\\ snedstreck\r\n" in calendar_text
    assert all(len(line.encode()) <= 75 for line in calendar_text.split("\r\n"))
    [vevent] = parse_ics(calendar_text).all("VEVENT")
    assert vevent.text("DESCRIPTION") == webinar.description.strip()
    assert vevent.text("SUMMARY") == webinar.title


def test_fold_never_splits_a_character():
    line = "DESCRIPTION:" + "å" * 100
    folded = fold(line)
    parts = folded.split("\r\n ")
    assert all(len(p.encode()) <= 74 for p in parts[1:]) and len(parts[0].encode()) <= 75
    assert "".join(parts) == line


def test_escape_text_newlines():
    assert escape_text("a\r\nb\nc") == "a\\nb\\nc"


def test_feed_lists_events_with_one_vtimezone_and_no_video_link(webinar, parse_ics):
    later = Event.objects.create(
        title="Projektledarträff", starts_at=webinar.starts_at + datetime.timedelta(days=14),
        ends_at=webinar.ends_at + datetime.timedelta(days=14), status=Event.Status.PUBLISHED,
        video_url="https://teams.example.org/l/meetup",
    )
    text = feed_ics([webinar, later], name="Samverka")
    calendar = parse_ics(text)
    assert calendar.get("METHOD") == "PUBLISH"
    assert len(calendar.all("VTIMEZONE")) == 1
    assert [v.get("UID") for v in calendar.all("VEVENT")] == [f"{webinar.uid}@samverka", f"{later.uid}@samverka"]
    assert "zoom.example.org" not in text and "teams.example.org" not in text


def test_feed_writes_video_link_only_for_the_registered_events(webinar, register, parse_ics):
    later = Event.objects.create(
        title="Projektledarträff", starts_at=timezone.now() + datetime.timedelta(days=30),
        ends_at=timezone.now() + datetime.timedelta(days=30, hours=2), status=Event.Status.PUBLISHED,
        video_url="https://teams.example.org/l/meetup",
    )
    alva = register("Alva Ledare", "alva@example.org")
    waiting = register("Alva Ledare", "alva@example.org", event=later, status=Registration.Status.WAITING)
    text = feed_ics([webinar, later], registrations={webinar.pk: alva, later.pk: waiting})
    assert "zoom.example.org" in text
    assert "teams.example.org" not in text


def test_event_ics_makes_no_queries(webinar, register, django_assert_num_queries):
    alva = register("Alva Ledare", "alva@example.org")
    with django_assert_num_queries(0):
        event_ics(webinar, registration=alva)
