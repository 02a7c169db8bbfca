"""The back office for people, audiences and invitations."""

import pytest

from samverka.accounts.models import Audience, User
from samverka.accounts.services import invite_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_for_cora(coordinator):
    coordinator.is_superuser = True
    coordinator.save(update_fields=["is_superuser"])
    from django.test import Client

    client = Client()
    client.force_login(coordinator)
    return client


def test_people_list_searches_by_address(admin_client_for_cora, leader_a, leader_b):
    html = admin_client_for_cora.get("/admin/accounts/user/?q=alva").content.decode()
    assert "alva@example.org" in html and "bengt@example.org" not in html


def test_people_list_filters_on_staff_and_audience(admin_client_for_cora, official, participant):
    audience = Audience.objects.get(code="regional_official")
    html = admin_client_for_cora.get(f"/admin/accounts/user/?audiences__id__exact={audience.pk}").content.decode()
    assert "olof@example.org" in html and "petra@example.org" not in html
    html = admin_client_for_cora.get("/admin/accounts/user/?is_staff__exact=1").content.decode()
    assert "cora@example.org" in html and "petra@example.org" not in html


def test_labels_are_swedish(admin_client_for_cora, leader_a):
    html = admin_client_for_cora.get(f"/admin/accounts/user/{leader_a.pk}/change/").content.decode()
    assert "E-postadress" in html
    assert "Målgrupper" in html


def test_coordinator_adds_a_person(admin_client_for_cora):
    response = admin_client_for_cora.post(
        "/admin/accounts/user/add/",
        {"email": "nina@example.org", "name": "Nina Ny", "password1": "a-long-password-77", "password2": "a-long-password-77", "usable_password": "true"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert User.objects.get(email="nina@example.org").name == "Nina Ny"


def test_invitations_and_audiences_in_the_admin(admin_client_for_cora, coordinator):
    invite_people(invited_by=coordinator, addresses=["stina@example.org"])
    assert "stina@example.org" in admin_client_for_cora.get("/admin/accounts/invitation/").content.decode()
    assert admin_client_for_cora.get("/admin/accounts/audience/").status_code == 200


def test_project_leader_has_no_admin(leader_a_client):
    assert leader_a_client.get("/admin/accounts/user/").status_code == 302
