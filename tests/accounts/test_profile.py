"""My account: see and edit one's details, audiences and project roles."""

import pytest

from samverka.accounts.models import Audience
from samverka.registry.models import ProjectRole

pytestmark = pytest.mark.django_db

PROFILE = "/en/konto/profil/"


def valid(**changes):
    data = {
        "name": "Alva Ledare",
        "phone": "+46 70 123 45 67",
        "organisation_name": "Norrbottens energikontor",
        "title": "Projektledare",
        "language": "sv",
        "audiences": [Audience.objects.get(code="project_leader").pk],
    }
    data.update(changes)
    return data


def test_the_three_audiences_exist():
    assert sorted(Audience.objects.values_list("code", flat=True)) == ["other_actor", "project_leader", "regional_official"]


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/konto/profil/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=/konto/profil/"


def test_wrong_method_is_405(leader_a_client):
    assert leader_a_client.put("/konto/profil/").status_code == 405


def test_alva_sees_her_project_role_with_a_link(leader_a_client, project_a):
    html = leader_a_client.get(PROFILE).content.decode()
    assert "alva@example.org" in html
    assert f'href="/en{project_a.get_absolute_url()}"' in html or f'href="{project_a.get_absolute_url()}"' in html
    assert project_a.title in html
    assert "project leader" in html
    assert "/konto/mina-uppgifter.json" in html and "/konto/radera/" in html and "/konto/password/change/" in html


def test_petra_has_no_projects(participant_client):
    assert "You have no role in a project yet." in participant_client.get(PROFILE).content.decode()


def test_only_coordinators_see_the_invite_link(coordinator_client, participant_client):
    assert "/konto/bjud-in/" in coordinator_client.get(PROFILE).content.decode()
    assert "/konto/bjud-in/" not in participant_client.get(PROFILE).content.decode()


def test_alva_saves_her_details(leader_a_client, leader_a):
    response = leader_a_client.post(PROFILE, valid())
    assert response.status_code == 302
    leader_a.refresh_from_db()
    assert leader_a.phone == "+46 70 123 45 67"
    assert leader_a.title == "Projektledare"
    assert [a.code for a in leader_a.audiences.all()] == ["project_leader"]


def test_name_is_required(leader_a_client, leader_a):
    response = leader_a_client.post(PROFILE, valid(name=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_name_error"' in html and "This field is required." in html
    assert 'aria-describedby="id_name_error"' in html
    assert 'value="Projektledare"' in html  # what was typed is kept


def test_phone_with_letters_is_refused(leader_a_client):
    response = leader_a_client.post(PROFILE, valid(phone="ring mig"))
    assert "Enter a phone number with digits, spaces and an optional leading +." in response.content.decode()


def test_unknown_audience_is_refused(leader_a_client):
    response = leader_a_client.post(PROFILE, valid(audiences=["999999"]))
    assert "Select a valid choice. 999999 is not one of the available choices." in response.content.decode()


def test_profile_cannot_make_anyone_staff(leader_a_client, leader_a):
    leader_a_client.post(PROFILE, valid(is_staff="on", email="evil@example.org"))
    leader_a.refresh_from_db()
    assert not leader_a.is_staff and leader_a.email == "alva@example.org"


def test_profile_query_count_does_not_grow_with_roles(leader_a_client, leader_a, make_project, django_assert_num_queries):
    with django_assert_num_queries(5):
        leader_a_client.get(PROFILE)
    for number in range(5):
        project = make_project(title=f"Projekt {number}")
        ProjectRole.objects.create(project=project, person=leader_a, role=ProjectRole.Role.MEMBER)
    with django_assert_num_queries(5):
        leader_a_client.get(PROFILE)
