"""The outcome page in Chromium, checked by axe-core in Swedish and English: the form, the
refused invitation in an anonymous poll (its message next to the box), and the webinar made."""

import datetime

import pytest
from django.utils import timezone

from conftest import PASSWORD
from tests.browser.conftest import browser, visitor  # noqa: F401  (the browser fixtures)

pytestmark = pytest.mark.browser


@pytest.fixture
def setting(transactional_db):
    from samverka.accounts.models import User
    from samverka.polls.models import Ballot, Poll, PollOption, Vote

    User.objects.create_user(email="cora@example.org", password=PASSWORD, name="Cora Koordinator", is_staff=True)
    now = timezone.now()
    poll = Poll.objects.create(
        title="Nästa kunskapswebbinarium", status="published", method="approval", anonymous=True,
        opens_at=now - datetime.timedelta(days=7), closes_at=now - datetime.timedelta(hours=1),
    )
    spread = PollOption.objects.create(poll=poll, title="Sprida resultat", description="Hur når vi ut?", order=1)
    PollOption.objects.create(poll=poll, title="Digitala mötesmetoder", order=2)
    for number in range(3):
        Vote.objects.create(ballot=Ballot.objects.create(poll=poll, key=f"k{number}"), option=spread)
    return poll


def test_the_outcome_page_passes_axe(visitor, setting):
    from samverka.meetings.models import Event

    visitor.sign_in("cora@example.org", PASSWORD)
    visitor.goto(f"/omrostningar/{setting.pk}/utfall/")
    visitor.goto(f"/en/omrostningar/{setting.pk}/utfall/")
    assert visitor.page.get_by_label("Sprida resultat").is_checked()

    visitor.page.get_by_label("Invite everyone who voted for this option").check()
    with visitor.page.expect_navigation():
        visitor.page.get_by_role("button", name="Create webinar from the winning option").click()
    assert "nobody knows who voted for what" in visitor.page.inner_text("#id_invite_voters_error")
    visitor.check()
    assert Event.objects.count() == 0

    visitor.page.get_by_label("Invite everyone who voted for this option").uncheck()
    with visitor.page.expect_navigation():
        visitor.page.get_by_role("button", name="Create webinar from the winning option").click()
    event = Event.objects.get()
    assert visitor.page.url.endswith(f"/admin/meetings/event/{event.pk}/change/")
