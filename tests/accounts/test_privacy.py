"""A person downloads all their data, and erases their account while the counts survive."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import models

from conftest import PASSWORD
from samverka.accounts import privacy
from samverka.accounts.models import Audience, Invitation, User
from samverka.accounts.services import erase_person, invite_people
from samverka.registry.models import ProjectRole

pytestmark = pytest.mark.django_db

DOWNLOAD = "/konto/mina-uppgifter.json"
ERASE = "/en/konto/radera/"


@pytest.fixture
def alva_everywhere(leader_a, coordinator, project_b):
    """Alva with details, an audience, a verified address, an invitation to her and one from her."""
    leader_a.phone = "070-111 22 33"
    leader_a.organisation_name = "Luleå tekniska universitet"
    leader_a.title = "Projektledare vätgas"
    leader_a.save()
    leader_a.audiences.add(Audience.objects.get(code="project_leader"))
    EmailAddress.objects.create(user=leader_a, email=leader_a.email, verified=True, primary=True)
    invite_people(invited_by=coordinator, addresses=["alva@example.org"], name="Alva Ledare", project=project_b, role="member")
    invite_people(invited_by=leader_a, addresses=["kollega@example.org"])
    LogEntry.objects.log_actions(
        user_id=coordinator.pk, queryset=User.objects.filter(pk=leader_a.pk), action_flag=CHANGE, change_message="Ändrade namn."
    )
    return leader_a


# Download


def test_anonymous_cannot_download(client):
    response = client.get(DOWNLOAD)
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/")


def test_download_wrong_method_is_405(leader_a_client):
    assert leader_a_client.post(DOWNLOAD).status_code == 405


def test_alva_downloads_everything_about_her(alva_everywhere, project_a):
    from django.test import Client

    client = Client()
    client.post("/konto/login/", {"login": "alva@example.org", "password": PASSWORD})
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="samverka-mina-uppgifter.json"'
    data = json.loads(response.content)
    assert data["person_id"] == alva_everywhere.pk
    assert data["profile"]["email"] == "alva@example.org"
    assert data["profile"]["name"] == "Alva Ledare"
    assert data["profile"]["phone"] == "070-111 22 33"
    assert data["profile"]["organisation"] == "Luleå tekniska universitet"
    assert data["profile"]["audiences"] == ["project_leader"]
    assert data["profile"]["last_login"] is not None
    assert data["email_addresses"] == [{"email": "alva@example.org", "verified": True, "primary": True}]
    assert data["project_roles"] == [{"project": "Vätgas i Norrbotten", "case_number": "20200181", "role": "leader"}]
    assert [i["project"] for i in data["invitations_received"]] == ["Energismarta småföretag"]
    assert [i["email"] for i in data["invitations_sent"]] == ["kollega@example.org"]
    assert "Luleå" in response.content.decode()  # readable, not \u-escaped


def test_download_holds_nobody_elses_data(leader_a_client, leader_b):
    body = leader_a_client.get(DOWNLOAD).content.decode()
    assert "bengt" not in body.lower()


def test_another_app_adds_its_part(leader_a_client):
    @privacy.exporter("test_meetings")
    def meetings(person):
        return [{"event": "Projektledarträff", "person": person.pk}]

    try:
        data = json.loads(leader_a_client.get(DOWNLOAD).content)
        assert data["test_meetings"][0]["event"] == "Projektledarträff"
    finally:
        privacy._exporters.pop("test_meetings")


# Erase: the page


def test_anonymous_cannot_erase(client):
    assert client.post("/konto/radera/", {"confirm": "x"}).status_code == 302


def test_erase_wrong_method_is_405(leader_a_client):
    assert leader_a_client.put(ERASE).status_code == 405


def test_erase_page_asks_for_the_address(leader_a_client):
    html = leader_a_client.get(ERASE).content.decode()
    assert html.count("<h1") == 1 and 'for="id_confirm"' in html


def test_wrong_confirmation_erases_nothing(leader_a_client, leader_a):
    response = leader_a_client.post(ERASE, {"confirm": "bengt@example.org"})
    html = response.content.decode()
    assert 'id="id_confirm_error"' in html
    assert "That is not the e-mail address of your account." in html
    assert 'value="bengt@example.org"' in html
    leader_a.refresh_from_db()
    assert leader_a.erased_at is None and leader_a.is_active


def test_empty_confirmation(leader_a_client):
    assert "This field is required." in leader_a_client.post(ERASE, {"confirm": ""}).content.decode()


def test_alva_erases_her_account_and_is_signed_out(leader_a_client, leader_a):
    response = leader_a_client.post(ERASE, {"confirm": "ALVA@example.org "})
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert not get_user(leader_a_client).is_authenticated
    leader_a.refresh_from_db()
    assert leader_a.erased_at is not None
    assert leader_a.email == f"erased-{leader_a.pk}@invalid"
    assert not leader_a.is_active and not leader_a.has_usable_password()
    assert str(leader_a) == "Erased person"


# Erase: the service


def test_erasure_keeps_the_row_and_drops_roles_tags_addresses_and_sessions(alva_everywhere, project_a):
    from django.test import Client

    other_browser = Client()
    other_browser.post("/konto/login/", {"login": "alva@example.org", "password": PASSWORD})
    assert Session.objects.count() == 1
    pk = alva_everywhere.pk

    erase_person(person=alva_everywhere)

    alva = User.objects.get(pk=pk)
    assert (alva.name, alva.phone, alva.organisation_name, alva.title) == ("", "", "", "")
    assert not alva.audiences.exists()
    assert not ProjectRole.objects.filter(person_id=pk).exists()
    assert not EmailAddress.objects.filter(user_id=pk).exists()
    assert Session.objects.count() == 0
    assert not get_user(other_browser).is_authenticated
    assert Invitation.objects.filter(invited_by_id=pk).count() == 1  # kept: it holds someone else's address
    assert not Invitation.objects.filter(email="alva@example.org").exists()


def test_no_table_holds_the_email_or_name_after_erasure(alva_everywhere):
    erase_person(person=alva_everywhere)
    needles = ["alva@example.org", "Alva Ledare", "070-111 22 33", "Luleå tekniska universitet", "Projektledare vätgas"]
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)):
                holders = [n for n in needles if model.objects.filter(**{f"{field.name}__icontains": n}).exists()]
            elif isinstance(field, models.JSONField):  # e.g. queued tasks' arguments: compare as text
                values = [json.dumps(v, ensure_ascii=False) for v in model.objects.values_list(field.name, flat=True)]
                holders = [n for n in needles if any(n in value for value in values)]
            else:
                continue
            found += [f"{model._meta.label}.{field.name} holds {n!r}" for n in holders]
    assert found == []


def test_erasure_runs_the_registered_erasers(leader_a):
    seen = []

    @privacy.eraser
    def remember(person):
        seen.append(person.email)  # the eraser runs before the address is replaced

    try:
        erase_person(person=leader_a)
    finally:
        privacy._erasers.remove(remember)
    assert seen == ["alva@example.org"]


def test_admin_history_no_longer_names_the_person(alva_everywhere):
    erase_person(person=alva_everywhere)
    entry = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(User))
    assert entry.object_repr == "–" and entry.change_message == ""
