"""Signing in with a password or a one-time code, signing up, out, password reset, rate limits."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user
from django.test import Client

from conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/konto/login/"


def code_in(body):
    return re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", body).group(1)


def signed_in(client):
    return get_user(client).is_authenticated


def test_login_page_wears_the_site_layout(client):
    response = client.get(LOGIN)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert 'class="site-header"' in html
    assert 'for="id_login"' in html and 'for="id_password"' in html


def test_swedish_on_the_login_page(client):
    html = client.get(LOGIN).content.decode()
    assert '<html lang="sv">' in html
    assert "Logga in med din e-postadress och ditt lösenord" in html


def test_english_on_the_english_login_page(client):
    html = client.get("/en" + LOGIN).content.decode()
    assert '<html lang="en">' in html
    assert "Sign in with your e-mail address and password" in html


def test_alva_signs_in_with_her_password(client, leader_a):
    response = client.post(LOGIN, {"login": "alva@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/konto/profil/"
    assert signed_in(client)


def test_address_is_not_case_sensitive(client, leader_a):
    client.post(LOGIN, {"login": "Alva@Example.org", "password": PASSWORD})
    assert signed_in(client)


def test_wrong_password_is_refused(client, leader_a):
    response = client.post("/en" + LOGIN, {"login": "alva@example.org", "password": "not-her-password"})
    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct." in response.content.decode()
    assert not signed_in(client)


def test_empty_password_is_named_next_to_the_field(client, leader_a):
    response = client.post("/en" + LOGIN, {"login": "alva@example.org", "password": ""})
    html = response.content.decode()
    assert 'id="id_password_error"' in html
    assert "This field is required." in html
    assert 'value="alva@example.org"' in html


def test_erased_person_cannot_sign_in(client, leader_a):
    from samverka.accounts.services import erase_person

    erase_person(person=leader_a)
    client.post(LOGIN, {"login": "alva@example.org", "password": PASSWORD})
    assert not signed_in(client)


def test_sixth_attempt_after_five_failures_is_refused_even_with_the_right_password(client, leader_a):
    for _ in range(5):
        response = client.post("/en" + LOGIN, {"login": "alva@example.org", "password": "guess-again"})
        assert "not correct" in response.content.decode()
    response = client.post("/en" + LOGIN, {"login": "alva@example.org", "password": PASSWORD})
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert not signed_in(client)


def test_failures_for_one_address_do_not_lock_out_another(client, leader_a, leader_b):
    for _ in range(5):
        client.post(LOGIN, {"login": "alva@example.org", "password": "guess-again"})
    client.post(LOGIN, {"login": "bengt@example.org", "password": PASSWORD})
    assert signed_in(client)


def test_login_by_code_from_a_real_mail(client, leader_a, smtp_server):
    response = client.post("/konto/login/code/", {"email": "alva@example.org"})
    assert response.status_code == 302
    [mail] = smtp_server.wait_for(1)
    assert mail["to"] == ["alva@example.org"]
    assert "Samverka" in mail["text"]
    assert code_in(mail["html"]) == code_in(mail["text"])  # the HTML part in the site's look
    code = code_in(mail["text"])

    response = client.post("/konto/login/code/confirm/", {"code": code})
    assert response.status_code == 302
    assert response["Location"] == "/konto/profil/"
    assert signed_in(client)


def test_wrong_code_is_refused(client, leader_a, smtp_server):
    client.post("/en/konto/login/code/", {"email": "alva@example.org"})
    smtp_server.wait_for(1)
    response = client.post("/en/konto/login/code/confirm/", {"code": "XXXXXX"})
    assert "Incorrect code." in response.content.decode()
    assert not signed_in(client)


def test_code_page_wears_the_site_layout(client, leader_a, smtp_server):
    client.post("/konto/login/code/", {"email": "alva@example.org"})
    html = client.get("/konto/login/code/confirm/").content.decode()
    assert 'class="site-header"' in html and html.count("<h1") == 1


def test_password_reset_by_the_link_in_a_real_mail(client, leader_a, smtp_server):
    response = client.post("/konto/password/reset/", {"email": "alva@example.org"})
    assert response.status_code == 302
    [mail] = smtp_server.wait_for(1)
    path = re.search(r"http://testserver(/konto/password/reset/key/\S+)", mail["text"]).group(1)
    assert f'href="http://testserver{path}"' in mail["html"]

    response = client.get(path)  # allauth moves the key into the session and redirects
    assert response.status_code == 302
    form_path = response["Location"]
    new_password = "a-new-long-password-42"
    response = client.post(form_path, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    leader_a.refresh_from_db()
    assert leader_a.check_password(new_password)
    assert signed_in(client)  # ACCOUNT_LOGIN_ON_PASSWORD_RESET


def test_password_reset_for_an_unknown_address_sends_no_link(client, db, smtp_server):
    response = client.post("/konto/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    messages = smtp_server.wait_for(1)  # allauth tells the address there is no account
    assert "/konto/password/reset/key/" not in messages[0]["text"]


def test_signup_creates_a_person_in_the_signup_language(client, mailbox):
    response = client.post(
        "/en/konto/signup/",
        {"email": "nina@example.org", "password1": "a-long-password-77", "password2": "a-long-password-77"},
    )
    assert response.status_code == 302
    from samverka.accounts.models import User

    nina = User.objects.get(email="nina@example.org")
    assert nina.language == "en"
    assert EmailAddress.objects.filter(user=nina, verified=False).exists()
    assert len(mailbox) == 1  # the confirmation mail


def test_signup_with_a_taken_address_is_refused(client, leader_a):
    response = client.post(
        "/en/konto/signup/",
        {"email": "alva@example.org", "password1": "a-long-password-77", "password2": "a-long-password-77"},
    )
    assert response.status_code == 200
    assert "A user is already registered with this email address." in response.content.decode()


def test_short_password_at_signup_is_refused_next_to_the_field(client, db):
    response = client.post("/en/konto/signup/", {"email": "nina@example.org", "password1": "short", "password2": "short"})
    html = response.content.decode()
    assert 'id="id_password1_error"' in html
    assert "This password is too short. It must contain at least 10 characters." in html


def test_logout_by_post(leader_a_client):
    response = leader_a_client.post("/konto/logout/")
    assert response.status_code == 302
    assert not signed_in(leader_a_client)


@pytest.mark.parametrize(
    "path",
    [
        "/konto/login/",
        "/konto/signup/",
        "/konto/login/code/",
        "/konto/password/reset/",
        "/konto/password/reset/done/",
    ],
)
def test_anonymous_allauth_pages_extend_base(client, db, path):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' in html and html.count("<h1") == 1, path


@pytest.mark.parametrize("path", ["/konto/logout/", "/konto/password/change/", "/konto/email/"])
def test_signed_in_allauth_pages_extend_base(leader_a_client, path):
    response = leader_a_client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' in html and html.count("<h1") == 1, path


def test_email_confirmation_link(client, mailbox):
    client.post(
        "/konto/signup/",
        {"email": "nina@example.org", "password1": "a-long-password-77", "password2": "a-long-password-77"},
    )
    path = re.search(r"http://testserver(/konto/confirm-email/\S+/)", mailbox[0].body).group(1)
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="nina@example.org").verified


def test_change_password(leader_a_client, leader_a):
    response = leader_a_client.post(
        "/konto/password/change/",
        {"oldpassword": PASSWORD, "password1": "another-long-pass-9", "password2": "another-long-pass-9"},
    )
    assert response.status_code == 302
    leader_a.refresh_from_db()
    assert leader_a.check_password("another-long-pass-9")


def test_fresh_client_is_not_signed_in(db):
    assert not signed_in(Client())
