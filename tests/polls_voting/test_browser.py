"""Voting in Chromium, axe-core on every poll page: vote, change the vote, see the results only
when allowed, and a ranked ballot filled in by keyboard alone."""

import datetime

import pytest

from tests.browser.conftest import browser, visitor  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture
def setting(transactional_db):
    from django.utils import timezone

    from samverka.accounts.models import User
    from samverka.polls.models import Poll, PollOption

    now = timezone.now()

    def poll(**fields):
        made = Poll.objects.create(
            title=fields.pop("title"), description="Välj ämne för **nästa** webbinarium.", status=Poll.Status.PUBLISHED,
            opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=7), **fields,
        )
        for order, title in enumerate(["Vätgas", "Cirkulärt byggande", "Tillgänglighet"]):
            PollOption.objects.create(poll=made, title=title, order=order)
        return made

    return {
        "single": poll(title="Ett ämne", results_visibility=Poll.Visibility.AFTER_VOTING),
        "ranked": poll(title="Rangordna ämnen", method=Poll.Method.RANKED),
        "score": poll(title="Fördela poäng", method=Poll.Method.SCORE),
        "approval": poll(title="Välj flera", method=Poll.Method.APPROVAL, max_choices=2),
        "petra": User.objects.create_user(email="petra@example.org", name="Petra Deltagare"),
        "cora": User.objects.create_user(email="cora@example.org", name="Cora Koordinator", is_staff=True),
    }


def become(visitor, person):
    from django.conf import settings
    from django.test import Client

    context = visitor.page.context
    context.clear_cookies()
    client = Client()
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": visitor.base_url}])


def test_vote_change_and_results(visitor, setting):
    from samverka.polls.models import Ballot

    poll = setting["single"]
    page = visitor.page
    visitor.goto("/en/omrostningar/")
    visitor.goto(f"/en/omrostningar/{poll.pk}/")
    become(visitor, setting["petra"])
    # Results after voting: not yet.
    assert page.request.get(visitor.base_url + f"/en/omrostningar/{poll.pk}/resultat/").status == 403
    visitor.goto(f"/en/omrostningar/{poll.pk}/")
    page.get_by_label("Vätgas").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save my ballot").click()
    visitor.check()
    assert page.get_by_role("heading", name="Your ballot").is_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Change your ballot").click()
    visitor.check()
    page.get_by_label("Tillgänglighet").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save my ballot").click()
    assert "Tillgänglighet" in page.locator("#your-ballot + ul").inner_text()
    assert Ballot.objects.filter(poll=poll).count() == 1
    with page.expect_navigation():
        page.get_by_role("link", name="See the results").click()
    visitor.check()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Results")


def test_ranked_ballot_by_keyboard_only(visitor, setting):
    from samverka.polls.models import Vote

    poll = setting["ranked"]
    page = visitor.page
    become(visitor, setting["petra"])
    visitor.goto(f"/en/omrostningar/{poll.pk}/")
    page.get_by_label("1st choice").focus()
    page.keyboard.type("Tillg")  # typing picks an option in a closed select
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # (none) -> Vätgas
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past the third place, to the button
    with page.expect_navigation():
        page.keyboard.press("Enter")
    visitor.check()
    ranked = list(Vote.objects.filter(ballot__poll=poll).order_by("rank").values_list("option__title", flat=True))
    assert ranked == ["Tillgänglighet", "Vätgas"]


def test_every_poll_page_passes_axe(visitor, setting):
    become(visitor, setting["cora"])
    for key in ("single", "ranked", "score", "approval"):
        poll = setting[key]
        visitor.goto(f"/en/omrostningar/{poll.pk}/")
        visitor.goto(f"/en/omrostningar/{poll.pk}/resultat/")
        visitor.goto(f"/omrostningar/{poll.pk}/")
    visitor.goto(f"/en/omrostningar/{setting['single'].pk}/forslag/")


def test_too_many_points_shows_the_error_and_passes_axe(visitor, setting):
    from samverka.polls.models import Ballot

    poll = setting["score"]
    page = visitor.page
    become(visitor, setting["petra"])
    visitor.goto(f"/en/omrostningar/{poll.pk}/")
    for title in ("Vätgas", "Cirkulärt byggande", "Tillgänglighet"):
        page.get_by_label(title).fill("4")
    with page.expect_navigation():
        page.get_by_role("button", name="Save my ballot").click()
    visitor.check()
    assert "At most 10 points in all." in page.get_by_role("alert").inner_text()
    assert not Ballot.objects.exists()
