"""The coordinator's groups page and the note-taker's notes page."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from samverka.meetings import groups
from samverka.meetings.models import DiscussionGroup, Registration

pytestmark = pytest.mark.django_db


def groups_url(event):
    return reverse("meetings:organise_groups", kwargs={"pk": event.pk})


def notes_url(event, number=1):
    return reverse("meetings:organise_group_notes", kwargs={"pk": event.pk, "number": number})


@pytest.fixture
def crowd(register, project_a, project_b, leader_a, leader_b):
    """Alva and Anna from project A, Bengt and Bodil from project B, Greta a guest."""
    return [
        register("Alva Ledare", person=leader_a, project=project_a),
        register("Anna Andersson", project=project_a),
        register("Bengt Ledare", person=leader_b, project=project_b),
        register("Bodil Berg", project=project_b),
        register("Greta Gäst"),
    ]


def members(event):
    return [sorted(r.name for r in group.members.all()) for group in event.groups.order_by("number")]


def test_coordinator_splits_the_registrants_into_groups(coordinator_client, event, crowd):
    response = coordinator_client.post(
        groups_url(event), {"action": "split", "number_of_groups": "2", "strategy": "mix", "source": "registrants"}
    )
    assert response.status_code == 302
    split = members(event)
    assert sorted(len(group) for group in split) == [2, 3]
    for group in split:  # colleagues apart
        assert not {"Alva Ledare", "Anna Andersson"} <= set(group)
        assert not {"Bengt Ledare", "Bodil Berg"} <= set(group)


def test_split_of_attendees_leaves_out_those_who_did_not_come(coordinator_client, event, crowd):
    Registration.objects.filter(name="Greta Gäst").update(attended=False)
    coordinator_client.post(groups_url(event), {"action": "split", "number_of_groups": "2", "strategy": "mix", "source": "attendees"})
    assert "Greta Gäst" not in sum(members(event), [])


def test_split_again_needs_the_replace_box(coordinator_client, event, crowd):
    groups.split(event=event, number_of_groups=2)
    DiscussionGroup.objects.filter(event=event, number=1).update(topic="Vätgas")
    response = coordinator_client.post(
        groups_url(event), {"action": "split", "number_of_groups": "3", "strategy": "mix", "source": "registrants"}
    )
    assert response.status_code == 200
    assert response.context["split_form"].errors["replace"] == ["Tick the box to replace the existing groups."]
    assert event.groups.count() == 2 and event.groups.filter(topic="Vätgas").exists()


def test_split_again_with_the_box_replaces_the_groups(coordinator_client, event, crowd):
    groups.split(event=event, number_of_groups=2)
    coordinator_client.post(
        groups_url(event),
        {"action": "split", "number_of_groups": "3", "strategy": "mix", "source": "registrants", "replace": "on"},
    )
    assert event.groups.count() == 3


def test_zero_groups_is_refused(coordinator_client, event, crowd):
    response = coordinator_client.post(
        groups_url(event), {"action": "split", "number_of_groups": "0", "strategy": "mix", "source": "registrants"}
    )
    assert response.context["split_form"].errors["number_of_groups"] == ["Ensure this value is greater than or equal to 1."]
    assert not event.groups.exists()


def test_coordinator_moves_a_person(coordinator_client, event, crowd):
    groups.split(event=event, number_of_groups=2)
    greta = crowd[4]
    target = event.groups.exclude(members=greta).get()
    response = coordinator_client.post(
        groups_url(event), {"action": "move", "registration": greta.pk, f"move-{greta.pk}-to": target.number,
                            f"move-{greta.pk}-registration": greta.pk}
    )
    assert response.status_code == 302
    assert list(greta.groups.all()) == [target]


def test_moving_someone_from_another_event_is_refused(coordinator_client, event, crowd, register):
    from samverka.meetings.models import Event

    groups.split(event=event, number_of_groups=2)
    other = Event.objects.create(title="Annan träff", starts_at=event.starts_at, ends_at=event.ends_at)
    stranger = register("Sven Främling", on=other)
    response = coordinator_client.post(
        groups_url(event), {"action": "move", "registration": stranger.pk, f"move-{stranger.pk}-to": "1",
                            f"move-{stranger.pk}-registration": stranger.pk}
    )
    assert response.status_code == 200
    assert not stranger.groups.exists()
    assert [str(m) for m in response.context["messages"]] == ["Nobody was moved: choose a person and a group of this event."]


def test_coordinator_sets_topic_and_note_taker(coordinator_client, event, crowd):
    groups.split(event=event, number_of_groups=2)
    group = event.groups.get(number=1)
    note_taker = group.members.first()
    response = coordinator_client.post(
        groups_url(event),
        {"action": "group", "group": "1", "group-1-topic": "Vätgas i tunga transporter", "group-1-note_taker": note_taker.pk},
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.topic == "Vätgas i tunga transporter" and group.note_taker == note_taker


def test_note_taker_must_be_a_member(coordinator_client, event, crowd):
    groups.split(event=event, number_of_groups=2)
    outsider = event.groups.get(number=2).members.first()
    response = coordinator_client.post(
        groups_url(event), {"action": "group", "group": "1", "group-1-topic": "", "group-1-note_taker": outsider.pk}
    )
    assert response.status_code == 200
    form = dict((g.number, f) for g, f in response.context["group_forms"])[1]
    assert form.errors["note_taker"] == ["Select a valid choice. That choice is not one of the available choices."]


def test_groups_page_makes_the_same_number_of_queries_for_many_people(
    coordinator_client, event, register, project_a, django_assert_num_queries
):
    register("Anna Andersson", project=project_a)
    groups.split(event=event, number_of_groups=2)
    with django_assert_num_queries(QUERIES_GROUPS_PAGE):
        assert coordinator_client.get(groups_url(event)).status_code == 200
    for number in range(30):
        register(f"Person {number}", project=project_a if number % 2 else None)
    groups.split(event=event, number_of_groups=6)
    with django_assert_num_queries(QUERIES_GROUPS_PAGE):
        coordinator_client.get(groups_url(event))


QUERIES_GROUPS_PAGE = 5


def test_anonymous_is_sent_to_sign_in_for_the_groups(client, event):
    assert reverse("account_login") in client.get(groups_url(event))["Location"]


def test_participant_may_not_see_the_groups(participant_client, event):
    assert participant_client.get(groups_url(event)).status_code == 403


def test_groups_of_an_unknown_event_is_404(coordinator_client):
    assert coordinator_client.get(reverse("meetings:organise_groups", kwargs={"pk": 999})).status_code == 404


def test_groups_page_refuses_other_methods(coordinator_client, event):
    assert coordinator_client.put(groups_url(event)).status_code == 405


# Notes

@pytest.fixture
def alva_takes_notes(event, crowd):
    groups.split(event=event, number_of_groups=2)
    alva = crowd[0]
    group = alva.groups.get()
    group.note_taker = alva
    group.save()
    return group


def test_note_taker_writes_the_notes(leader_a_client, event, alva_takes_notes):
    url = notes_url(event, alva_takes_notes.number)
    assert leader_a_client.get(url).status_code == 200
    response = leader_a_client.post(url, {"notes": "## Vätgas\n\n- tankstationer saknas"})
    assert response.status_code == 302
    alva_takes_notes.refresh_from_db()
    assert alva_takes_notes.notes.startswith("## Vätgas")
    assert alva_takes_notes.notes_updated_at is not None


def test_coordinator_may_edit_the_notes_too(coordinator_client, event, alva_takes_notes):
    response = coordinator_client.post(notes_url(event, alva_takes_notes.number), {"notes": "Rättat."})
    assert response.status_code == 302


def test_another_member_may_not_edit_the_notes(leader_b_client, event, alva_takes_notes):
    assert leader_b_client.post(notes_url(event, alva_takes_notes.number), {"notes": "Nej"}).status_code == 403
    alva_takes_notes.refresh_from_db()
    assert alva_takes_notes.notes == ""


def test_participant_may_not_edit_the_notes(participant_client, event, alva_takes_notes):
    assert participant_client.get(notes_url(event, alva_takes_notes.number)).status_code == 403


def test_anonymous_is_sent_to_sign_in_for_the_notes(client, event, alva_takes_notes):
    assert reverse("account_login") in client.get(notes_url(event, alva_takes_notes.number))["Location"]


def test_notes_of_an_unknown_group_is_404(coordinator_client, event):
    assert coordinator_client.get(notes_url(event, 9)).status_code == 404


def test_notes_page_refuses_other_methods(leader_a_client, event, alva_takes_notes):
    assert leader_a_client.delete(notes_url(event, alva_takes_notes.number)).status_code == 405


def test_notes_include_shows_the_notes_as_sanitised_markdown(event, alva_takes_notes):
    groups.save_notes(group=alva_takes_notes, notes="**Viktigt**\n\n<script>alert(1)</script>")
    alva_takes_notes.topic = "Laddinfrastruktur"
    alva_takes_notes.save()
    html = render_to_string("meetings/organise/groups_notes.html", {"groups": event.groups.all()})
    assert "Notes from the discussion groups" in html
    assert f"Group {alva_takes_notes.number}: Laddinfrastruktur" in html
    assert "<strong>Viktigt</strong>" in html
    assert "<script>" not in html


def test_notes_include_is_empty_without_notes(event, alva_takes_notes):
    assert render_to_string("meetings/organise/groups_notes.html", {"groups": event.groups.all()}).strip() == ""
