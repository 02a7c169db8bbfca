"""Calendar addresses: an event's file, the registrant's own, the personal and the public feed."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from samverka.meetings.models import CalendarFeed, Event, Registration

pytestmark = pytest.mark.django_db


def test_public_event_file_has_no_video_link(webinar, parse_ics):
    response = Client().get(f"/traffar/{webinar.pk}/kalender.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="event-{webinar.pk}.ics"'
    text = response.content.decode()
    assert "zoom.example.org" not in text and webinar.video_url not in text
    assert parse_ics(text).all("VEVENT")[0].get("UID") == f"{webinar.uid}@samverka"


def test_draft_event_file_is_404(webinar):
    Event.objects.filter(pk=webinar.pk).update(status=Event.Status.DRAFT)
    assert Client().get(f"/traffar/{webinar.pk}/kalender.ics").status_code == 404


def test_cancelled_event_file_is_method_cancel(webinar, parse_ics):
    webinar.status = Event.Status.CANCELLED
    webinar.save()
    calendar = parse_ics(Client().get(f"/traffar/{webinar.pk}/kalender.ics").content.decode())
    assert calendar.get("METHOD") == "CANCEL"
    assert calendar.all("VEVENT")[0].get("SEQUENCE") == "1"


def test_event_file_refuses_post(webinar):
    assert Client().post(f"/traffar/{webinar.pk}/kalender.ics").status_code == 405


def test_registrants_own_file_has_the_video_link(webinar, register):
    alva = register("Alva Ledare", "alva@example.org")
    response = Client().get(f"/traffar/anmalan/{alva.token}/kalender.ics")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert webinar.video_url in response.content.decode().replace("\r\n ", "")


def test_waiting_registrants_file_has_no_video_link(webinar, register):
    bengt = register("Bengt Ledare", "bengt@example.org", status=Registration.Status.WAITING)
    text = Client().get(f"/traffar/anmalan/{bengt.token}/kalender.ics").content.decode()
    assert "zoom.example.org" not in text


def test_unknown_registration_token_is_404(db):
    assert Client().get("/traffar/anmalan/nope/kalender.ics").status_code == 404


def test_public_feed_lists_upcoming_published_events_without_video_links(webinar, parse_ics):
    now = timezone.now()
    Event.objects.create(title="Utkast", starts_at=now + datetime.timedelta(days=2),
                         ends_at=now + datetime.timedelta(days=2, hours=1), video_url="https://meet.example.org/draft")
    Event.objects.create(title="Förra året", starts_at=now - datetime.timedelta(days=300),
                         ends_at=now - datetime.timedelta(days=300, hours=-1), status=Event.Status.PUBLISHED)
    response = Client().get("/traffar/kalender.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    calendar = parse_ics(text)
    assert [v.text("SUMMARY") for v in calendar.all("VEVENT")] == [webinar.title]
    assert "zoom.example.org" not in text and "meet.example.org" not in text


def test_public_feed_query_count_is_fixed(webinar, django_assert_num_queries):
    for n in range(5):
        Event.objects.create(title=f"Webbinarium {n}", starts_at=webinar.starts_at, ends_at=webinar.ends_at,
                             status=Event.Status.PUBLISHED, video_url="https://zoom.example.org/j/1")
    with django_assert_num_queries(1):
        text = Client().get("/traffar/kalender.ics").content.decode()
    assert text.count("BEGIN:VEVENT") == 6 and "zoom.example.org" not in text


# --- the personal feed -----------------------------------------------------------------------


def test_feed_link_page_needs_sign_in(db):
    response = Client().get("/kalender/min/")
    assert response.status_code == 302 and "/konto/" in response["Location"]


def test_feed_link_page_makes_the_feed_on_demand(participant, participant_client):
    response = participant_client.get("/en/kalender/min/")
    assert response.status_code == 200
    feed = CalendarFeed.objects.get(person=participant)
    assert f"http://testserver/kalender/{feed.token}.ics" in response.content.decode()
    participant_client.get("/en/kalender/min/")
    assert CalendarFeed.objects.count() == 1


def test_new_address_stops_the_old_one(participant, participant_client):
    participant_client.get("/kalender/min/")
    old = CalendarFeed.objects.get().token
    response = participant_client.post("/en/kalender/min/", follow=True)
    assert "Your calendar has a new address. The old one no longer works." in response.content.decode()
    new = CalendarFeed.objects.get().token
    assert new != old
    assert Client().get(f"/kalender/{old}.ics").status_code == 404
    assert Client().get(f"/kalender/{new}.ics").status_code == 200


def test_feed_link_wrong_method_is_405(participant_client):
    assert participant_client.put("/kalender/min/").status_code == 405


def test_personal_feed_lists_own_registrations_with_video_link_only_when_registered(
    webinar, participant, leader_a, parse_ics
):
    now = timezone.now()
    waiting_event = Event.objects.create(
        title="Fullsatt workshop", starts_at=now + datetime.timedelta(days=20), ends_at=now + datetime.timedelta(days=20, hours=3),
        status=Event.Status.PUBLISHED, video_url="https://teams.example.org/l/full",
    )
    cancelled_own = Event.objects.create(
        title="Avbokad", starts_at=now + datetime.timedelta(days=21), ends_at=now + datetime.timedelta(days=21, hours=1),
        status=Event.Status.PUBLISHED,
    )
    Registration.objects.create(event=webinar, person=participant, email=participant.email, name="Petra")
    Registration.objects.create(event=waiting_event, person=participant, email=participant.email, status="waiting")
    Registration.objects.create(event=cancelled_own, person=participant, email=participant.email, status="cancelled")
    Registration.objects.create(event=cancelled_own, person=leader_a, email=leader_a.email)  # someone else's
    feed = CalendarFeed.objects.create(person=participant)
    response = Client().get(f"/kalender/{feed.token}.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    calendar = parse_ics(text)
    assert [v.text("SUMMARY") for v in calendar.all("VEVENT")] == [webinar.title, "Fullsatt workshop"]
    assert webinar.video_url in text.replace("\r\n ", "")
    assert "teams.example.org" not in text


def test_unknown_feed_token_is_404(db):
    assert Client().get("/kalender/nope.ics").status_code == 404


@pytest.mark.parametrize("events", [1, 6])
def test_personal_feed_query_count_is_fixed(participant, events, django_assert_num_queries):
    now = timezone.now()
    for n in range(events):
        event = Event.objects.create(title=f"Träff {n}", starts_at=now + datetime.timedelta(days=n + 1),
                                     ends_at=now + datetime.timedelta(days=n + 1, hours=1), status=Event.Status.PUBLISHED)
        Registration.objects.create(event=event, person=participant, email=participant.email)
    feed = CalendarFeed.objects.create(person=participant)
    with django_assert_num_queries(2):
        Client().get(f"/kalender/{feed.token}.ics")
