"""The survey pages in Chromium, checked by axe-core: the form, its errors, the thanks, a used
link, an unknown link, and the coordinator's results with chart and table, in both languages."""

import datetime

import pytest
from django.utils import timezone

from conftest import PASSWORD
from tests.browser.conftest import browser, visitor  # noqa: F401  (the browser fixtures)

pytestmark = pytest.mark.browser


@pytest.fixture
def setting(transactional_db):
    from samverka.accounts.models import User
    from samverka.meetings import surveys
    from samverka.meetings.models import Event, Question, Registration, Survey, SurveyTicket

    User.objects.create_user(email="cora@example.org", password=PASSWORD, name="Cora Koordinator", is_staff=True)
    starts = timezone.now() - datetime.timedelta(days=2)
    event = Event.objects.create(
        title="Projektledarträff", starts_at=starts, ends_at=starts + datetime.timedelta(hours=3), status="published"
    )
    for number in range(4):
        Registration.objects.create(event=event, name=f"Person {number}", email=f"p{number}@example.org", attended=True)
    survey = Survey.objects.create(event=event, intro="Svaren är **anonyma**.")
    scale = Question.objects.create(survey=survey, order=1, kind="scale", text="Hur användbar var träffen?", required=True)
    choice = Question.objects.create(
        survey=survey, order=2, kind="choice", text="Vad gav mest?", choices=["Grupperna", "Inledningen"]
    )
    text = Question.objects.create(survey=survey, order=3, kind="text", text="Vad vill du ta upp nästa gång?")
    surveys.issue_tickets(survey=survey)
    tickets = list(SurveyTicket.objects.order_by("pk"))
    for ticket, value in zip(tickets[:2], ["4", "5"], strict=True):
        surveys.submit_answers(ticket=ticket, answers={scale.pk: value, choice.pk: "Grupperna", text.pk: "Mer tid."})
    return event, tickets


def test_survey_pages_pass_axe(visitor, setting):
    event, tickets = setting
    fresh, other = tickets[2], tickets[3]
    for prefix in ["", "/en"]:
        visitor.goto(f"{prefix}/traffar/enkat/{other.token}/")
    # The refusals answer 404 and 410, which visitor.goto does not accept: go there by hand.
    for path, status in [("/traffar/enkat/okand-lank/", 404), (f"/traffar/enkat/{tickets[0].token}/", 410)]:
        assert visitor.page.goto(visitor.base_url + path).status == status
        visitor.console_errors.clear()  # the browser reports the status itself as an error
        visitor.check()

    # Sent without the required answer: the error next to the question, by keyboard alone.
    visitor.goto(f"/traffar/enkat/{fresh.token}/")
    visitor.page.locator("main form button[type=submit]").click()
    visitor.page.wait_for_selector(".error-message")
    visitor.check()
    visitor.page.locator("input[type=radio][value='3']").check()
    visitor.page.locator("main form button[type=submit]").click()
    visitor.page.wait_for_selector("h1")
    assert "Tack" in visitor.page.locator("h1").inner_text() or "Thank" in visitor.page.locator("h1").inner_text()
    visitor.check()

    visitor.goto("/konto/login/", check=False)
    visitor.page.fill("input[name=login]", "cora@example.org")
    visitor.page.fill("input[name=password]", PASSWORD)
    visitor.page.locator("main form button[type=submit]").first.click()
    visitor.page.wait_for_url("**/konto/profil/")
    for prefix in ["", "/en"]:
        visitor.goto(f"{prefix}/traffar/{event.pk}/enkat/resultat/")
