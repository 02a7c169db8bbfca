"""The account pages in Chromium, checked by axe-core: sign-in, codes, sign-up, password reset,
my account, invitations, erasure — with and without form errors."""

import pytest

from conftest import PASSWORD


@pytest.fixture
def people(transactional_db):
    from samverka.accounts.models import User
    from samverka.accounts.services import invite_people

    cora = User.objects.create_user(email="cora@example.org", password=PASSWORD, name="Cora Koordinator", is_staff=True)
    [invitation] = invite_people(invited_by=cora, addresses=["stina@example.org"], name="Stina")
    return {"cora": cora, "invitation": invitation}


def sign_in(visitor, email):
    visitor.goto("/konto/login/", check=False)
    visitor.page.fill("input[name=login]", email)
    visitor.page.fill("input[name=password]", PASSWORD)
    visitor.page.locator("main form button[type=submit]").first.click()
    visitor.page.wait_for_url("**/konto/profil/")


def submit(visitor):
    with visitor.page.expect_navigation():
        visitor.page.locator("main form button[type=submit]").first.click()


def test_anonymous_account_pages_pass_axe(visitor, people):
    for path in [
        "/konto/login/",
        "/en/konto/login/",
        "/konto/signup/",
        "/konto/login/code/",
        "/konto/password/reset/",
        f"/konto/inbjudan/{people['invitation'].token}/",
    ]:
        visitor.goto(path)
        assert visitor.page.locator("h1").count() == 1, path


def test_sign_in_errors_pass_axe(visitor, people):
    visitor.goto("/konto/login/", check=False)
    visitor.page.fill("input[name=login]", "cora@example.org")
    visitor.page.fill("input[name=password]", "fel-lösenord")
    submit(visitor)
    assert "lösenordet är felaktigt" in visitor.page.content()
    visitor.check()


def test_accept_form_errors_pass_axe(visitor, people):
    visitor.goto(f"/konto/inbjudan/{people['invitation'].token}/", check=False)
    visitor.page.fill("input[name=password1]", "1234567890")
    visitor.page.fill("input[name=password2]", "1234567890")
    submit(visitor)
    assert visitor.page.locator("#id_password1_error").count() == 1
    visitor.check()


def test_coordinator_pages_pass_axe(visitor, people):
    sign_in(visitor, "cora@example.org")
    for path in ["/konto/profil/", "/konto/bjud-in/", "/konto/radera/", "/konto/email/", "/konto/password/change/", "/konto/logout/"]:
        visitor.goto(path)
        assert visitor.page.locator("h1").count() == 1, path

    visitor.goto("/konto/bjud-in/", check=False)
    visitor.page.fill("textarea[name=emails]", "stina@example.org, inte-en-adress")
    submit(visitor)
    assert visitor.page.locator("#id_emails_error").count() == 1
    visitor.check()

    visitor.goto("/konto/profil/", check=False)
    visitor.page.fill("input[name=name]", "")
    submit(visitor)
    assert visitor.page.locator("#id_name_error").count() == 1
    visitor.check()


def test_code_confirmation_page_passes_axe(visitor, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    visitor.goto("/konto/login/code/", check=False)
    visitor.page.fill("input[name=email]", "cora@example.org")
    submit(visitor)
    visitor.page.wait_for_url("**/konto/login/code/confirm/")
    visitor.page.fill("input[name=code]", "FEL")
    submit(visitor)
    visitor.check()
