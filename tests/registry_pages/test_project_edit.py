import pytest

from samverka.registry.models import Project
from samverka.registry.rules import can_edit_project, is_project_member

pytestmark = pytest.mark.django_db

GOOD = {
    "summary": "Vi bygger en vätgaskedja från sol och vind till tunga fordon.",
    "background": "Industrin i norr behöver fossilfri energi.",
    "purpose": "Att visa att vätgas fungerar i kallt klimat.",
    "target_groups": "Åkerier och energibolag.",
    "expected_results": "Två tankstationer och tio vätgaslastbilar.",
    "website": "https://vatgas.example.org/",
}


def url(project) -> str:
    return f"/projekt/{project.pk}/redigera/"


@pytest.mark.parametrize(
    "person, allowed",
    [
        ("coordinator", True),
        ("leader_a", True),
        ("leader_b", False),
        ("official", False),
        ("participant", False),
        (None, False),
    ],
)
def test_can_edit_project_rule(request, project_a, person, allowed):
    from django.contrib.auth.models import AnonymousUser

    user = request.getfixturevalue(person) if person else AnonymousUser()

    assert can_edit_project(user, project_a) is allowed


def test_member_of_another_project_is_not_a_member(leader_b, project_a, project_b):
    assert is_project_member(leader_b, project_b)
    assert not is_project_member(leader_b, project_a)


def test_inactive_leader_may_not_edit(leader_a, project_a):
    leader_a.is_active = False

    assert not can_edit_project(leader_a, project_a)


@pytest.mark.parametrize(
    "person, status",
    [
        ("coordinator_client", 200),
        ("leader_a_client", 200),
        ("leader_b_client", 403),
        ("official_client", 403),
        ("participant_client", 403),
    ],
)
def test_edit_page_access(request, project_a, person, status):
    client = request.getfixturevalue(person)

    assert client.get(url(project_a)).status_code == status


@pytest.mark.parametrize("person", ["leader_b_client", "official_client", "participant_client"])
def test_outsider_cannot_save(request, project_a, person):
    client = request.getfixturevalue(person)

    assert client.post(url(project_a), GOOD).status_code == 403

    project_a.refresh_from_db()
    assert project_a.background == ""


def test_anonymous_is_sent_to_sign_in(client, project_a):
    response = client.get(url(project_a))

    assert response.status_code == 302
    assert response["Location"] == f"/konto/login/?next=/projekt/{project_a.pk}/redigera/"


def test_anonymous_post_changes_nothing(client, project_a):
    assert client.post(url(project_a), GOOD).status_code == 302

    project_a.refresh_from_db()
    assert project_a.background == ""


def test_missing_project_is_404(coordinator_client, db):
    assert coordinator_client.get("/projekt/999999/redigera/").status_code == 404


def test_wrong_method_is_405(leader_a_client, project_a):
    assert leader_a_client.put(url(project_a)).status_code == 405


def test_form_shows_only_the_public_fields(leader_a_client, project_a):
    form = leader_a_client.get(url(project_a)).context["form"]

    assert list(form.fields) == ["summary", "background", "purpose", "target_groups", "expected_results", "website"]


@pytest.mark.parametrize("person", ["leader_a_client", "coordinator_client"])
def test_save_changes_the_public_fields(request, project_a, person):
    client = request.getfixturevalue(person)

    response = client.post(url(project_a), GOOD, follow=True)

    assert response.redirect_chain == [(f"/projekt/{project_a.pk}/", 302)]
    assert "Projektsidan är sparad." in response.content.decode()
    project_a.refresh_from_db()
    for field, value in GOOD.items():
        assert getattr(project_a, field) == value


def test_save_ignores_amounts_and_case_number(leader_a_client, project_a):
    before = Project.objects.values("case_number", "eu_funding", "total_budget", "owner_id", "start_date").get(pk=project_a.pk)

    leader_a_client.post(
        url(project_a), {**GOOD, "case_number": "99999999", "eu_funding": "1", "total_budget": "2", "start_date": "2001-01-01"}
    )

    after = Project.objects.values("case_number", "eu_funding", "total_budget", "owner_id", "start_date").get(pk=project_a.pk)
    assert after == before


def test_bad_website_keeps_what_was_typed_and_says_why(leader_a_client, project_a):
    response = leader_a_client.post(url(project_a), {**GOOD, "website": "inte en adress"})

    assert response.status_code == 200
    html = response.content.decode()
    assert '<p class="error-message" id="id_website_error">Fyll i en giltig URL.</p>' in html
    assert 'aria-describedby="id_website_helptext id_website_error"' in html
    assert 'value="inte en adress"' in html
    assert GOOD["background"] in html
    project_a.refresh_from_db()
    assert project_a.background == ""


def test_over_long_website_is_refused(leader_a_client, project_a):
    response = leader_a_client.post(url(project_a), {**GOOD, "website": "https://example.org/" + "a" * 200})

    assert response.context["form"].errors["website"] == [
        "Säkerställ att detta värde har som mest 200 tecken (den har 220)."
    ]


def test_edit_page_in_english(leader_a_client, project_a):
    html = leader_a_client.get(f"/en/projekt/{project_a.pk}/redigera/").content.decode()

    assert "<h1>Edit project page</h1>" in html
