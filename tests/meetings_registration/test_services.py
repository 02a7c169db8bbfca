"""The registration workflows (services.py): seats, waiting list, approval, who may register, and
each "no" with its exact message and nothing saved."""

import datetime

import pytest
from django.utils import timezone, translation

from samverka.meetings import services
from samverka.meetings.models import Event, Invitation, Registration
from samverka.meetings.services import RegistrationRefused

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture(autouse=True)
def english():
    """The refusals below are compared with their English msgids; the Swedish has its own test."""
    with translation.override("en"):
        yield


def guest(event, name="Gunnel Gäst", email="gunnel@example.net", **extra):
    return services.register_guest(event=event, name=name, email=email, organisation_name="Luleå kommun", **extra)


def refused(call) -> str:
    with pytest.raises(RegistrationRefused) as error:
        call()
    return error.value.message


# --- Seats and the waiting list ---------------------------------------------------------------


def test_a_signed_in_person_is_registered_in_one_step(webinar, leader_a, project_a):
    registration = services.register_person(event=webinar, person=leader_a, project=project_a, consent=True)
    assert registration.status == Status.REGISTERED
    assert (registration.name, registration.email, registration.project) == ("Alva Ledare", "alva@example.org", project_a)
    assert registration.consents_to_invitations is True
    assert registration.waiting_since is None


def test_the_third_person_for_two_seats_waits(small_webinar, leader_a, leader_b, participant):
    services.register_person(event=small_webinar, person=leader_a)
    services.register_person(event=small_webinar, person=leader_b)
    third = services.register_person(event=small_webinar, person=participant)
    assert third.status == Status.WAITING
    assert third.waiting_since is not None


def test_no_capacity_means_no_limit(make_event, leader_a, leader_b, participant):
    event = make_event(capacity=None)
    for person in (leader_a, leader_b, participant):
        assert services.register_person(event=event, person=person).status == Status.REGISTERED


def test_cancelling_gives_the_seat_to_the_first_waiting(small_webinar, leader_a, leader_b, participant, official):
    first = services.register_person(event=small_webinar, person=leader_a)
    services.register_person(event=small_webinar, person=leader_b)
    waiting_first = services.register_person(event=small_webinar, person=participant)
    waiting_second = services.register_person(event=small_webinar, person=official)

    services.cancel_registration(registration=first)

    first.refresh_from_db()
    waiting_first.refresh_from_db()
    waiting_second.refresh_from_db()
    assert (first.status, first.cancelled_at is not None) == (Status.CANCELLED, True)
    assert (waiting_first.status, waiting_first.waiting_since) == (Status.REGISTERED, None)
    assert waiting_second.status == Status.WAITING


def test_the_waiting_list_goes_by_waiting_since_not_by_id(small_webinar, participant, official):
    small_webinar.capacity = 0
    small_webinar.save(update_fields=["capacity"])
    later = services.register_person(event=small_webinar, person=participant)
    earlier = services.register_person(event=small_webinar, person=official)
    Registration.objects.filter(pk=earlier.pk).update(waiting_since=later.waiting_since - datetime.timedelta(minutes=5))
    small_webinar.capacity = 1
    small_webinar.save(update_fields=["capacity"])

    [promoted] = services.promote_from_waiting_list(event=small_webinar)

    assert promoted.pk == earlier.pk


def test_raising_the_capacity_and_promoting_fills_every_new_seat(small_webinar, leader_a, leader_b, participant, official):
    for person in (leader_a, leader_b, participant, official):
        services.register_person(event=small_webinar, person=person)
    small_webinar.capacity = 10
    small_webinar.save(update_fields=["capacity"])
    assert len(services.promote_from_waiting_list(event=small_webinar)) == 2
    assert small_webinar.registrations.filter(status=Status.REGISTERED).count() == 4


def test_nobody_moves_up_for_a_cancelled_event(small_webinar, leader_a, leader_b, participant):
    first = services.register_person(event=small_webinar, person=leader_a)
    services.register_person(event=small_webinar, person=leader_b)
    services.register_person(event=small_webinar, person=participant)
    Event.objects.filter(pk=small_webinar.pk).update(status=Event.Status.CANCELLED)
    services.cancel_registration(registration=first)
    assert small_webinar.registrations.waiting().count() == 1


# --- Registering twice, and again after cancelling --------------------------------------------


def test_registering_twice_is_refused_and_changes_nothing(webinar, leader_a):
    registration = services.register_person(event=webinar, person=leader_a)
    message = refused(lambda: services.register_person(event=webinar, person=leader_a, consent=True))
    assert message == "You are already registered for this event."
    assert Registration.objects.count() == 1
    registration.refresh_from_db()
    assert registration.consents_to_invitations is False


