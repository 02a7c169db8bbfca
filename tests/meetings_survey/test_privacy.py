"""Alva's meetings in her data download, and what erasing her account leaves behind."""

import json

import pytest
from django.apps import apps
from django.db import models

from samverka.accounts.services import erase_person
from samverka.meetings.models import DiscussionGroup, Invitation, ParticipantReport, Registration

from .conftest import register

pytestmark = pytest.mark.django_db

DOWNLOAD = "/konto/mina-uppgifter.json"


@pytest.fixture
def alva_at_meetings(event, leader_a, leader_b, project_a, project_b):
    """Alva registered and came, took the notes in group 1, and was invited; Bengt came too."""
    alva = register(event, leader_a, attended=True, project=project_a)
    alva.organisation_name = "Luleå tekniska universitet"
    alva.consents_to_invitations = True
    alva.save()
    bengt = register(event, leader_b, attended=True, project=project_b)
    group = DiscussionGroup.objects.create(
        event=event, number=1, topic="Förankra resultaten tidigt", note_taker=alva, notes="Börja med styrgruppen."
    )
    group.members.set([alva, bengt])
    Invitation.objects.create(event=event, email="alva@example.org", person=leader_a, project=project_a, status="registered")
    Invitation.objects.create(event=event, email="bengt@example.org", person=leader_b, project=project_b)
    ParticipantReport.objects.create(
        event=event, filename="zoom.csv", digest="abc", platform="zoom",
        unmatched=[{"name": "Alva Ledare", "email": "alva.privat@example.net"}, {"name": "Okänd Deltagare", "email": ""}],
    )
    return alva


def test_alva_downloads_her_meetings(leader_a_client, alva_at_meetings):
    data = json.loads(leader_a_client.get(DOWNLOAD).content)["meetings"]
    (registration,) = data["registrations"]
    assert registration["event"] == "Projektledarträff i november"
    assert registration["status"] == "registered" and registration["attended"] is True
    assert registration["project"] == "Vätgas i Norrbotten"
    assert registration["consents_to_invitations"] is True
    assert registration["starts_at"]
    assert [i["email"] for i in data["invitations_received"]] == ["alva@example.org"]
    assert data["discussion_groups"] == [
        {
            "event": "Projektledarträff i november",
            "group": 1,
            "topic": "Förankra resultaten tidigt",
            "note_taker": True,
            "notes": "Börja med styrgruppen.",
        }
    ]


def test_bengt_gets_the_group_but_not_alvas_notes(leader_b_client, alva_at_meetings):
    data = json.loads(leader_b_client.get(DOWNLOAD).content)["meetings"]
    assert [r["email"] for r in data["registrations"]] == ["bengt@example.org"]
    assert data["discussion_groups"][0]["note_taker"] is False
    assert data["discussion_groups"][0]["notes"] is None
    assert "alva" not in json.dumps(data)


def test_petra_has_no_meetings(participant_client):
    data = json.loads(participant_client.get(DOWNLOAD).content)["meetings"]
    assert data == {"registrations": [], "invitations_received": [], "discussion_groups": []}


def test_erasing_alva_anonymises_her_registration_and_keeps_the_counts(alva_at_meetings, event):
    erase_person(person=alva_at_meetings.person)
    alva = Registration.objects.get(pk=alva_at_meetings.pk)
    assert alva.person is None
    assert alva.name == "" and alva.organisation_name == ""
    assert alva.email == f"erased-{alva.pk}@invalid"
    assert alva.erased_at is not None and not alva.consents_to_invitations
    # Status, attendance and project stay: the meeting still counts two projects that came.
    assert alva.status == "registered" and alva.attended
    assert event.registrations.filter(attended=True).values("project").distinct().count() == 2
    # Bengt is untouched.
    assert Registration.objects.get(email="bengt@example.org").name == "Bengt Ledare"


def test_erasing_alva_forgets_her_invitation_and_report_row(alva_at_meetings):
    erase_person(person=alva_at_meetings.person)
    invitation = Invitation.objects.get(project__title="Vätgas i Norrbotten")
    assert invitation.person is None and invitation.email == f"erased-invitation-{invitation.pk}@invalid"
    assert invitation.status == "registered"
    assert ParticipantReport.objects.get().unmatched == [{"name": "Okänd Deltagare", "email": ""}]


def test_each_erased_registration_gets_its_own_placeholder(leader_a, project_a, event):
    from samverka.meetings.models import Event

    other = Event.objects.create(title="Webbinarium", starts_at=event.starts_at, ends_at=event.ends_at)
    first = register(event, leader_a)
    second = register(other, leader_a)
    erase_person(person=leader_a)
    emails = set(Registration.objects.values_list("email", flat=True))
    assert emails == {f"erased-{first.pk}@invalid", f"erased-{second.pk}@invalid"}


def test_no_meetings_table_holds_her_name_or_address_after_erasure(alva_at_meetings):
    erase_person(person=alva_at_meetings.person)
    needles = ["alva@example.org", "Alva Ledare", "Luleå tekniska universitet"]
    found = []
    for model in apps.get_app_config("meetings").get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)):
                found += [
                    f"{model._meta.label}.{field.name}"
                    for needle in needles
                    if model.objects.filter(**{f"{field.name}__icontains": needle}).exists()
                ]
            elif isinstance(field, models.JSONField):
                text = json.dumps(list(model.objects.values_list(field.name, flat=True)), ensure_ascii=False)
                found += [f"{model._meta.label}.{field.name}" for needle in needles if needle in text]
    assert found == []


def test_erasure_through_the_account_page(leader_a_client, alva_at_meetings):
    response = leader_a_client.post("/en/konto/radera/", {"confirm": "alva@example.org"})
    assert response.status_code == 302
    alva = Registration.objects.get(pk=alva_at_meetings.pk)
    assert alva.person is None and alva.email == f"erased-{alva.pk}@invalid" and alva.attended
