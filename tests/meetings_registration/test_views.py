"""The public and participant pages: lists, the event page, registering and cancelling through
the pages, the secret link, my registrations, the coordinator's list; the no cases; the video
link never in public HTML; pinned query counts."""

import datetime

import pytest
from django.utils import timezone

from samverka.meetings import services
from samverka.meetings.models import AgendaItem, Event, Registration

pytestmark = pytest.mark.django_db

Status = Registration.Status
VIDEO = "zoom.example.org/j/99911122233"
DIAL_IN = "mötes-id 999 1112 2233"


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def make_registrations(event, count, status=Status.REGISTERED):
    Registration.objects.bulk_create(
        Registration(event=event, name=f"Gäst {n}", email=f"gast{n}@example.net", status=status) for n in range(count)
    )


# --- The lists --------------------------------------------------------------------------------


def test_the_list_shows_upcoming_published_events_with_seats_left(client, make_event):
    make_event(title="Webbinarium om solel", capacity=40)
    make_event(title="Utkastet", status=Event.Status.DRAFT)
    make_event(title="Förra året", starts_at=timezone.now() - datetime.timedelta(days=300))
    html = page(client, "/en/traffar/")
    assert "Webbinarium om solel" in html
    assert "40 seats left of 40" in html
    assert "Webinar · Digital" in " ".join(html.split())
    assert "Utkastet" not in html and "Förra året" not in html


def test_the_list_shows_times_in_stockholm(client, make_event):
    make_event(starts_at=datetime.datetime(2030, 6, 10, 12, 0, tzinfo=datetime.UTC))  # 14:00 summer time
    assert "10 June 2030, 14:00" in page(client, "/en/traffar/")


def test_a_full_event_says_so_in_the_list(client, small_webinar):
    make_registrations(small_webinar, 2)
    assert "Full – join the waiting list" in " ".join(page(client, "/en/traffar/").split())


def test_the_past_list_shows_past_events(client, make_event):
    make_event(title="Förra året", starts_at=timezone.now() - datetime.timedelta(days=300))
    make_event(title="Nästa vecka")
    html = page(client, "/en/traffar/tidigare/")
    assert "Förra året" in html and "Nästa vecka" not in html


def test_the_list_filters_by_kind_format_and_portfolio(client, make_event, portfolio, other_portfolio):
    meeting = make_event(title="Projektledarträff", kind=Event.Kind.LEADER_MEETING)
    meeting.invited_portfolios.add(portfolio)
    other = make_event(title="Träff på plats", kind=Event.Kind.LEADER_MEETING, format=Event.Format.ON_SITE)
    other.invited_portfolios.add(other_portfolio)
    make_event(title="Webbinariet")
    html = page(client, "/en/traffar/?kind=leader_meeting&portfolio=fornybar-energi")
    assert "Projektledarträff" in html and "Träff på plats" not in html and "Webbinariet" not in html
    html = page(client, "/en/traffar/?format=on_site")
    assert "Träff på plats" in html and "Projektledarträff" not in html


def test_a_bad_filter_value_is_ignored(client, webinar):
    assert webinar.title in page(client, "/en/traffar/?kind=nonsense&portfolio=nowhere")


def test_the_list_answers_post_with_405(client):
    assert client.post("/en/traffar/").status_code == 405


# --- The event page ---------------------------------------------------------------------------


def test_the_event_page_shows_what_the_event_is(client, make_event, portfolio):
    event = make_event(place="Teknikens hus, Luleå", format=Event.Format.HYBRID, capacity=40)
    event.invited_portfolios.add(portfolio)
    AgendaItem.objects.create(event=event, starts_at=datetime.time(14, 0), ends_at=datetime.time(14, 30), title="Välkomna")
    make_registrations(event, 3)
    html = page(client, f"/en/traffar/{event.pk}/")
    assert "<strong>erfarenheter</strong>" in html  # Markdown
    assert "Teknikens hus, Luleå" in html and "Hybrid" in html
    assert "14:00–14:30" in html and "Välkomna" in html
    assert "3 registered of 40 seats" in html
    assert "Renewable energy" in html


def test_the_event_page_lists_attachments_with_type_and_size(client, webinar):
    from django.core.files.base import ContentFile

    from samverka.meetings.models import Attachment

    attachment = Attachment(
        event=webinar, title="Anteckningar från träffen den 25 november", content_type="application/pdf", size=271000
    )
    attachment.file.save("anteckningar.pdf", ContentFile(b"%PDF-1.4"), save=True)
    assert "Anteckningar från träffen den 25 november, PDF, 271 kB" in page(client, f"/en/traffar/{webinar.pk}/")