def test_registering_twice_while_waiting_says_so(small_webinar, leader_a, leader_b, participant):
    services.register_person(event=small_webinar, person=leader_a)
    services.register_person(event=small_webinar, person=leader_b)
    services.register_person(event=small_webinar, person=participant)
    message = refused(lambda: services.register_person(event=small_webinar, person=participant))
    assert message == "You are already on the waiting list for this event."


def test_a_guest_address_registered_twice_is_refused_whatever_its_case(webinar):
    guest(webinar)
    message = refused(lambda: guest(webinar, email="Gunnel@Example.net"))
    assert message == "This address is already registered; follow the link in the e-mail we sent to confirm it."
    assert Registration.objects.count() == 1


def test_a_cancelled_registration_registers_again_in_the_same_row(webinar, leader_a):
    first = services.register_person(event=webinar, person=leader_a)
    services.cancel_registration(registration=first)
    again = services.register_person(event=webinar, person=leader_a)
    assert again.pk == first.pk
    assert (again.status, again.cancelled_at) == (Status.REGISTERED, None)


def test_cancelling_twice_is_refused(webinar, leader_a):
    registration = services.register_person(event=webinar, person=leader_a)
    services.cancel_registration(registration=registration)
    assert refused(lambda: services.cancel_registration(registration=registration)) == "This registration is already cancelled."


def test_a_declined_person_cannot_register_again(make_event, leader_a):
    event = make_event(requires_approval=True)
    registration = services.register_person(event=event, person=leader_a)
    services.decline_registration(registration=registration)
    assert refused(lambda: services.register_person(event=event, person=leader_a)) == (
        "Your registration for this event was not approved."
    )


# --- When registration is open ----------------------------------------------------------------


def test_after_the_deadline_is_refused_and_nothing_saved(make_event, leader_a):
    deadline = timezone.now() - datetime.timedelta(hours=1)
    event = make_event(registration_deadline=deadline)
    message = refused(lambda: services.register_person(event=event, person=leader_a))
    assert message.startswith("Registration closed ")
    assert Registration.objects.count() == 0


def test_before_opening_is_refused_and_nothing_saved(make_event, leader_a):
    event = make_event(registration_opens_at=timezone.now() + datetime.timedelta(days=1))
    message = refused(lambda: services.register_person(event=event, person=leader_a))
    assert message.startswith("Registration opens ")
    assert Registration.objects.count() == 0


def test_the_closing_message_gives_swedish_time(make_event, leader_a):
    from zoneinfo import ZoneInfo

    deadline = datetime.datetime(2020, 11, 20, 23, 0, tzinfo=datetime.UTC)  # midnight in Stockholm
    event = make_event(registration_deadline=deadline, starts_at=deadline + datetime.timedelta(days=5))
    assert deadline.astimezone(ZoneInfo("Europe/Stockholm")).hour == 0
    with translation.override("sv"):  # the default language
        message = refused(lambda: services.register_person(event=event, person=leader_a))
    assert message == "Anmälan stängde den 21 november 2020 00:00."


def test_a_started_event_without_deadline_is_closed(make_event, leader_a):
    event = make_event(starts_at=timezone.now() - datetime.timedelta(minutes=5))
    assert refused(lambda: services.register_person(event=event, person=leader_a)).startswith("Registration closed ")


def test_a_cancelled_event_is_refused(make_event, leader_a):
    event = make_event(status=Event.Status.CANCELLED)
    assert refused(lambda: services.register_person(event=event, person=leader_a)) == "The event is cancelled."
    assert Registration.objects.count() == 0


def test_a_draft_event_is_refused(make_event, leader_a):
    event = make_event(status=Event.Status.DRAFT)
    assert refused(lambda: services.register_person(event=event, person=leader_a)) == "This event is not published."
    assert Registration.objects.count() == 0


# --- Who may register -------------------------------------------------------------------------


def test_invited_only_refuses_an_outsider_and_saves_nothing(make_event, participant, portfolio):
    event = make_event(openness=Event.Openness.INVITED)
    event.invited_portfolios.add(portfolio)
    message = refused(lambda: services.register_person(event=event, person=participant))
    assert message == "This event is for invited participants only."
    assert Registration.objects.count() == 0


def test_invited_only_refuses_an_uninvited_guest(make_event):
    event = make_event(openness=Event.Openness.INVITED)
    assert refused(lambda: guest(event)) == "This event is for invited participants only."
    assert Registration.objects.count() == 0


def test_invited_only_takes_the_leader_of_a_project_in_an_invited_portfolio(make_event, leader_a, portfolio):
    event = make_event(openness=Event.Openness.INVITED)
    event.invited_portfolios.add(portfolio)
    assert services.register_person(event=event, person=leader_a).status == Status.REGISTERED


