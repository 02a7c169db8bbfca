"""The invitation pages and the calendar-address page in Chromium, checked by axe-core: the
invite form with a failed invitation in the list, the form with errors, the decline pages."""

import datetime

import pytest
from django.utils import timezone

from conftest import PASSWORD
from tests.browser.conftest import browser, visitor  # noqa: F401  (the browser fixtures)

pytestmark = pytest.mark.browser


@pytest.fixture
def setting(transactional_db, portfolio, other_portfolio, leader_a):
    from samverka.accounts.models import Audience, User
    from samverka.meetings.models import Event, Invitation

    User.objects.create_user(email="cora@example.org", password=PASSWORD, name="Cora Koordinator", is_staff=True)
    Audience.objects.get_or_create(code=Audience.Code.REGIONAL_OFFICIAL)
    starts = timezone.now() + datetime.timedelta(days=10)
    event = Event.objects.create(
        title="Kunskapswebbinarium", starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
        status="published", video_url="https://zoom.example.org/j/1",
    )
    event.invited_portfolios.set([portfolio])
    Invitation.objects.create(event=event, email="alva@example.org", person=leader_a, status="sent")
    Invitation.objects.create(event=event, email="stina@example.org", status="failed", attempts=3,
                              last_error="ConnectionRefusedError: [Errno 111] Connection refused")
    Invitation.objects.create(event=event, email="kim@example.org", status="declined")
    return event


def test_invitation_pages_pass_axe(visitor, setting):
    from samverka.meetings.models import Invitation

    token = Invitation.objects.get(email="stina@example.org").token
    for prefix in ["", "/en"]:
        visitor.goto(f"{prefix}/traffar/inbjudan/{token}/avboj/")
    with visitor.page.expect_navigation():
        visitor.page.locator("main form button[type=submit]").first.click()
    visitor.check()
    assert Invitation.objects.get(email="stina@example.org").status == "declined"

    visitor.sign_in("cora@example.org", PASSWORD)
    for prefix in ["", "/en"]:
        visitor.goto(f"{prefix}/traffar/{setting.pk}/inbjudningar/")
        visitor.goto(f"{prefix}/kalender/min/")
    # errors next to the fields
    visitor.goto(f"/en/traffar/{setting.pk}/inbjudningar/")
    visitor.page.fill("textarea[name=addresses]", "ok@example.org\nnot-an-address")
    with visitor.page.expect_navigation():
        visitor.page.locator("form.invite-form button[type=submit]").click()
    assert "“not-an-address” is not a valid e-mail address." in visitor.page.content()
    visitor.check()
