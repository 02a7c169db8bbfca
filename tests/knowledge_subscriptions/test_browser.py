"""Subscribing in Chromium: a visitor subscribes, the confirmation mail arrives at a real SMTP
server, the visitor opens its link and is confirmed, changes the choices, and unsubscribes.
axe-core runs on every subscription page, in Swedish and in English."""

import pytest
from django.conf import settings

from tests.browser.conftest import browser, visitor  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture
def registry(transactional_db):
    from samverka.registry.models import Portfolio, ProgrammePeriod, Region, ThemeArea

    period = ProgrammePeriod.objects.create(name="2014–2020", start_year=2014, end_year=2020)
    theme = ThemeArea.objects.create(period=period, code="TO4", name="Koldioxidsnål ekonomi")
    Portfolio.objects.create(theme=theme, name="Förnybar energi", name_en="Renewable energy", slug="fornybar-energi")
    area = Region.objects.create(kind=Region.Kind.AREA, code="SE33", name="Övre Norrland", slug="ovre-norrland")
    Region.objects.create(kind=Region.Kind.COUNTY, code="25", name="Norrbottens län", slug="norrbotten", parent=area)


def run_worker():
    from django.core.management import call_command

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_visitor_subscribes_confirms_changes_and_unsubscribes(visitor, registry, smtp_server, prefix):
    from samverka.knowledge.models import Subscription

    page = visitor.page
    visitor.goto(f"{prefix}/prenumerera/")
    # Nothing chosen: the page answers with the messages next to the fields, under axe too.
    with page.expect_navigation():
        page.locator("main form.subscription-form button[type=submit]").click()
    visitor.check()
    assert page.locator("#id_email_error").is_visible() and page.locator("#id_content_kinds_error").is_visible()

    page.fill("input[name=email]", "gunnel@example.net")
    page.check("input[value=news]")
    page.check("input[value='event:webinar']")
    page.check("input[name=portfolios]")
    page.check("input[value=immediate]")
    with page.expect_navigation():
        page.locator("main form.subscription-form button[type=submit]").click()
    visitor.check()
    assert "gunnel@example.net" in page.locator(".messages").inner_text()
    assert Subscription.objects.get().confirmed_at is None

    run_worker()
    [mail] = smtp_server.wait_for(1)
    assert mail["to"] == ["gunnel@example.net"]
    link = next(line for line in mail["text"].splitlines() if "/prenumeration/bekrafta/" in line).strip()
    assert link.startswith(f"{settings.SITE_URL}{prefix}/prenumeration/bekrafta/")

    visitor.goto(link.removeprefix(settings.SITE_URL))
    assert "gunnel@example.net" in page.locator("main").inner_text()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    visitor.check()
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is not None and subscription.frequency == "immediate"
    assert page.url.endswith(f"{prefix}/prenumeration/{subscription.token}/")

    # The link again: "already confirmed", on a page that passes axe.
    visitor.goto(link.removeprefix(settings.SITE_URL))
    assert page.locator("main form button[type=submit]").count() == 0

    # Change the choices by the secret link, by keyboard.
    visitor.goto(f"{prefix}/prenumeration/{subscription.token}/")
    page.locator("input[value=weekly]").focus()
    page.keyboard.press("Space")
    with page.expect_navigation():
        page.locator("main form.subscription-form button[type=submit]").click()
    visitor.check()
    subscription.refresh_from_db()
    assert subscription.frequency == "weekly"

    # Unsubscribe: the link in the mail asks first, the button ends it.
    visitor.goto(f"{prefix}/prenumeration/{subscription.token}/avsluta/")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    visitor.check()
    assert not Subscription.objects.exists()
    visitor.goto(f"{prefix}/prenumeration/{subscription.token}/avsluta/")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_refused_links_and_the_signed_in_page_pass_axe(visitor, registry, prefix):
    from samverka.accounts.models import User

    visitor.goto(f"{prefix}/prenumeration/bekrafta/garbled-link/")
    assert visitor.page.locator("main .message").count() == 1
    User.objects.create_user(email="petra@example.org", password="correct-horse-battery-9", name="Petra")
    visitor.sign_in("petra@example.org", "correct-horse-battery-9")
    visitor.goto(f"{prefix}/prenumerera/")
    page = visitor.page
    page.check("input[value=tip]")
    with page.expect_navigation():
        page.locator("main form.subscription-form button[type=submit]").click()
    visitor.check()
    assert page.locator("main form.subscription-end button").is_visible()
