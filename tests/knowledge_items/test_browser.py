"""The knowledge bank in Chromium, axe-core on every page in both languages: Alva, project
leader of project A, writes a tip for her project, is stopped by a missing title, publishes,
attaches the meeting notes and finds the tip in the knowledge bank."""

import pytest

from conftest import PASSWORD
from tests.browser.conftest import browser, visitor  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture
def setting(transactional_db, leader_a, project_a, portfolio, settings, tmp_path):
    from samverka.knowledge.models import KnowledgeItem, Tag

    settings.MEDIA_ROOT = tmp_path / "media"
    Tag.objects.create(name="Spridning", slug="spridning")
    earlier = KnowledgeItem.objects.create(
        title="Korta filmer om resultaten", lead="Tre minuter räcker.", body="## Så gjorde vi\n\nVi filmade med **mobilen**.",
        status=KnowledgeItem.Status.PUBLISHED, published_at="2025-10-01T10:00:00Z",
    )
    earlier.projects.set([project_a])
    return {"alva": leader_a, "earlier": earlier}


def test_alva_writes_publishes_and_finds_her_tip(visitor, setting, tmp_path):
    from samverka.knowledge.models import KnowledgeItem

    page = visitor.page
    visitor.sign_in(setting["alva"].email, PASSWORD)
    visitor.goto("/en/kunskapsbank/")
    with page.expect_navigation():
        page.get_by_role("link", name="Write a knowledge item").click()
    visitor.check()

    # A missing title: the message next to the field, everything else kept.
    page.get_by_label("Lead").fill("En frukost i månaden gav fler företag i projektet.")
    page.get_by_label("Vätgas i Norrbotten").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Publish").click()
    visitor.check()
    assert page.inner_text("#id_title_error") == "This field is required."
    assert page.get_by_label("Lead").input_value() == "En frukost i månaden gav fler företag i projektet."
    assert page.get_by_label("Vätgas i Norrbotten").is_checked()

    page.get_by_label("Title").fill("Spridningsfrukost med lokala företag")
    page.get_by_label("Text").fill("Vi bjöd in **tio företag** varje månad.")
    page.get_by_label("Spridning").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Publish").click()
    visitor.check()
    item = KnowledgeItem.objects.get(title="Spridningsfrukost med lokala företag")
    assert item.status == KnowledgeItem.Status.PUBLISHED
    assert page.get_by_role("heading", level=1).inner_text() == "Spridningsfrukost med lokala företag"
    assert page.locator(".richtext strong").inner_text() == "tio företag"

    # The notes as a file: a wrong one refused on the edit page, then the right one listed.
    with page.expect_navigation():
        page.get_by_role("link", name="Edit the knowledge item").click()
    visitor.check()
    wrong = tmp_path / "anteckningar.pdf"
    wrong.write_bytes(b"MZ not a pdf")
    page.get_by_label("Title of the file").fill("Anteckningar från träffen")
    page.set_input_files("input[name=attachment-file]", str(wrong))
    with page.expect_navigation():
        page.get_by_role("button", name="Attach", exact=True).click()
    visitor.check()
    assert "not one of PDF" in page.inner_text("#id_attachment-file_error")
    right = tmp_path / "anteckningar-ratt.pdf"
    right.write_bytes(b"%PDF-1.4\n" + b"0" * 2000)
    page.set_input_files("input[name=attachment-file]", str(right))
    with page.expect_navigation():
        page.get_by_role("button", name="Attach", exact=True).click()
    visitor.check()
    assert "Anteckningar från träffen, PDF, 2 kB" in page.inner_text("main")

    # In the knowledge bank, through the main menu.
    with page.expect_navigation():
        page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Knowledge bank").click()
    visitor.check()
    assert page.get_by_role("link", name="Knowledge bank").first.get_attribute("aria-current") == "page"
    titles = page.locator(".knowledge-item h3").all_inner_texts()
    assert titles[0] == "Spridningsfrukost med lokala företag" and "Korta filmer om resultaten" in titles
    page.get_by_label("Tag").select_option(label="Spridning")
    with page.expect_navigation():
        page.get_by_role("button", name="Show items").click()
    visitor.check()
    assert page.locator(".knowledge-item h3").all_inner_texts() == ["Spridningsfrukost med lokala företag"]


def test_every_knowledge_page_passes_axe_in_both_languages(visitor, setting):
    pk = setting["earlier"].pk
    visitor.goto("/kunskapsbank/")
    visitor.goto(f"/kunskapsbank/{pk}/")
    visitor.goto("/en/kunskapsbank/?kind=tip&language=sv")
    visitor.goto(f"/en/kunskapsbank/{pk}/")
    visitor.sign_in(setting["alva"].email, PASSWORD)
    for prefix in ["", "/en"]:
        visitor.goto(f"{prefix}/kunskapsbank/")
        visitor.goto(f"{prefix}/kunskapsbank/ny/")
        visitor.goto(f"{prefix}/kunskapsbank/{pk}/andra/")
        # The edit form with errors.
        visitor.page.fill("input[name=title]", "")
        with visitor.page.expect_navigation():
            visitor.page.locator("main form button[name=action]").first.click()
        visitor.check()
        assert visitor.page.locator("#id_title_error").is_visible()
        assert visitor.page.locator("textarea[name=lead]").input_value() == "Tre minuter räcker."
