"""The scheduled commands (reminders, follow-ups, guest erasure) and cancelling an event, with
mail delivered over real SMTP."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from samverka.meetings import event_mails
from samverka.meetings.models import Attachment, Event, Invitation, Question, Registration, Survey, SurveyTicket

pytestmark = pytest.mark.django_db


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def ics_of(mail):
    [attachment] = list(mail["message"].iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    return attachment.get_content()


@pytest.fixture
def soon(webinar):
    """The webinar, moved to start in a day (within its two reminder days)."""
    webinar.starts_at = timezone.now() + datetime.timedelta(days=1)
    webinar.ends_at = webinar.starts_at + datetime.timedelta(hours=2)
    webinar.save()
    return webinar


@pytest.fixture
def ended(webinar):
    """The webinar, held yesterday."""
    webinar.starts_at = timezone.now() - datetime.timedelta(days=1, hours=2)
    webinar.ends_at = timezone.now() - datetime.timedelta(days=1)
    webinar.save()
    return webinar


# --- reminders -------------------------------------------------------------------------------


def test_reminder_goes_to_registered_people_with_video_and_cancel_link(soon, register, smtp_server):
    alva = register("Alva Ledare", "alva@example.org", language="en")
    register("Bengt Ledare", "bengt@example.org", status=Registration.Status.WAITING)
    register("Cecilia Gäst", "cecilia@example.org", status=Registration.Status.CANCELLED)
    assert run("send_event_reminders") == "sent 1 reminders for 1 event(s); 0 failed."
    [mail] = smtp_server.wait_for(1)
    assert mail["to"] == ["alva@example.org"]
    assert mail["subject"].strip() == f"Reminder: {soon.title}"
    for body in (mail["text"], mail["html"]):
        assert "Hello Alva Ledare," in body
        assert soon.video_url.replace("&", "&amp;") in body or soon.video_url in body
        assert "Ring +46 8 123 456 78" in body
        assert f"/en/traffar/anmalan/{alva.token}/avboka/" in body
    assert soon.video_url in ics_of(mail).replace("\r\n ", "").replace("\n ", "")
    assert Event.objects.get().reminder_sent_at


def test_reminder_is_sent_once(soon, register, smtp_server):
    register("Alva Ledare", "alva@example.org")
    run("send_event_reminders")
    assert run("send_event_reminders") == "sent 0 reminders for 0 event(s); 0 failed."
    assert len(smtp_server.wait_for(1)) == 1


def test_reminder_not_yet_when_the_event_is_further_off(webinar, register, smtp_server):
    register("Alva Ledare", "alva@example.org")
    assert run("send_event_reminders") == "sent 0 reminders for 0 event(s); 0 failed."
    assert smtp_server.messages == []


def test_reminder_days_zero_sends_none(soon, register, smtp_server):
    Event.objects.filter(pk=soon.pk).update(reminder_days=0)
    register("Alva Ledare", "alva@example.org")
    assert run("send_event_reminders").startswith("sent 0 reminders")


def test_no_reminder_for_a_draft_or_cancelled_event(soon, register, smtp_server):
    register("Alva Ledare", "alva@example.org")
    Event.objects.filter(pk=soon.pk).update(status=Event.Status.CANCELLED)
    assert run("send_event_reminders").startswith("sent 0 reminders for 0 event(s)")


def test_reminder_dry_run_sends_and_marks_nothing(soon, register, smtp_server):
    register("Alva Ledare", "alva@example.org")
    assert run("send_event_reminders", "--dry-run") == "Dry run: would have sent 1 reminders for 1 event(s); 0 failed."
    assert smtp_server.messages == []
    assert Event.objects.get().reminder_sent_at is None


def test_reminder_with_the_mail_server_down_leaves_the_event_for_next_run(
    soon, register, smtp_server, settings, closed_port
):
    register("Alva Ledare", "alva@example.org")
    settings.EMAIL_PORT = closed_port
    with pytest.raises(CommandError, match="1 event\\(s\\) failed; they are left for the next run."):
        run("send_event_reminders")
    assert Event.objects.get().reminder_sent_at is None
    settings.EMAIL_PORT = smtp_server.port
    assert run("send_event_reminders") == "sent 1 reminders for 1 event(s); 0 failed."


# --- follow-ups ------------------------------------------------------------------------------


def test_follow_up_to_attendees_and_registered_with_notes_and_survey(ended, register, smtp_server):
    alva = register("Alva Ledare", "alva@example.org", attended=True, language="en")
    register("Bengt Ledare", "bengt@example.org", language="en")
    register("Cecilia Gäst", "cecilia@example.org", status=Registration.Status.CANCELLED)
    Attachment.objects.create(event=ended, title="Anteckningar från träffen", file="meetings/x.pdf",
                              content_type="application/pdf", size=271000)
    survey = Survey.objects.create(event=ended)
    Question.objects.create(survey=survey, kind=Question.Kind.SCALE, text="Hur var träffen?")
    assert run("send_event_follow_ups") == "sent 2 follow-ups for 1 event(s); 0 failed."
    mails = {m["to"][0]: m for m in smtp_server.wait_for(2)}
    assert set(mails) == {"alva@example.org", "bengt@example.org"}
    alva_mail = mails["alva@example.org"]
    assert alva_mail["subject"].strip() == f"Thank you for taking part: {ended.title}"
    ticket = SurveyTicket.objects.get(registration=alva)
    for body in (alva_mail["text"], alva_mail["html"]):
        assert "Anteckningar från träffen" in body
        assert f"/en/traffar/{ended.pk}/" in body
        assert f"/en/traffar/enkat/{ticket.token}/" in body
        assert "zoom.example.org" not in body
    # attendance was taken: only those who attended get a survey ticket
    assert "/traffar/enkat/" not in mails["bengt@example.org"]["text"]
    assert Event.objects.get().follow_up_sent_at


def test_follow_up_without_survey_has_no_survey_link(ended, register, smtp_server):
    register("Alva Ledare", "alva@example.org")
    run("send_event_follow_ups")
    [mail] = smtp_server.wait_for(1)
    assert "/traffar/enkat/" not in mail["text"] and "/traffar/enkat/" not in mail["html"]


def test_follow_up_is_sent_once_and_not_before_the_end(webinar, register, smtp_server):
    register("Alva Ledare", "alva@example.org")
    assert run("send_event_follow_ups").startswith("sent 0 follow-ups for 0 event(s)")
    Event.objects.filter(pk=webinar.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3), ends_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert run("send_event_follow_ups").startswith("sent 1 follow-ups for 1 event(s)")
    assert run("send_event_follow_ups").startswith("sent 0 follow-ups for 0 event(s)")
    assert len(smtp_server.wait_for(1)) == 1


def test_follow_up_dry_run(ended, register, smtp_server):
    register("Alva Ledare", "alva@example.org")
    assert run("send_event_follow_ups", "--dry-run").startswith("Dry run: would have sent 1 follow-ups")
    assert smtp_server.messages == [] and Event.objects.get().follow_up_sent_at is None


# --- erasing guests' contact details ---------------------------------------------------------


@pytest.fixture
def long_ago(webinar):
    webinar.starts_at = timezone.now() - datetime.timedelta(days=31, hours=2)
    webinar.ends_at = timezone.now() - datetime.timedelta(days=31)
    webinar.save()
    return webinar


def test_guests_without_consent_are_erased_and_counts_kept(long_ago, register, participant, coordinator):
    from samverka.meetings.invitations import invite

    invite(event=long_ago, addresses="cecilia@example.org", invited_by=coordinator)
    guest = register("Cecilia Gäst", "cecilia@example.org", organisation_name="Luleå kommun", attended=True)
    other = register("David Gäst", "david@example.org", status=Registration.Status.CANCELLED)
    consenting = register("Eva Gäst", "eva@example.org", consents_to_invitations=True)
    person = Registration.objects.create(event=long_ago, person=participant, name="Petra Deltagare", email=participant.email)
    assert run("erase_guest_contacts") == "erased 2 guest registrations for 1 event(s); 0 failed."
    guest.refresh_from_db()
    assert (guest.name, guest.organisation_name, guest.email) == ("", "", f"erased-{guest.pk}@invalid")
    assert guest.erased_at and guest.attended and guest.status == Registration.Status.REGISTERED
    assert Registration.objects.get(pk=other.pk).email == f"erased-{other.pk}@invalid"
    assert Registration.objects.get(pk=consenting.pk).email == "eva@example.org"
    assert Registration.objects.get(pk=person.pk).email == "petra@example.org"
    assert Registration.objects.filter(event=long_ago).count() == 4
    assert Registration.objects.filter(event=long_ago, attended=True).count() == 1
    [invitation] = Invitation.objects.all()
    assert invitation.email == f"erased-invitation-{invitation.pk}@invalid"
    assert Event.objects.get().guests_erased_at
    assert run("erase_guest_contacts") == "erased 0 guest registrations for 0 event(s); 0 failed."


def test_unmatched_report_rows_are_dropped_with_the_guests(long_ago, register):
    from samverka.meetings.models import ParticipantReport

    register("Cecilia Gäst", "cecilia@example.org")
    row = {"id": "r1", "name": "Okänd Deltagare", "email": "okand@example.org", "minutes": 55}
    report = ParticipantReport.objects.create(event=long_ago, filename="zoom.csv", digest="d1", platform="zoom", unmatched=[row])

    run("erase_guest_contacts")

    report.refresh_from_db()
    assert report.unmatched == []
    assert report.filename == "zoom.csv"


def test_guests_are_kept_within_the_retention_days(ended, register):
    register("Cecilia Gäst", "cecilia@example.org")
    assert run("erase_guest_contacts").startswith("erased 0 guest registrations for 0 event(s)")
    assert Registration.objects.get().email == "cecilia@example.org"


def test_retention_days_are_per_event(ended, register):
    Event.objects.filter(pk=ended.pk).update(guest_retention_days=0)
    register("Cecilia Gäst", "cecilia@example.org")
    assert run("erase_guest_contacts").startswith("erased 1 guest registrations for 1 event(s)")


def test_erasure_dry_run_changes_nothing(long_ago, register):
    register("Cecilia Gäst", "cecilia@example.org")
    assert run("erase_guest_contacts", "--dry-run").startswith("Dry run: would have erased 1 guest registrations")
    assert Registration.objects.get().email == "cecilia@example.org"
    assert Event.objects.get().guests_erased_at is None


def test_commands_have_help():
    from django.core.management import load_command_class

    for name in ("send_event_reminders", "send_event_follow_ups", "erase_guest_contacts"):
        assert len(load_command_class("samverka.meetings", name).help) > 80


# --- cancelling an event ---------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_cancel_event_mails_every_active_registrant_with_method_cancel(
    webinar, register, coordinator, smtp_server, run_worker, parse_ics
):
    register("Alva Ledare", "alva@example.org", language="en")
    register("Bengt Ledare", "bengt@example.org", status=Registration.Status.WAITING)
    register("Cecilia Gäst", "cecilia@example.org", status=Registration.Status.CANCELLED)
    uid, before = f"{webinar.uid}@samverka", webinar.sequence
    told = event_mails.cancel_event(event=webinar, by=coordinator)
    assert len(told) == 2
    event = Event.objects.get()
    assert event.status == Event.Status.CANCELLED and event.sequence == before + 1
    run_worker()
    mails = {m["to"][0]: m for m in smtp_server.wait_for(2)}
    assert set(mails) == {"alva@example.org", "bengt@example.org"}
    alva = mails["alva@example.org"]
    assert alva["subject"].strip() == f"Cancelled: {webinar.title}"
    assert "this event is cancelled and will not take place" in alva["text"]
    ics = ics_of(alva)
    calendar = parse_ics(ics if "\r\n" in ics else ics.replace("\n", "\r\n"))
    assert calendar.get("METHOD") == "CANCEL"
    [vevent] = calendar.all("VEVENT")
    assert (vevent.get("UID"), vevent.get("SEQUENCE"), vevent.get("STATUS")) == (uid, str(before + 1), "CANCELLED")
    assert "zoom.example.org" not in ics and "zoom.example.org" not in alva["text"]


def test_cancelling_twice_tells_no_one_again(webinar, register, coordinator, django_capture_on_commit_callbacks):
    register("Alva Ledare", "alva@example.org")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        event_mails.cancel_event(event=webinar, by=coordinator)
        assert event_mails.cancel_event(event=webinar, by=coordinator) == []
    # Other apps (the search index) may queue their own work; one mail run is queued, not two.
    assert len([callback for callback in callbacks if "cancel_event" in callback.__qualname__]) == 1
    assert Event.objects.get().sequence == 1
