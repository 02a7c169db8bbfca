"""Registration in Chromium, with axe-core on every page: a person registers and sees the video
link, another joins the waiting list and moves up when the first cancels; a guest registers with
a mistake, then confirms by the link; the person's list and the coordinator's list."""

import datetime

import pytest

VIDEO = "https://zoom.example.org/j/99911122233"


@pytest.fixture
def setting(transactional_db):
    from django.utils import timezone

    from samverka.accounts.models import User
    from samverka.meetings.models import AgendaItem, Event

    starts = timezone.now() + datetime.timedelta(days=14)
    event = Event.objects.create(
        kind=Event.Kind.KNOWLEDGE_WEBINAR,
        title="Kunskapswebbinarium om vätgas",
        description="Erfarenheter från **tre projekt**.",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        video_url=VIDEO,
        dial_in="Ring 08-505 000 00",
        capacity=1,
        status=Event.Status.PUBLISHED,
    )
    AgendaItem.objects.create(event=event, starts_at=datetime.time(14, 0), ends_at=datetime.time(14, 15), title="Välkomna")
    return {
        "event": event,
        "petra": User.objects.create_user(email="petra@example.org", name="Petra Deltagare"),
        "olof": User.objects.create_user(email="olof@example.org", name="Olof Tjänsteperson"),
        "cora": User.objects.create_user(email="cora@example.org", name="Cora Koordinator", is_staff=True),
    }


def become(visitor, person):
    """Sign ``person`` in by giving the browser a session cookie (the sign-in page has its own test)."""
    from django.conf import settings
    from django.test import Client

    context = visitor.page.context
    context.clear_cookies()
    if person is None:
        return
    client = Client()
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": visitor.base_url}])


def click(visitor, name):
    with visitor.page.expect_navigation():
        visitor.page.get_by_role("button", name=name).click()


def test_register_wait_move_up_and_the_video_link(visitor, setting):
    event = setting["event"]
    page = visitor.page

    visitor.goto("/en/traffar/")
    assert page.locator("h1").count() == 1
    page.get_by_role("link", name=event.title).click()
    visitor.check()
    assert VIDEO not in page.content()

    become(visitor, setting["petra"])
    visitor.goto(f"/en/traffar/{event.pk}/")
    assert VIDEO not in page.content()
    click(visitor, "Register")
    visitor.check()
    assert "You are registered." in page.content()
    assert page.get_by_role("link", name="Open the video meeting").get_attribute("href") == VIDEO

    become(visitor, setting["olof"])
    visitor.goto(f"/en/traffar/{event.pk}/")
    click(visitor, "Join the waiting list")
    visitor.check()
    assert "You are on the waiting list." in page.content()
    assert VIDEO not in page.content()

    become(visitor, setting["petra"])
    visitor.goto(f"/en/traffar/{event.pk}/")
    click(visitor, "Cancel my registration")
    visitor.check()
    assert "Your registration is cancelled." in page.content()
    assert VIDEO not in page.content()
    visitor.goto("/en/traffar/mina/")

    become(visitor, setting["olof"])
    visitor.goto(f"/en/traffar/{event.pk}/")
    assert "You are registered." in page.content()
    assert VIDEO in page.content()

    become(visitor, setting["cora"])
    visitor.goto(f"/en/traffar/{event.pk}/anmalningar/")
    assert "olof@example.org" in page.content()


def test_a_guest_registers_confirms_and_cancels(visitor, setting):
    from samverka.meetings.models import Registration

    event = setting["event"]
    page = visitor.page
    visitor.goto(f"/en/traffar/{event.pk}/")
    page.fill("#id_guest-name", "Gunnel Gäst")
    page.fill("#id_guest-email", "gunnel@")
    click(visitor, "Register")
    visitor.check()  # the form with its errors
    assert page.locator("#id_guest-email_error").count() == 1
    assert page.input_value("#id_guest-name") == "Gunnel Gäst"

    page.fill("#id_guest-email", "gunnel@example.net")
    page.fill("#id_guest-organisation_name", "Luleå kommun")
    page.check("#id_guest-consent")
    click(visitor, "Register")
    visitor.check()
    assert "Almost done" in page.content()

    registration = Registration.objects.get(email="gunnel@example.net")
    visitor.goto(f"/en/traffar/anmalan/{registration.token}/bekrafta/")
    click(visitor, "Confirm my registration")
    visitor.check()
    assert "You are registered." in page.content()
    assert VIDEO in page.content()

    click(visitor, "Cancel my registration")
    visitor.check()
    assert "Your registration is cancelled." in page.content()
    assert VIDEO not in page.content()


def test_the_swedish_pages_pass_axe(visitor, setting):
    visitor.goto("/traffar/")
    visitor.goto("/traffar/tidigare/")
    visitor.goto(f"/traffar/{setting['event'].pk}/")
