"""samverka/emails.py: one e-mail, three templates, in the recipient's language."""

import datetime

import pytest

from samverka import emails
from samverka.accounts.models import Invitation
from samverka.accounts.services import invite_people
from samverka.ops.models import SentMail

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(coordinator):
    return Invitation(email="stina@example.org", name="Stina", invited_by=coordinator, token="t")


def test_render_gives_subject_text_and_html_in_swedish_by_default(invitation):
    subject, text, html = emails.render("invitation", {"invitation": invitation, "link": "http://x/l/", "invited_by": None})
    assert subject == "Du är inbjuden till Samverka"
    assert "Hej Stina!" in text and "Hej Stina!" in html
    assert "http://x/l/" in text and 'href="http://x/l/"' in html


def test_render_in_english(invitation):
    subject, text, _ = emails.render("invitation", {"invitation": invitation, "link": "l", "invited_by": None}, language="en")
    assert subject == "You are invited to Samverka"
    assert "Hello Stina," in text


def test_text_body_is_not_html_escaped(invitation):
    invitation.name = "Åsa & Bo"
    _, text, html = emails.render("invitation", {"invitation": invitation, "link": "l", "invited_by": None})
    assert "Hej Åsa & Bo!" in text
    assert "Åsa &amp; Bo" in html


def test_send_is_multipart_over_real_smtp(invitation, smtp_server):
    sent = emails.send("invitation", to="stina@example.org", context={"invitation": invitation, "link": "l", "invited_by": None})
    assert sent == 1
    [mail] = smtp_server.wait_for(1)
    assert mail["message"].is_multipart()
    assert mail["to"] == ["stina@example.org"]
    assert mail["from"] == "Samverka <noreply@samverka.invalid>"
    assert mail["text"] and mail["html"]


def test_a_known_person_is_invited_in_their_own_language(coordinator, leader_b):
    leader_b.language = "en"
    leader_b.save(update_fields=["language"])
    invitations = invite_people(invited_by=coordinator, addresses=["bengt@example.org", "new@example.org"], language="sv")
    assert [i.language for i in invitations] == ["en", "sv"]


def test_send_carries_attachments_over_real_smtp(invitation, smtp_server):
    ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    emails.send(
        "invitation",
        to="stina@example.org",
        context={"invitation": invitation, "link": "l", "invited_by": None},
        attachments=[("traff.ics", ics, "text/calendar")],
    )
    [mail] = smtp_server.wait_for(1)
    [part] = list(mail["message"].iter_attachments())
    assert part.get_filename() == "traff.ics"
    assert part.get_content_type() == "text/calendar"
    assert part.get_content().replace("\r\n", "\n") == ics.replace("\r\n", "\n")
    assert mail["text"] and mail["html"]


# --- Sent once: send(once=…) for mail from tasks ----------------------------------------------


def send_once(invitation, key):
    context = {"invitation": invitation, "link": "l", "invited_by": None}
    return emails.send("invitation", to="stina@example.org", context=context, once=key)


def test_a_mail_sent_once_is_recorded_and_skipped_the_second_time(invitation, smtp_server):
    key = emails.message_id("test", 1)
    assert send_once(invitation, key) == 1
    assert send_once(invitation, key) == 0
    [mail] = smtp_server.messages
    assert mail["message"]["Message-ID"] == key == "<test.1@127.0.0.1>"
    assert list(SentMail.objects.values_list("key", flat=True)) == [key]


def test_another_key_is_another_mail(invitation, smtp_server):
    assert send_once(invitation, emails.message_id("test", 1)) == 1
    assert send_once(invitation, emails.message_id("test", 2)) == 1
    assert len(smtp_server.messages) == 2


def test_deleting_the_record_lets_the_mail_go_again(invitation, smtp_server):
    key = emails.message_id("test", 1)
    send_once(invitation, key)
    SentMail.objects.filter(key=key).delete()
    assert send_once(invitation, key) == 1
    assert len(smtp_server.messages) == 2


def test_a_mail_the_server_refused_is_not_recorded(invitation, smtp_server, settings):
    import smtplib
    import socket

    with socket.socket() as probe:  # a port where nobody listens
        probe.bind(("127.0.0.1", 0))
        settings.EMAIL_PORT = probe.getsockname()[1]
    with pytest.raises((smtplib.SMTPException, OSError)):
        send_once(invitation, emails.message_id("test", 1))
    assert not SentMail.objects.exists()


def test_a_key_too_long_to_record_is_refused_before_sending(invitation, smtp_server):
    with pytest.raises(ValueError, match="message id too long to record"):
        send_once(invitation, emails.message_id("test", "x" * 250))
    assert smtp_server.messages == []


def test_stamp_is_exact_to_the_microsecond():
    moment = datetime.datetime(2026, 3, 1, 9, 30, 15, 123457, tzinfo=datetime.UTC)
    assert emails.stamp(moment) == 1772357415123457
    assert emails.stamp(moment + datetime.timedelta(microseconds=1)) == 1772357415123458
