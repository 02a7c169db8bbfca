"""The attendance and engagement pages in Chromium, checked by axe-core: with every group of
registrations, a report with rows to match by hand, a refused upload, both languages."""

import datetime

import pytest
from django.utils import timezone

from conftest import PASSWORD
from tests.browser.conftest import browser, visitor  # noqa: F401  (the browser fixtures)

from .conftest import zoom_report

pytestmark = pytest.mark.browser


@pytest.fixture
def setting(transactional_db, make_project, portfolio, other_portfolio):
    from samverka.accounts.models import User
    from samverka.meetings.attendance import import_report
    from samverka.meetings.models import Event, Registration

    cora = User.objects.create_user(email="cora@example.org", password=PASSWORD, name="Cora Koordinator", is_staff=True)
    starts = timezone.now() - datetime.timedelta(days=2)
    event = Event.objects.create(
        title="Projektledarträff", starts_at=starts, ends_at=starts + datetime.timedelta(hours=3), status="published"
    )
    event.invited_portfolios.set([portfolio, other_portfolio])
    for number, status in enumerate(["registered", "registered", "registered", "waiting", "cancelled", "pending"]):
        project = make_project(title=f"Projekt {number}", portfolio=[portfolio, other_portfolio][number % 2])
        Registration.objects.create(
            event=event, name=f"Person {number}", email=f"person{number}@example.org", project=project, status=status
        )
    rows = [
        ("Person 0", "person0@example.org", "11/25/2021 09:00:00 AM", "11/25/2021 11:00:00 AM", "120"),
        ("Person 1", "", "11/25/2021 09:00:00 AM", "11/25/2021 10:00:00 AM", "60"),
        ("Okänd Gäst", "okand@example.com", "11/25/2021 09:05:00 AM", "11/25/2021 09:35:00 AM", "30"),
    ]
    import_report(event=event, data=zoom_report(rows), filename="participants.csv", uploaded_by=cora)
    return event


def test_attendance_and_engagement_pages_pass_axe(visitor, setting, tmp_path):
    visitor.sign_in("cora@example.org", PASSWORD)
    for prefix in ["", "/en"]:
        visitor.goto(f"{prefix}/traffar/{setting.pk}/narvaro/")
        visitor.goto(f"{prefix}/traffar/engagemang/")

    # A refused upload: the message next to the field.
    foreign = tmp_path / "projekt.csv"
    foreign.write_text("Ärendenummer,Projektnamn\n20200181,Vätgas\n", encoding="utf-8")
    visitor.goto(f"/en/traffar/{setting.pk}/narvaro/")
    visitor.page.set_input_files("input[name=file]", str(foreign))
    with visitor.page.expect_navigation():
        visitor.page.locator("form.report-upload button[type=submit]").click()
    assert "not a participant report from Zoom or Teams" in visitor.page.inner_text("#id_file_error")
    visitor.check()

    # Tick by keyboard-reachable checkboxes and save; match the unknown guest by hand.
    visitor.goto(f"/en/traffar/{setting.pk}/narvaro/")
    visitor.page.get_by_label("Person 2").check()
    with visitor.page.expect_navigation():
        visitor.page.get_by_role("button", name="Save attendance").click()
    assert "Attendance is saved" in visitor.page.inner_text(".messages")
    visitor.page.get_by_label("Registration of Okänd Gäst").select_option(label="Person 3 (person3@example.org)")
    with visitor.page.expect_navigation():
        visitor.page.get_by_role("button", name="Match").click()
    assert "Person 3 is marked as attended." in visitor.page.inner_text(".messages")
    visitor.check()