def test_the_waiting_list_length_is_shown(client, small_webinar):
    make_registrations(small_webinar, 2)
    Registration.objects.create(event=small_webinar, email="w@example.net", status=Status.WAITING, waiting_since=timezone.now())
    assert "2 registered of 2 seats; 1 on the waiting list" in page(client, f"/en/traffar/{small_webinar.pk}/")


def test_a_draft_is_404_for_everyone_but_coordinators(client, participant_client, coordinator_client, make_event):
    draft = make_event(status=Event.Status.DRAFT)
    assert client.get(f"/en/traffar/{draft.pk}/").status_code == 404
    assert participant_client.get(f"/en/traffar/{draft.pk}/").status_code == 404
    assert "Draft: only coordinators see this page." in page(coordinator_client, f"/en/traffar/{draft.pk}/")


def test_an_unknown_event_is_404(client):
    assert client.get("/en/traffar/999999/").status_code == 404


def test_the_event_page_answers_post_with_405(client, webinar):
    assert client.post(f"/en/traffar/{webinar.pk}/").status_code == 405


def test_a_cancelled_event_says_so_and_offers_no_form(client, make_event):
    event = make_event(status=Event.Status.CANCELLED)
    html = page(client, f"/en/traffar/{event.pk}/")
    assert html.count("The event is cancelled.") == 2  # the notice and the registration box
    assert 'name="guest-email"' not in html


def test_the_guest_form_states_purpose_and_legal_basis(client, webinar):
    html = " ".join(page(client, f"/en/traffar/{webinar.pk}/").split())
    assert "We use your name, e-mail address and organisation to run this event" in html
    assert "The legal basis is a task in the public interest" in html
    assert "erased 30 days after the event" in html
    assert "You may invite me to future events of the network." in html


def test_the_signed_in_form_offers_only_the_persons_projects(leader_a_client, webinar, project_a, project_b):
    html = page(leader_a_client, f"/en/traffar/{webinar.pk}/")
    assert project_a.title in html and project_b.title not in html


# --- The video link ---------------------------------------------------------------------------


@pytest.fixture
def video_people(webinar, participant, official, leader_b):
    """On a full event: Petra registered, Olof on the waiting list, Bengt cancelled."""
    webinar.capacity = 1
    webinar.save(update_fields=["capacity"])
    services.register_person(event=webinar, person=participant)
    services.register_person(event=webinar, person=official)
    services.cancel_registration(registration=services.register_person(event=webinar, person=leader_b))
    assert dict(webinar.registrations.values_list("email", "status")) == {
        "petra@example.org": Status.REGISTERED, "olof@example.org": Status.WAITING, "bengt@example.org": Status.CANCELLED,
    }
    return webinar


@pytest.mark.parametrize("who", ["anonymous", "outsider", "waiting", "cancelled"])
def test_the_video_link_is_not_in_the_page(who, video_people, client, leader_a_client, official_client, leader_b_client):
    viewer = {"anonymous": client, "outsider": leader_a_client, "waiting": official_client, "cancelled": leader_b_client}[who]
    html = page(viewer, f"/en/traffar/{video_people.pk}/")
    assert VIDEO not in html and DIAL_IN not in html


@pytest.mark.parametrize("who", ["registered", "coordinator"])
def test_the_video_link_is_in_the_page(who, video_people, participant_client, coordinator_client):
    viewer = {"registered": participant_client, "coordinator": coordinator_client}[who]
    html = page(viewer, f"/en/traffar/{video_people.pk}/")
    assert VIDEO in html and DIAL_IN in html


def test_the_video_link_is_on_the_registered_persons_token_page_only(client, video_people):
    registered, waiting = (video_people.registrations.get(email=e) for e in ("petra@example.org", "olof@example.org"))
    assert VIDEO in page(client, f"/en/traffar/anmalan/{registered.token}/")
    assert VIDEO not in page(client, f"/en/traffar/anmalan/{waiting.token}/")


def test_the_video_link_is_not_in_the_lists(client, coordinator_client, video_people):
    assert VIDEO not in page(client, "/en/traffar/")
    assert VIDEO not in page(coordinator_client, "/en/traffar/")


