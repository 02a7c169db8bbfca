"""invitations.py: who is invited, sending in the background exactly once, retries, answers."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from samverka.accounts.models import Audience
from samverka.meetings import invitations
from samverka.meetings.models import Event, Invitation
from samverka.registry.models import ProjectRole


def emails_of(event):
    return sorted(event.invitations.values_list("email", flat=True))


# --- who is invited -------------------------------------------------------------------------


@pytest.mark.django_db
def test_leaders_of_the_portfolios_projects_are_invited_with_their_project(
    webinar, portfolio, leader_a, leader_b, project_a, coordinator
):
    created = invitations.invite(event=webinar, portfolios=[portfolio], invited_by=coordinator)
    assert sorted((i.email, i.project_id, i.person_id) for i in created) == [
        ("alva@example.org", project_a.pk, leader_a.pk),
        ("bengt@example.org", leader_b.project_roles.get().project_id, leader_b.pk),
    ]
    assert {i.status for i in created} == {Invitation.Status.QUEUED}


@pytest.mark.django_db
def test_members_who_are_not_leaders_are_not_invited(webinar, portfolio, project_a, participant, coordinator):
    ProjectRole.objects.create(project=project_a, person=participant, role=ProjectRole.Role.MEMBER)
    assert invitations.invite(event=webinar, portfolios=[portfolio], invited_by=coordinator) == []


@pytest.mark.django_db
def test_leaders_in_other_portfolios_are_not_invited(webinar, other_portfolio, leader_a, coordinator):
    assert invitations.invite(event=webinar, portfolios=[other_portfolio], invited_by=coordinator) == []


@pytest.mark.django_db
def test_people_with_the_audience_tag_are_invited(webinar, official, participant, coordinator):
    audience = Audience.objects.get(code=Audience.Code.REGIONAL_OFFICIAL)
    invitations.invite(event=webinar, audiences=[audience], invited_by=coordinator)
    assert emails_of(webinar) == ["olof@example.org"]


@pytest.mark.django_db
def test_pasted_addresses_are_merged_case_insensitively_and_with_the_chosen(webinar, portfolio, leader_a, coordinator):
    created = invitations.invite(
        event=webinar,
        portfolios=[portfolio],
        addresses="Alva@Example.org\nstina@example.org, STINA@example.org; Kim Nilsson <kim@example.org>",
        invited_by=coordinator,
    )
    assert sorted(i.email for i in created) == ["alva@example.org", "kim@example.org", "stina@example.org"]


@pytest.mark.django_db
def test_a_pasted_address_of_a_known_person_is_linked_to_them(webinar, participant, coordinator):
    [invitation] = invitations.invite(event=webinar, addresses="Petra@example.org", invited_by=coordinator)
    assert invitation.person == participant


@pytest.mark.django_db
def test_bad_address_is_reported_exactly_and_nothing_is_saved(webinar, coordinator):
    def bad_addresses(language):
        with translation.override(language), pytest.raises(ValidationError) as caught:
            invitations.invite(
                event=webinar, addresses="stina@example.org\nalva@@example.org\nbengt", invited_by=coordinator
            )
        return caught.value.message_dict

    assert bad_addresses("en") == {
        "addresses": [
            "“alva@@example.org” is not a valid e-mail address.",
            "“bengt” is not a valid e-mail address.",
        ]
    }
    assert bad_addresses("sv")["addresses"][0] == "”alva@@example.org” är inte en giltig e-postadress."
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_inviting_again_keeps_the_existing_row(webinar, leader_a, portfolio, coordinator):
    [first] = invitations.invite(event=webinar, portfolios=[portfolio], invited_by=coordinator)
    Invitation.objects.filter(pk=first.pk).update(status=Invitation.Status.OPENED)
    again = invitations.invite(
        event=webinar, portfolios=[portfolio], addresses="ALVA@example.org", invited_by=coordinator
    )
    assert again == []
    assert list(webinar.invitations.values_list("pk", "status")) == [(first.pk, "opened")]


@pytest.mark.django_db
def test_sending_waits_for_the_commit(webinar, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invitations.invite(event=webinar, addresses="stina@example.org", invited_by=coordinator)
    assert len(callbacks) == 1
    assert not DBTaskResult.objects.exists()


# --- sending over real SMTP ------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_invitation_mail_has_event_links_and_ics_without_video_link(
    webinar, portfolio, leader_a, coordinator, smtp_server, run_worker, parse_ics
):
    invitations.invite(event=webinar, portfolios=[portfolio], invited_by=coordinator)
    run_worker()
    [mail] = smtp_server.wait_for(1)
    invitation = Invitation.objects.get()
    assert mail["to"] == ["alva@example.org"]
    assert mail["subject"].strip().endswith(f": {webinar.title}")  # Swedish by default
    for body in (mail["text"], mail["html"]):
        assert "Alva Ledare" in body
        assert webinar.title in body
        assert f"/traffar/inbjudan/{invitation.token}/" in body
        assert f"/traffar/inbjudan/{invitation.token}/avboj/" in body
        assert "Vätgas i Norrbotten" in body
        assert "zoom.example.org" not in body
    [attachment] = list(mail["message"].iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    ics = attachment.get_content()
    assert "zoom.example.org" not in ics
    calendar = parse_ics(ics.replace("\n", "\r\n") if "\r\n" not in ics else ics)
    assert calendar.all("VEVENT")[0].get("UID") == f"{webinar.uid}@samverka"
    assert invitation.status == Invitation.Status.SENT and invitation.attempts == 1 and invitation.sent_at


@pytest.mark.django_db(transaction=True)
def test_invitation_goes_out_in_the_persons_language(webinar, participant, coordinator, smtp_server, run_worker):
    participant.language = "en"
    participant.save(update_fields=["language"])
    invitations.invite(event=webinar, addresses="petra@example.org", invited_by=coordinator)
    run_worker()
    [mail] = smtp_server.wait_for(1)
    assert mail["subject"].strip() == f"Invitation: {webinar.title}"
    assert "Hello Petra Deltagare," in mail["text"]
    assert "/en/traffar/inbjudan/" in mail["text"]


@pytest.mark.django_db(transaction=True)
def test_worker_stopped_midway_and_started_again_sends_each_exactly_once(
    webinar, coordinator, smtp_server, run_worker
):
    addresses = [f"person{n}@example.org" for n in range(10)]
    invitations.invite(event=webinar, addresses="\n".join(addresses), invited_by=coordinator)
    run_worker(max_tasks=4)  # the worker stops ("is killed") after four
    smtp_server.wait_for(4)
    assert Invitation.objects.filter(status=Invitation.Status.SENT).count() == 4
    assert Invitation.objects.filter(status=Invitation.Status.QUEUED).count() == 6
    run_worker()  # started again
    run_worker()  # and once more: nothing left to do
    mails = smtp_server.wait_for(10)
    assert len(mails) == 10
    assert sorted(m["to"][0] for m in mails) == sorted(addresses)
    assert Invitation.objects.filter(status=Invitation.Status.SENT).count() == 10


@pytest.mark.django_db(transaction=True)
def test_a_task_run_twice_sends_once(webinar, coordinator, smtp_server, run_worker):
    [invitation] = invitations.invite(event=webinar, addresses="stina@example.org", invited_by=coordinator)
    run_worker()
    invitations.enqueue_sending([invitation.pk])  # e.g. a task left behind by a stopped worker
    run_worker()
    assert invitations.deliver_invitation(invitation_id=invitation.pk) == "skipped"
    assert len(smtp_server.wait_for(1)) == 1
    assert Invitation.objects.get().attempts == 1


@pytest.mark.django_db(transaction=True)
def test_failed_send_is_recorded_retried_later_and_by_hand(
    webinar, coordinator, smtp_server, run_worker, closed_port, settings
):
    settings.EMAIL_PORT = closed_port  # the mail server is down
    settings.EMAIL_TIMEOUT = 5
    [invitation] = invitations.invite(event=webinar, addresses="stina@example.org", invited_by=coordinator)
    run_worker()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.FAILED
    assert invitation.attempts == 1
    assert "ConnectionRefusedError" in invitation.last_error
    # the task has put itself back in the queue, to run after a delay
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after is not None
    assert retry.args_kwargs["kwargs"] == {"invitation_id": invitation.pk}

    settings.EMAIL_PORT = smtp_server.port  # the server is back
    assert invitations.retry_invitations(event=webinar) == 1
    run_worker()
    [mail] = smtp_server.wait_for(1)
    assert mail["to"] == ["stina@example.org"]
    invitation.refresh_from_db()
    assert (invitation.status, invitation.attempts, invitation.last_error) == ("sent", 1, "")
    # the delayed automatic retry finds it sent and sends nothing
    assert invitations.deliver_invitation(invitation_id=invitation.pk) == "skipped"
    assert len(smtp_server.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_three_failures_stop_the_automatic_retries(webinar, coordinator, run_worker, closed_port, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
    [invitation] = invitations.invite(event=webinar, addresses="stina@example.org", invited_by=coordinator)
    for _ in range(3):
        invitations.deliver_invitation(invitation_id=invitation.pk)
    invitation.refresh_from_db()
    assert (invitation.status, invitation.attempts) == ("failed", 3)
    # the first task and two automatic retries; no fourth
    assert DBTaskResult.objects.count() == 3


@pytest.mark.django_db
def test_no_invitation_is_sent_for_a_cancelled_event(webinar, coordinator, mailoutbox):
    [invitation] = invitations.invite(event=webinar, addresses="stina@example.org", invited_by=coordinator)
    Event.objects.filter(pk=webinar.pk).update(status=Event.Status.CANCELLED)
    assert invitations.deliver_invitation(invitation_id=invitation.pk) == "skipped"
    assert mailoutbox == []


# --- answers ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_opening_after_answering_keeps_the_answer(webinar, coordinator):
    [invitation] = invitations.invite(event=webinar, addresses="stina@example.org", invited_by=coordinator)
    invitations.decline(invitation=invitation)
    invitations.mark_opened(invitation=invitation)
    assert Invitation.objects.get().status == Invitation.Status.DECLINED


@pytest.mark.django_db
def test_status_counts_has_every_status(webinar, coordinator):
    invitations.invite(event=webinar, addresses="a@example.org b@example.org", invited_by=coordinator)
    counts = invitations.status_counts(webinar)
    assert counts["queued"] == 2 and counts["failed"] == 0 and set(counts) == set(Invitation.Status.values)
