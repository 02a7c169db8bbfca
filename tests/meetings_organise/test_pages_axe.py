"""The organising pages in Chromium, checked by axe-core: copy, series with its preview, groups,
notes and attachments (with a refused upload), in Swedish and English; and the notes on the
event page after the event."""

import datetime

import pytest
from django.utils import timezone

from conftest import PASSWORD
from tests.browser.conftest import browser, visitor  # noqa: F401  (the browser fixtures)

pytestmark = pytest.mark.browser


@pytest.fixture
def setting(transactional_db, make_project, portfolio, other_portfolio):
    from samverka.accounts.models import User
    from samverka.meetings import groups
    from samverka.meetings.models import Event, Registration

    User.objects.create_user(email="cora@example.org", password=PASSWORD, name="Cora Koordinator", is_staff=True)
    starts = timezone.now() - datetime.timedelta(days=2)
    event = Event.objects.create(
        title="Projektledarträff", starts_at=starts, ends_at=starts + datetime.timedelta(hours=3), status="published"
    )
    for number in range(8):
        project = make_project(title=f"Projekt {number % 4}", portfolio=[portfolio, other_portfolio][number % 2])
        Registration.objects.create(
            event=event, name=f"Person {number}", email=f"person{number}@example.org", project=project, attended=True
        )
    groups.split(event=event, number_of_groups=3)
    first = event.groups.get(number=1)
    first.topic = "Vätgas"
    first.note_taker = first.members.first()
    first.save()
    groups.save_notes(group=first, notes="## Slutsatser\n\n- fler tankstationer\n- **samordning**")
    return event


def test_organising_pages_pass_axe(visitor, setting, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    visitor.sign_in("cora@example.org", PASSWORD)
    pk = setting.pk
    for prefix in ["", "/en"]:
        visitor.goto(f"{prefix}/traffar/{pk}/kopiera/")
        visitor.goto(f"{prefix}/traffar/{pk}/serie/")
        visitor.goto(f"{prefix}/traffar/{pk}/grupper/")
        visitor.goto(f"{prefix}/traffar/{pk}/grupper/1/anteckningar/")
        visitor.goto(f"{prefix}/traffar/{pk}/bilagor/")

    # The series' preview, then the button to create.
    visitor.goto(f"/en/traffar/{pk}/serie/")
    visitor.page.get_by_label("Every how many weeks").fill("2")
    visitor.page.get_by_label("Number of occurrences").fill("3")
    with visitor.page.expect_navigation():
        visitor.page.get_by_role("button", name="Show the dates").click()
    assert "3 dates" in visitor.page.inner_text("#preview-heading")
    visitor.check()

    # A refused split: the message next to the box.
    visitor.goto(f"/en/traffar/{pk}/grupper/")
    with visitor.page.expect_navigation():
        visitor.page.get_by_role("button", name="Make the groups").click()
    assert "Tick the box" in visitor.page.inner_text("#id_replace_error")
    visitor.check()

    # A refused upload, then an accepted one listed with its type.
    wrong = tmp_path / "rapport.pdf"
    wrong.write_bytes(b"MZ not a pdf")
    visitor.goto(f"/en/traffar/{pk}/bilagor/")
    visitor.page.get_by_label("Title").fill("Rapport")
    visitor.page.set_input_files("input[name=file]", str(wrong))
    with visitor.page.expect_navigation():
        visitor.page.get_by_role("button", name="Attach", exact=True).click()
    assert "not one of PDF" in visitor.page.inner_text("#id_file_error")
    visitor.check()
    right = tmp_path / "anteckningar.pdf"
    right.write_bytes(b"%PDF-1.4\n" + b"0" * 2000)
    visitor.page.get_by_label("Title").fill("Anteckningar från träffen")
    visitor.page.set_input_files("input[name=file]", str(right))
    with visitor.page.expect_navigation():
        visitor.page.get_by_role("button", name="Attach", exact=True).click()
    assert "Anteckningar från träffen is attached." in visitor.page.inner_text(".messages")
    visitor.check()

    # After the event the group's notes are on the event page.
    visitor.goto(f"/en/traffar/{pk}/")
    assert "fler tankstationer" in visitor.page.inner_text(".group-notes")