# --- Registering through the pages ------------------------------------------------------------


def test_a_signed_in_person_registers_in_one_click(leader_a_client, leader_a, webinar, project_a):
    response = leader_a_client.post(
        f"/en/traffar/{webinar.pk}/anmal/", {"person-project": project_a.pk, "person-consent": "on"}, follow=True
    )
    assert "You are registered. A confirmation is on its way to your e-mail." in response.content.decode()
    registration = webinar.registrations.get()
    assert (registration.person, registration.project, registration.consents_to_invitations) == (leader_a, project_a, True)
    assert registration.language == "en"


def test_registering_twice_through_the_page_says_so(participant_client, webinar):
    participant_client.post(f"/en/traffar/{webinar.pk}/anmal/")
    response = participant_client.post(f"/en/traffar/{webinar.pk}/anmal/", follow=True)
    assert "You are already registered for this event." in response.content.decode()
    assert webinar.registrations.count() == 1


def test_a_full_event_puts_the_person_on_the_waiting_list(participant_client, small_webinar):
    make_registrations(small_webinar, 2)
    assert "Join the waiting list" in page(participant_client, f"/en/traffar/{small_webinar.pk}/")
    response = participant_client.post(f"/en/traffar/{small_webinar.pk}/anmal/", follow=True)
    assert "you are on the waiting list" in response.content.decode()


def test_a_guest_registers_and_is_asked_to_confirm(client, webinar, project_a):
    response = client.post(
        f"/en/traffar/{webinar.pk}/anmal/",
        {"guest-name": "Gunnel Gäst", "guest-email": "gunnel@example.net", "guest-organisation_name": "Luleå kommun",
         "guest-case_number": project_a.case_number},
        follow=True,
    )
    assert "Almost done: we have sent you an e-mail" in response.content.decode()
    registration = webinar.registrations.get()
    assert (registration.status, registration.project, registration.consents_to_invitations) == (
        Status.UNCONFIRMED, project_a, False,
    )