def test_invited_only_refuses_a_leader_whose_portfolio_is_not_invited(make_event, leader_a, other_portfolio):
    event = make_event(openness=Event.Openness.INVITED)
    event.invited_portfolios.add(other_portfolio)
    assert refused(lambda: services.register_person(event=event, person=leader_a)) == (
        "This event is for invited participants only."
    )


def test_invited_only_takes_an_invited_address_and_marks_the_invitation(make_event, official):
    event = make_event(openness=Event.Openness.INVITED)
    invitation = Invitation.objects.create(event=event, email="OLOF@example.org", status=Invitation.Status.SENT)
    services.register_person(event=event, person=official)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.REGISTERED
    assert invitation.answered_at is not None


def test_invited_only_takes_the_holder_of_an_invited_audience(make_event, official):
    from samverka.accounts.models import Audience

    event = make_event(openness=Event.Openness.INVITED)
    event.invited_audiences.add(Audience.objects.get(code=Audience.Code.REGIONAL_OFFICIAL))
    assert services.register_person(event=event, person=official).status == Status.REGISTERED


def test_signed_in_only_refuses_a_guest(make_event):
    event = make_event(openness=Event.Openness.SIGNED_IN)
    assert refused(lambda: guest(event)) == "Sign in to register for this event."
    assert Registration.objects.count() == 0


def test_a_person_may_only_represent_their_own_project(webinar, leader_a, project_b):
    message = refused(lambda: services.register_person(event=webinar, person=leader_a, project=project_b))
    assert message == "You can only represent a project you take part in."
    assert Registration.objects.count() == 0


# --- Guests -----------------------------------------------------------------------------------


def test_a_guest_holds_no_seat_until_confirmed(small_webinar):
    registration = guest(small_webinar)
    assert registration.status == Status.UNCONFIRMED
    assert small_webinar.registrations.holding_seats().count() == 0
    services.confirm_guest(registration=registration)
    registration.refresh_from_db()
    assert registration.status == Status.REGISTERED


def test_a_guest_confirming_for_a_full_event_waits(small_webinar, leader_a, leader_b):
    registration = guest(small_webinar)
    services.register_person(event=small_webinar, person=leader_a)
    services.register_person(event=small_webinar, person=leader_b)
    assert services.confirm_guest(registration=registration).status == Status.WAITING


def test_confirming_twice_changes_nothing(webinar):
    registration = services.confirm_guest(registration=guest(webinar))
    updated = registration.updated_at
    assert services.confirm_guest(registration=registration).status == Status.REGISTERED
    registration.refresh_from_db()
    assert registration.updated_at == updated


def test_confirming_a_cancelled_guest_is_refused(webinar):
    registration = guest(webinar)
    services.cancel_registration(registration=registration)
    assert refused(lambda: services.confirm_guest(registration=registration)) == "This registration is no longer valid."


def test_confirming_marks_the_guests_invitation(make_event):
    event = make_event(openness=Event.Openness.INVITED)
    invitation = Invitation.objects.create(event=event, email="gunnel@example.net", status=Invitation.Status.OPENED)
    services.confirm_guest(registration=guest(event))
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.REGISTERED


# --- Approval ---------------------------------------------------------------------------------


def test_with_approval_a_registration_is_pending_and_holds_a_seat(make_event, leader_a, leader_b, participant):
    event = make_event(requires_approval=True, capacity=2)
    first = services.register_person(event=event, person=leader_a)
    services.register_person(event=event, person=leader_b)
    assert first.status == Status.PENDING
    assert services.register_person(event=event, person=participant).status == Status.WAITING


def test_approving_registers(make_event, leader_a):
    event = make_event(requires_approval=True)
    registration = services.approve_registration(registration=services.register_person(event=event, person=leader_a))
    assert registration.status == Status.REGISTERED


def test_declining_frees_the_seat_for_the_waiting_list(make_event, leader_a, participant):
    event = make_event(requires_approval=True, capacity=1)
    pending = services.register_person(event=event, person=leader_a)
    waiting = services.register_person(event=event, person=participant)
    services.decline_registration(registration=pending)
    waiting.refresh_from_db()
    assert waiting.status == Status.PENDING  # moved up, and still needs approval


def test_approving_what_is_not_pending_is_refused(webinar, leader_a):
    registration = services.register_person(event=webinar, person=leader_a)
    assert refused(lambda: services.approve_registration(registration=registration)) == (
        "Only a registration awaiting approval can be approved."
    )
    assert refused(lambda: services.decline_registration(registration=registration)) == (
        "Only a registration awaiting approval can be declined."
    )
