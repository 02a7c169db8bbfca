"""can_see_video_link as a table of person × registration status."""

import pytest
from django.contrib.auth.models import AnonymousUser

from samverka.meetings.models import Registration
from samverka.meetings.rules import can_manage_registrations, can_see_video_link

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.mark.parametrize(
    "status, expected",
    [
        (Status.REGISTERED, True),
        (Status.WAITING, False),
        (Status.PENDING, False),
        (Status.UNCONFIRMED, False),
        (Status.CANCELLED, False),
        (Status.DECLINED, False),
    ],
)
def test_only_a_registered_seat_sees_the_link(status, expected, webinar, participant):
    registration = Registration.objects.create(event=webinar, person=participant, email=participant.email, status=status)
    assert can_see_video_link(participant, webinar) is expected
    assert can_see_video_link(participant, registration) is expected
    assert can_see_video_link(AnonymousUser(), registration) is expected  # the holder of the secret link


def test_the_coordinator_sees_the_link_without_registering(webinar, coordinator):
    assert can_see_video_link(coordinator, webinar) is True


@pytest.mark.parametrize("who", ["anonymous", "participant", "leader_a"])
def test_nobody_else_sees_the_link(who, webinar, participant, leader_a):
    user = {"anonymous": AnonymousUser(), "participant": participant, "leader_a": leader_a}[who]
    assert can_see_video_link(user, webinar) is False


def test_someone_elses_registration_does_not_show_the_link(webinar, participant, leader_a):
    Registration.objects.create(event=webinar, person=leader_a, email=leader_a.email, status=Status.REGISTERED)
    assert can_see_video_link(participant, webinar) is False


def test_only_coordinators_manage_registrations(webinar, coordinator, leader_a):
    assert can_manage_registrations(coordinator, webinar) is True
    assert can_manage_registrations(leader_a, webinar) is False
    assert can_manage_registrations(AnonymousUser(), webinar) is False
