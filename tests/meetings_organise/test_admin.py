"""The event admin: coordinators see it without per-model permissions; the form's rules."""

import pytest
from django.urls import reverse
from django.utils import translation

from samverka.meetings.models import Event, Registration

pytestmark = pytest.mark.django_db


def change_url(event):
    return reverse("admin:meetings_event_change", args=[event.pk])


def form_data(event, **changes):
    data = {
        "title": event.title,
        "kind": event.kind,
        "format": event.format,
        "status": event.status,
        "description": "",
        "starts_at_0": "2025-11-25",
        "starts_at_1": "09:00",
        "ends_at_0": "2025-11-25",
        "ends_at_1": "12:00",
        "place": "",
        "video_url": "",
        "dial_in": "",
        "capacity": "60",
        "registration_opens_at_0": "",
        "registration_opens_at_1": "",
        "registration_deadline_0": "2025-11-21",
        "registration_deadline_1": "16:00",
        "openness": event.openness,
        "reminder_days": "2",
        "guest_retention_days": "30",
    }
    for prefix in ("agenda", "attachments"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    data.update(changes)
    return data


def errors_of(response, field):
    return response.context["adminform"].form.errors.get(field)


def test_coordinator_sees_the_event_list_and_links_to_the_organising_pages(coordinator_client, event):
    assert coordinator_client.get(reverse("admin:meetings_event_changelist")).status_code == 200
    page = coordinator_client.get(change_url(event)).content.decode()
    assert reverse("meetings:organise_copy", kwargs={"pk": event.pk}) in page
    assert reverse("meetings:organise_series", kwargs={"pk": event.pk}) in page
    assert reverse("meetings:organise_groups", kwargs={"pk": event.pk}) in page
    assert reverse("meetings:organise_attachments", kwargs={"pk": event.pk}) in page


@pytest.mark.parametrize(
    "model", ["event", "registration", "invitation", "discussiongroup", "attachment", "participantreport", "survey"]
)
def test_every_meetings_model_has_a_list_for_coordinators(coordinator_client, model):
    assert coordinator_client.get(reverse(f"admin:meetings_{model}_changelist")).status_code == 200


def test_participant_is_not_let_into_the_admin(participant_client):
    response = participant_client.get(reverse("admin:meetings_event_changelist"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_coordinator_saves_an_event(coordinator_client, event):
    response = coordinator_client.post(change_url(event), form_data(event, title="Projektledarträff 2"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Projektledarträff 2"


def test_end_before_start_is_refused_on_the_end_field(coordinator_client, event):
    response = coordinator_client.post(change_url(event), form_data(event, ends_at_1="08:00"))
    assert response.status_code == 200
    assert errors_of(response, "ends_at") == ["The end must be after the start."]
    assert response.context["adminform"].form.non_field_errors() == []


def test_negative_capacity_is_refused(coordinator_client, event):
    response = coordinator_client.post(change_url(event), form_data(event, capacity="-1"))
    assert errors_of(response, "capacity") == ["The number of seats cannot be below zero."]


def test_capacity_below_the_seats_taken_names_the_number(coordinator_client, event, register):
    register("Anna Andersson")
    register("Bo Berg")
    register("Cecilia Ceder", status=Registration.Status.PENDING)
    register("Dan Dahl", status=Registration.Status.WAITING)  # waiting holds no seat
    response = coordinator_client.post(change_url(event), form_data(event, capacity="2"))
    assert errors_of(response, "capacity") == ["3 seats are already taken; the number of seats cannot be lower."]
    event.refresh_from_db()
    assert event.capacity == 60


def test_capacity_equal_to_the_seats_taken_is_fine(coordinator_client, event, register):
    register("Anna Andersson")
    response = coordinator_client.post(change_url(event), form_data(event, capacity="1"))
    assert response.status_code == 302


def test_deadline_after_the_start_is_refused(coordinator_client, event):
    response = coordinator_client.post(change_url(event), form_data(event, registration_deadline_0="2025-11-26"))
    assert errors_of(response, "registration_deadline") == ["The registration deadline must be no later than the start."]


def test_model_clean_holds_the_same_rules(event):
    from django.core.exceptions import ValidationError

    event.ends_at = event.starts_at
    with pytest.raises(ValidationError) as caught:
        event.full_clean()
    assert caught.value.message_dict["ends_at"] == ["The end must be after the start."]


def test_new_event_records_who_made_it(coordinator_client, coordinator):
    data = form_data(Event(title="Kunskapswebbinarium", kind="knowledge_webinar", format="digital",
                           status="draft", openness="anyone"))
    response = coordinator_client.post(reverse("admin:meetings_event_add"), data)
    assert response.status_code == 302
    assert Event.objects.get(title="Kunskapswebbinarium").created_by == coordinator


def test_event_list_makes_the_same_number_of_queries_for_many_events(
    coordinator_client, event, register, django_assert_num_queries
):
    url = reverse("admin:meetings_event_changelist")
    with django_assert_num_queries(QUERIES_EVENT_LIST):
        coordinator_client.get(url)
    for number in range(12):
        other = Event.objects.create(title=f"Webbinarium {number}", starts_at=event.starts_at, ends_at=event.ends_at)
        register(f"Person {number}", on=other)
    with django_assert_num_queries(QUERIES_EVENT_LIST):
        coordinator_client.get(url)


QUERIES_EVENT_LIST = 11


@pytest.mark.django_db(transaction=True)
def test_cancelling_in_the_form_tells_everyone_registered(coordinator_client, event, register, smtp_server):
    from django.core.management import call_command

    register("Anna Exempelsson", attended=False)
    register("Bo Vantelistsson", status=Registration.Status.WAITING, attended=False)
    response = coordinator_client.post(change_url(event), form_data(event, status="cancelled", place="Zoom"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.status, event.place) == ("cancelled", "Zoom")
    assert event.sequence == 2  # one for the new place, one for the cancellation

    call_command("db_worker", batch=True, no_startup_delay=True, queue_name="*", verbosity=0)
    smtp_server.wait_for(2)
    assert sorted(mail["to"] for mail in smtp_server.messages) == [["anna.exempelsson@example.org"], ["bo.vantelistsson@example.org"]]


@pytest.mark.django_db(transaction=True)
def test_the_cancel_action_cancels_each_event_once(coordinator_client, event, register, smtp_server):
    register("Anna Exempelsson", attended=False)
    changelist = reverse("admin:meetings_event_changelist")
    data = {"action": "cancel_events", "_selected_action": [event.pk]}
    coordinator_client.post(changelist, data)
    coordinator_client.post(changelist, data)
    event.refresh_from_db()
    assert event.status == "cancelled"
    assert event.sequence == 1


@pytest.mark.parametrize(
    ("language", "events", "message"),
    [
        ("en", 1, "1 event is cancelled. 1 registered person is told by e-mail."),
        ("en", 2, "2 events are cancelled. 2 registered people are told by e-mail."),
        ("sv", 1, "1 träff är inställd. 1 anmäld person får besked via e-post."),
        ("sv", 2, "2 träffar är inställda. 2 anmälda personer får besked via e-post."),
    ],
)
def test_the_cancel_action_says_how_many_in_each_language(coordinator_client, event, register, language, events, message):
    chosen = [event]
    if events == 2:
        webinar = Event.objects.create(
            kind=Event.Kind.WEBINAR,
            title="Webbinarium om förnybar energi",
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            capacity=30,
            status=Event.Status.PUBLISHED,
        )
        chosen.append(webinar)
    # One person registered for each event: one told for one event, two for two.
    for each, name in zip(chosen, ["Anna Exempelsson", "Bo Exempelsson"]):
        register(name, attended=False, on=each)
    with translation.override(language):
        changelist = reverse("admin:meetings_event_changelist")
    response = coordinator_client.post(
        changelist, {"action": "cancel_events", "_selected_action": [each.pk for each in chosen]}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [message]