def test_the_guest_form_keeps_what_was_typed_and_shows_errors_by_the_field(client, webinar):
    response = client.post(
        f"/en/traffar/{webinar.pk}/anmal/",
        {"guest-name": "Gunnel Gäst", "guest-email": "not-an-address", "guest-organisation_name": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Gunnel Gäst"' in html and 'value="not-an-address"' in html
    assert '<p class="error-message" id="id_guest-email_error">Enter a valid email address.</p>' in html
    assert 'aria-describedby="id_guest-email_helptext id_guest-email_error"' in html
    assert '<p class="error-message" id="id_guest-organisation_name_error">This field is required.</p>' in html
    assert not Registration.objects.exists()


def test_an_unknown_case_number_is_an_error_by_the_field(client, webinar):
    response = client.post(
        f"/en/traffar/{webinar.pk}/anmal/",
        {"guest-name": "G", "guest-email": "g@example.net", "guest-organisation_name": "O", "guest-case_number": "123"},
    )
    assert "No project has the case number 123." in response.content.decode()
    assert not Registration.objects.exists()


def test_registering_after_the_deadline_through_the_page(participant_client, make_event):
    event = make_event(registration_deadline=timezone.now() - datetime.timedelta(minutes=1))
    response = participant_client.post(f"/en/traffar/{event.pk}/anmal/", follow=True)
    assert "Registration closed " in response.content.decode()
    assert not Registration.objects.exists()


def test_invited_only_through_the_page(participant_client, make_event):
    event = make_event(openness=Event.Openness.INVITED)
    response = participant_client.post(f"/en/traffar/{event.pk}/anmal/", follow=True)
    assert "This event is for invited participants only." in response.content.decode()
    assert not Registration.objects.exists()


def test_registering_for_a_draft_is_404(participant_client, make_event):
    event = make_event(status=Event.Status.DRAFT)
    assert participant_client.post(f"/en/traffar/{event.pk}/anmal/").status_code == 404


def test_signed_in_only_asks_a_guest_to_sign_in(client, make_event):
    event = make_event(openness=Event.Openness.SIGNED_IN)
    html = page(client, f"/en/traffar/{event.pk}/")
    assert "to register for this event." in html and 'name="guest-email"' not in html


def test_register_answers_get_with_405(participant_client, webinar):
    assert participant_client.get(f"/en/traffar/{webinar.pk}/anmal/").status_code == 405


# --- Cancelling -------------------------------------------------------------------------------


def test_a_signed_in_person_cancels_from_the_event_page(participant_client, participant, small_webinar, official):
    services.register_person(event=small_webinar, person=participant)
    make_registrations(small_webinar, 1)
    waiting = services.register_person(event=small_webinar, person=official)
    response = participant_client.post(f"/en/traffar/{small_webinar.pk}/avboka/", follow=True)
    assert "Your registration is cancelled." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == Status.REGISTERED


def test_cancel_own_without_a_registration_is_404(participant_client, webinar):
    assert participant_client.post(f"/en/traffar/{webinar.pk}/avboka/").status_code == 404


def test_cancel_own_needs_sign_in(client, webinar):
    response = client.post(f"/en/traffar/{webinar.pk}/avboka/")
    assert response.status_code == 302 and "/konto/" in response["Location"]


def test_cancel_by_the_secret_link_without_signing_in(client, webinar):
    registration = services.register_guest(event=webinar, name="G", email="g@example.net", organisation_name="O")
    html = page(client, f"/en/traffar/anmalan/{registration.token}/")
    assert "Cancel my registration" in html
    response = client.post(f"/en/traffar/anmalan/{registration.token}/avboka/", follow=True)
    assert "Your registration is cancelled." in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


def test_cancelling_twice_by_the_link_says_so(client, webinar):
    registration = services.register_guest(event=webinar, name="G", email="g@example.net", organisation_name="O")
    client.post(f"/en/traffar/anmalan/{registration.token}/avboka/")
    response = client.post(f"/en/traffar/anmalan/{registration.token}/avboka/", follow=True)
    assert "This registration is already cancelled." in response.content.decode()


def test_an_unknown_token_is_404(client):
    assert client.get("/en/traffar/anmalan/no-such-token/").status_code == 404
    assert client.post("/en/traffar/anmalan/no-such-token/avboka/").status_code == 404
    assert client.get("/en/traffar/anmalan/no-such-token/bekrafta/").status_code == 404


def test_the_cancel_link_answers_get_with_405(client, webinar):
    registration = services.register_guest(event=webinar, name="G", email="g@example.net", organisation_name="O")
    assert client.get(f"/en/traffar/anmalan/{registration.token}/avboka/").status_code == 405


def test_a_guest_confirms_by_the_link(client, webinar):
    registration = services.register_guest(event=webinar, name="G", email="g@example.net", organisation_name="O")
    assert "Confirm my registration" in page(client, f"/en/traffar/anmalan/{registration.token}/bekrafta/")
    registration.refresh_from_db()
    assert registration.status == Status.UNCONFIRMED  # opening the link confirms nothing
    response = client.post(f"/en/traffar/anmalan/{registration.token}/bekrafta/", follow=True)
    assert "You are registered." in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.REGISTERED


# --- My registrations -------------------------------------------------------------------------


def test_my_registrations_lists_mine_only(participant_client, participant, leader_a, make_event):
    mine = make_event(title="Min träff")
    services.register_person(event=mine, person=participant)
    services.register_person(event=make_event(title="Någon annans"), person=leader_a)
    html = page(participant_client, "/en/traffar/mina/")
    assert "Min träff" in html and "Någon annans" not in html


def test_my_registrations_needs_sign_in(client):
    response = client.get("/en/traffar/mina/")
    assert response.status_code == 302 and "/konto/" in response["Location"]


# --- The coordinator's list -------------------------------------------------------------------


def test_the_coordinator_approves_and_declines(coordinator_client, make_event, leader_a, leader_b):
    event = make_event(requires_approval=True)
    alva = services.register_person(event=event, person=leader_a)
    bengt = services.register_person(event=event, person=leader_b)
    html = page(coordinator_client, f"/en/traffar/{event.pk}/anmalningar/")
    assert "alva@example.org" in html and "Awaiting approval" in html
    response = coordinator_client.post(f"/en/traffar/{event.pk}/anmalningar/{alva.pk}/godkann/", follow=True)
    assert "Alva Ledare is approved." in response.content.decode()
    response = coordinator_client.post(f"/en/traffar/{event.pk}/anmalningar/{bengt.pk}/avsla/", follow=True)
    assert "Bengt Ledare is declined." in response.content.decode()
    assert dict(event.registrations.values_list("person", "status")) == {
        leader_a.pk: Status.REGISTERED, leader_b.pk: Status.DECLINED,
    }


def test_approving_twice_says_so(coordinator_client, make_event, leader_a):
    event = make_event(requires_approval=True)
    alva = services.register_person(event=event, person=leader_a)
    coordinator_client.post(f"/en/traffar/{event.pk}/anmalningar/{alva.pk}/godkann/")
    response = coordinator_client.post(f"/en/traffar/{event.pk}/anmalningar/{alva.pk}/godkann/", follow=True)
    assert "Only a registration awaiting approval can be approved." in response.content.decode()


def test_the_coordinators_list_is_for_coordinators(client, participant_client, webinar):
    assert participant_client.get(f"/en/traffar/{webinar.pk}/anmalningar/").status_code == 403
    assert client.get(f"/en/traffar/{webinar.pk}/anmalningar/").status_code == 302


def test_an_outsider_cannot_approve(leader_a_client, make_event, leader_b):
    event = make_event(requires_approval=True)
    bengt = services.register_person(event=event, person=leader_b)
    assert leader_a_client.post(f"/en/traffar/{event.pk}/anmalningar/{bengt.pk}/godkann/").status_code == 403
    bengt.refresh_from_db()
    assert bengt.status == Status.PENDING


def test_approving_a_registration_of_another_event_is_404(coordinator_client, make_event, leader_a):
    event, other = make_event(requires_approval=True), make_event(requires_approval=True)
    alva = services.register_person(event=other, person=leader_a)
    assert coordinator_client.post(f"/en/traffar/{event.pk}/anmalningar/{alva.pk}/godkann/").status_code == 404


def test_approve_answers_get_with_405(coordinator_client, make_event, leader_a):
    event = make_event(requires_approval=True)
    alva = services.register_person(event=event, person=leader_a)
    assert coordinator_client.get(f"/en/traffar/{event.pk}/anmalningar/{alva.pk}/godkann/").status_code == 405


# --- Swedish ----------------------------------------------------------------------------------


def test_the_event_page_in_swedish_uses_the_site_catalogue(client, webinar):
    html = page(client, f"/traffar/{webinar.pk}/")
    assert 'lang="sv"' in html and "Hoppa till innehållet" in html


# --- Query counts -----------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [3, 300])
def test_the_list_makes_a_fixed_number_of_queries(rows, client, make_event, django_assert_num_queries):
    for n in range(3):
        event = make_event(title=f"Träff {n}")
        Registration.objects.bulk_create(
            Registration(event=event, email=f"p{n}-{i}@example.net", status=Status.REGISTERED) for i in range(rows)
        )
    # count for the paginator, the page of events with seats, the portfolios of the filter
    with django_assert_num_queries(3):
        client.get("/en/traffar/")


@pytest.mark.parametrize("rows", [3, 300])
def test_the_event_page_makes_a_fixed_number_of_queries(rows, client, participant_client, participant, make_event, portfolio,
                                                          django_assert_num_queries):
    event = make_event(capacity=1000)
    event.invited_portfolios.add(portfolio)
    AgendaItem.objects.create(event=event, starts_at=datetime.time(14, 0), title="Välkomna")
    make_registrations(event, rows)
    # event with seats, agenda, attachments, portfolios, audiences, the event's polls
    with django_assert_num_queries(6):
        client.get(f"/en/traffar/{event.pk}/")
    services.register_person(event=event, person=participant)
    # + session, user, the person's registration
    with django_assert_num_queries(9):
        participant_client.get(f"/en/traffar/{event.pk}/")


@pytest.mark.parametrize("rows", [3, 30])
def test_my_registrations_make_a_fixed_number_of_queries(rows, participant_client, participant, make_event,
                                                          django_assert_num_queries):
    for n in range(rows):
        services.register_person(event=make_event(title=f"Träff {n}"), person=participant)
    # session, user, the registrations with their events and projects
    with django_assert_num_queries(3):
        participant_client.get("/en/traffar/mina/")


@pytest.mark.parametrize("rows", [3, 300])
def test_the_coordinators_list_makes_a_fixed_number_of_queries(rows, coordinator_client, make_event, project_a,
                                                                django_assert_num_queries):
    event = make_event(capacity=None)
    Registration.objects.bulk_create(
        Registration(event=event, email=f"p{i}@example.net", status=Status.PENDING, project=project_a) for i in range(rows)
    )
    # session, user, event, the registrations with projects and people
    with django_assert_num_queries(4):
        coordinator_client.get(f"/en/traffar/{event.pk}/anmalningar/")
