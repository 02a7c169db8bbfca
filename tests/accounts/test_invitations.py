"""A coordinator invites people by e-mail; the invited accept through the link in the mail."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user

from conftest import PASSWORD
from samverka.accounts.models import Audience, Invitation, User
from samverka.accounts.services import accept_invitation, invite_people, send_invitation
from samverka.accounts.tasks import send_invitation_task
from samverka.registry.models import ProjectRole

pytestmark = pytest.mark.django_db

INVITE = "/en/konto/bjud-in/"


def audience(code):
    return Audience.objects.get(code=code)


def invite(client, captured, **fields):
    data = {"emails": "", "name": "", "audiences": [], "case_number": "", "role": ""}
    data.update(fields)
    with captured(execute=True):
        return client.post(INVITE, data)


def assert_mail_says(mail, *phrases):
    """One helper for both bodies: each phrase is in the text and in the HTML of the mail."""
    for phrase in phrases:
        assert phrase in mail["text"], f"{phrase!r} missing from the text body"
        assert phrase in mail["html"], f"{phrase!r} missing from the HTML body"


def link_in(mail):
    return re.search(r"http://127\.0\.0\.1:8000(/\S*konto/inbjudan/[\w-]+/)", mail["text"]).group(1)


# Who may invite


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/konto/bjud-in/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")


def test_project_leader_is_forbidden(leader_a_client):
    assert leader_a_client.get(INVITE).status_code == 403
    assert leader_a_client.post(INVITE, {"emails": "x@example.org"}).status_code == 403
    assert not Invitation.objects.exists()


def test_wrong_method_is_405(coordinator_client):
    assert coordinator_client.delete(INVITE).status_code == 405


def test_coordinator_sees_the_form(coordinator_client):
    html = coordinator_client.get(INVITE).content.decode()
    assert html.count("<h1") == 1
    assert 'for="id_emails"' in html and "<legend>Audiences</legend>" in html
    assert "No invitations yet." in html


def test_project_from_the_query_prefills_the_case_number(coordinator_client, project_a):
    html = coordinator_client.get(INVITE + f"?project={project_a.pk}").content.decode()
    assert 'value="20200181"' in html


# The happy path, with a real SMTP server


def test_cora_invites_two_leaders_and_the_mails_arrive(
    coordinator_client, coordinator, project_a, smtp_server, django_capture_on_commit_callbacks
):
    response = invite(
        coordinator_client,
        django_capture_on_commit_callbacks,
        emails="stina@example.org, Tove@Example.org\nstina@example.org",
        audiences=[audience("project_leader").pk],
        case_number="20200181",
        role="leader",
    )
    assert response.status_code == 302
    invitations = list(Invitation.objects.order_by("email"))
    assert [i.email for i in invitations] == ["stina@example.org", "tove@example.org"]  # duplicates merged
    assert all(i.project == project_a and i.role == "leader" and i.invited_by == coordinator for i in invitations)
    assert len({i.token for i in invitations}) == 2

    mails = smtp_server.wait_for(2)
    assert sorted(m["to"][0] for m in mails) == ["stina@example.org", "tove@example.org"]
    mail = mails[0]
    assert mail["subject"] == "You are invited to Samverka"
    assert_mail_says(mail, "Cora Koordinator invites you to Samverka", "You will be project leader in the project Vätgas i Norrbotten.")
    assert link_in(mail) in mail["html"]
    for invitation in Invitation.objects.all():
        assert invitation.sent_at is not None


def test_mail_is_in_swedish_when_invited_from_the_swedish_page(
    coordinator_client, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post("/konto/bjud-in/", {"emails": "stina@example.org", "name": "Stina"})
    [mail] = smtp_server.wait_for(1)
    assert mail["subject"] == "Du är inbjuden till Samverka"
    assert_mail_says(mail, "Hej Stina!", "Cora Koordinator bjuder in dig till Samverka")
    assert link_in(mail).startswith("/konto/inbjudan/")


def test_the_sending_task_run_twice_sends_one_mail(coordinator, smtp_server):
    """As when the worker was killed after sending and ``requeue_stuck_tasks`` queued the task again."""
    [invitation] = invite_people(invited_by=coordinator, addresses=["stina@example.org"], language="en")
    send_invitation_task.call(invitation_id=invitation.pk)
    send_invitation_task.call(invitation_id=invitation.pk)
    [mail] = smtp_server.messages
    assert mail["to"] == ["stina@example.org"] and mail["subject"] == "You are invited to Samverka"
    stamp = int(invitation.created_at.timestamp())
    assert mail["message"]["Message-ID"] == f"<account-invitation.{invitation.pk}.{stamp}@127.0.0.1>"
    invitation.refresh_from_db()
    assert invitation.sent_at is not None


def test_a_new_invitation_to_the_same_address_is_a_new_mail(coordinator, smtp_server):
    [first] = invite_people(invited_by=coordinator, addresses=["stina@example.org"], language="en")
    [second] = invite_people(invited_by=coordinator, addresses=["stina@example.org"], language="en")
    for invitation in (first, second, first, second):
        send_invitation_task.call(invitation_id=invitation.pk)
    assert [mail["to"] for mail in smtp_server.messages] == [["stina@example.org"]] * 2
    assert link_in(smtp_server.messages[0]) != link_in(smtp_server.messages[1])


def test_no_mail_before_commit(coordinator_client, mailbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        coordinator_client.post(INVITE, {"emails": "stina@example.org"})
    assert mailbox == [] and len(callbacks) == 1
    assert Invitation.objects.get().sent_at is None


def test_new_person_accepts_and_gets_tags_and_role(client, coordinator, project_a, smtp_server):
    [invitation] = invite_people(
        invited_by=coordinator,
        addresses=["stina@example.org"],
        name="Stina",
        audiences=[audience("project_leader")],
        project=project_a,
        role=ProjectRole.Role.COMMUNICATOR,
        language="en",
    )
    send_invitation(invitation=invitation)  # what the task does after commit
    [mail] = smtp_server.wait_for(1)
    path = link_in(mail)
    assert path.startswith("/en/")

    html = client.get(path).content.decode()
    assert "Your account will use the address stina@example.org." in html
    assert 'value="Stina"' in html
    response = client.post(path, {"name": "Stina Spridare", "password1": "a-long-password-77", "password2": "a-long-password-77"})
    assert response.status_code == 302
    assert response["Location"] == "/en/konto/profil/"

    stina = User.objects.get(email="stina@example.org")
    assert get_user(client) == stina
    assert stina.name == "Stina Spridare" and stina.language == "en"
    assert [a.code for a in stina.audiences.all()] == ["project_leader"]
    assert ProjectRole.objects.get(person=stina).role == "communicator"
    assert EmailAddress.objects.get(user=stina).verified
    invitation.refresh_from_db()
    assert invitation.accepted_by == stina and invitation.accepted_at


def test_signed_in_person_accepts_for_themselves(leader_b_client, leader_b, coordinator, project_a):
    [invitation] = invite_people(
        invited_by=coordinator, addresses=["bengt@example.org"], project=project_a, role="member",
        audiences=[audience("other_actor")],
    )
    path = f"/en/konto/inbjudan/{invitation.token}/"
    assert "You are signed in as bengt@example.org." in leader_b_client.get(path).content.decode()
    response = leader_b_client.post(path)
    assert response.status_code == 302
    assert ProjectRole.objects.get(person=leader_b, project=project_a).role == "member"
    assert leader_b.audiences.filter(code="other_actor").exists()


def test_existing_account_is_asked_to_sign_in(client, leader_b, coordinator):
    [invitation] = invite_people(invited_by=coordinator, addresses=["bengt@example.org"])
    path = f"/en/konto/inbjudan/{invitation.token}/"
    response = client.get(path)
    html = response.content.decode()
    assert "There is already an account with the address bengt@example.org." in html
    assert f"/en/konto/login/?next={path.replace('/', '%2F')}" in html
    assert client.post(path, {"name": "X", "password1": PASSWORD, "password2": PASSWORD}).status_code == 200
    assert not Invitation.objects.get().accepted_at


def test_accepted_invitation_cannot_be_used_again(client, leader_b, coordinator):
    [invitation] = invite_people(invited_by=coordinator, addresses=["bengt@example.org"])
    accept_invitation(invitation=invitation, person=leader_b)
    response = client.get(f"/en/konto/inbjudan/{invitation.token}/")
    assert response.status_code == 410
    assert "This invitation has already been accepted." in response.content.decode()
    with pytest.raises(ValueError):
        accept_invitation(invitation=invitation, person=leader_b)


def test_unknown_token_is_404_with_a_clear_message(client, db):
    response = client.get("/en/konto/inbjudan/no-such-token/")
    assert response.status_code == 404
    assert "We do not know this invitation link." in response.content.decode()


def test_accept_wrong_method_is_405(client, coordinator):
    [invitation] = invite_people(invited_by=coordinator, addresses=["stina@example.org"])
    assert client.put(f"/konto/inbjudan/{invitation.token}/").status_code == 405


def test_different_passwords_when_accepting(client, coordinator):
    [invitation] = invite_people(invited_by=coordinator, addresses=["stina@example.org"])
    response = client.post(
        f"/en/konto/inbjudan/{invitation.token}/",
        {"name": "Stina", "password1": "a-long-password-77", "password2": "a-long-password-78"},
    )
    html = response.content.decode()
    assert 'id="id_password2_error"' in html and "The two passwords differ." in html
    assert not User.objects.filter(email="stina@example.org").exists()


def test_weak_password_when_accepting(client, coordinator):
    [invitation] = invite_people(invited_by=coordinator, addresses=["stina@example.org"])
    response = client.post(
        f"/en/konto/inbjudan/{invitation.token}/", {"name": "Stina", "password1": "1234567890", "password2": "1234567890"}
    )
    html = response.content.decode()
    assert 'id="id_password1_error"' in html
    assert "This password is entirely numeric." in html
    assert 'value="Stina"' in html


# Bad input on the invite form: each its own message, next to the field, nothing lost


def test_bad_address_is_named_and_nothing_is_lost(coordinator_client, django_capture_on_commit_callbacks):
    response = invite(coordinator_client, django_capture_on_commit_callbacks, emails="stina@example.org\nnot-an-address")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_emails_error"' in html
    assert "This is not a valid e-mail address: not-an-address" in html
    assert "stina@example.org\nnot-an-address</textarea>" in html
    assert not Invitation.objects.exists()


def test_several_bad_addresses_are_all_named(coordinator_client, django_capture_on_commit_callbacks):
    response = invite(coordinator_client, django_capture_on_commit_callbacks, emails="a@, b@example")
    assert "These are not valid e-mail addresses: a@, b@example" in response.content.decode()


def test_no_address(coordinator_client, django_capture_on_commit_callbacks):
    response = invite(coordinator_client, django_capture_on_commit_callbacks, emails=" , \n")
    assert "Enter at least one e-mail address." in response.content.decode()


def test_unknown_case_number(coordinator_client, django_capture_on_commit_callbacks, project_a):
    response = invite(
        coordinator_client, django_capture_on_commit_callbacks, emails="stina@example.org", case_number="99999999", role="leader"
    )
    assert "No project has the case number 99999999." in response.content.decode()


def test_project_without_role(coordinator_client, django_capture_on_commit_callbacks, project_a):
    response = invite(coordinator_client, django_capture_on_commit_callbacks, emails="stina@example.org", case_number="20200181")
    html = response.content.decode()
    assert 'id="id_role_error"' in html
    assert "Choose the role the invited people will have in the project." in html


def test_role_without_project(coordinator_client, django_capture_on_commit_callbacks):
    response = invite(coordinator_client, django_capture_on_commit_callbacks, emails="stina@example.org", role="leader")
    assert "Enter the case number of the project the role is in." in response.content.decode()


def test_name_with_several_addresses(coordinator_client, django_capture_on_commit_callbacks):
    response = invite(coordinator_client, django_capture_on_commit_callbacks, emails="a@example.org, b@example.org", name="Stina")
    assert "Leave the name empty when you invite several people at once." in response.content.decode()


# The list of invitations


def test_list_shows_status(coordinator_client, coordinator, leader_b, project_a):
    sent, accepted, waiting = invite_people(
        invited_by=coordinator, addresses=["sent@example.org", "bengt@example.org", "waiting@example.org"]
    )
    Invitation.objects.filter(pk=sent.pk).update(sent_at="2026-01-01T10:00:00Z")
    accept_invitation(invitation=accepted, person=leader_b)
    html = coordinator_client.get(INVITE).content.decode()
    row = lambda email: re.search(rf"<tr>\s*<td>{re.escape(email)}.*?</tr>", html, re.S).group(0)  # noqa: E731
    assert "sent" in row("sent@example.org")
    assert "accepted" in row("bengt@example.org")
    assert "waiting to be sent" in row("waiting@example.org")


def test_list_query_count_does_not_grow(coordinator_client, coordinator, project_a, django_assert_num_queries):
    invite_people(invited_by=coordinator, addresses=["one@example.org"], audiences=[audience("other_actor")])
    with django_assert_num_queries(5):
        coordinator_client.get(INVITE)
    invite_people(
        invited_by=coordinator,
        addresses=[f"p{n}@example.org" for n in range(20)],
        audiences=[audience("other_actor"), audience("project_leader")],
        project=project_a,
        role="member",
    )
    with django_assert_num_queries(5):
        coordinator_client.get(INVITE)


def test_swedish_message_after_inviting_several(coordinator_client, mailbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post("/konto/bjud-in/", {"emails": "a@example.org\nb@example.org"}, follow=True)
    assert "Inbjudningar är på väg till 2 adresser." in response.content.decode()
    assert len(mailbox) == 2
