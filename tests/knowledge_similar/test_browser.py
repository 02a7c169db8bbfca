"""Projects like yours in Chromium, axe-core on every page in both languages: Alva, leader of
project A, finds projects like hers on her project page, states what she wants to cooperate on,
and asks one of them to cooperate; its leader gets the mail."""

import pytest

from conftest import PASSWORD
from tests.browser.conftest import browser, visitor  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture
def setting(transactional_db, corpus, leader_a, smtp_server, settings):
    from samverka.accounts.models import User
    from samverka.knowledge import related
    from samverka.knowledge.models import CooperationWish
    from samverka.registry.models import ProjectRole

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    hanna = User.objects.create_user(email="hanna@example.org", password=PASSWORD, name="Hanna Ledare")
    ProjectRole.objects.create(project=corpus["hydrogen"], person=hanna, role=ProjectRole.Role.LEADER)
    wish = CooperationWish.objects.create(project=corpus["hydrogen"], text="Vi söker partner för en provkörningsdag i höst.")
    related.refresh_all()
    return {"alva": leader_a, "hydrogen": corpus["hydrogen"], "a": corpus["a"], "wish": wish, "mail": smtp_server}


def test_alva_finds_projects_like_hers_and_asks_one_to_cooperate(visitor, setting):
    from samverka.knowledge.models import CooperationRequest, CooperationWish

    page = visitor.page
    a, hydrogen = setting["a"], setting["hydrogen"]
    visitor.sign_in(setting["alva"].email, PASSWORD)
    visitor.goto(f"/en/projekt/{a.pk}/")
    like_hers = page.locator("section", has=page.get_by_role("heading", name="Projects like this one"))
    assert like_hers.get_by_role("link").first.inner_text() == hydrogen.title
    assert "Shared words:" in like_hers.inner_text() and "vätgas" in like_hers.inner_text()

    # She says what she wants to cooperate on.
    with page.expect_navigation():
        page.get_by_role("link", name="Add what you want to cooperate on").click()
    visitor.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    visitor.check()
    assert page.inner_text("#id_text_error") == "Write what your project wants to cooperate on."
    page.get_by_label("What we want to cooperate on").fill("Vi vill ordna en gemensam provkörning av vätgaslastbilar.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    visitor.check()
    assert CooperationWish.objects.filter(project=a, active=True).count() == 1

    # The matching page: the partners, why, and what they are looking for.
    candidate = page.locator(".candidate-list > li").first
    assert candidate.get_by_role("heading").inner_text() == hydrogen.title
    assert "Same portfolio" in candidate.inner_text()
    assert setting["wish"].text in candidate.inner_text()
    with page.expect_navigation():
        candidate.get_by_role("link", name=f"Ask to cooperate – {hydrogen.title}").click()
    visitor.check()

    # An empty message is refused beside the field; then she sends one.
    with page.expect_navigation():
        page.get_by_role("button", name="Send").click()
    visitor.check()
    assert page.inner_text("#id_message_error") == "Write a message to the project."
    assert "hanna@example.org" not in page.content()
    page.get_by_label("Your message").fill("Hej Hanna! Ska vi köra provdagen tillsammans i oktober?")
    with page.expect_navigation():
        page.get_by_role("button", name="Send").click()
    visitor.check()
    assert "Your request is sent to the project's leaders." in page.inner_text("main")
    assert page.get_by_role("heading", level=1).inner_text() == hydrogen.title

    [mail] = setting["mail"].wait_for(1)
    assert mail["to"] == ["hanna@example.org"] and mail["message"]["Reply-To"] == "alva@example.org"
    assert "Ska vi köra provdagen tillsammans i oktober?" in mail["text"]
    assert CooperationRequest.objects.get().wish == setting["wish"]


def test_every_cooperation_page_in_both_languages(visitor, setting):
    a, hydrogen = setting["a"], setting["hydrogen"]
    for path in ("/samverkan/", f"/samverkan/projekt/{hydrogen.pk}/", "/en/samverkan/", f"/en/samverkan/projekt/{hydrogen.pk}/"):
        visitor.goto(path)  # as a visitor, not signed in
    visitor.sign_in(setting["alva"].email, PASSWORD)
    own = setting["wish"].__class__.objects.create(project=a, text="Vi söker partner för en konferens.")
    for prefix in ("", "/en"):
        for path in (
            "/samverkan/",
            f"/samverkan/projekt/{a.pk}/",
            f"/samverkan/projekt/{a.pk}/onskemal/ny/",
            f"/samverkan/onskemal/{own.pk}/",
            f"/samverkan/projekt/{hydrogen.pk}/fraga/",
            f"/projekt/{a.pk}/",
        ):
            visitor.goto(prefix + path)
