"""Who is who: the predicates as a table of person × state."""

import pytest
from django.contrib.auth.models import AnonymousUser

from samverka.accounts.rules import can_invite, is_coordinator, is_signed_in
from samverka.accounts.services import erase_person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "who, signed_in, coordinates",
    [
        ("anonymous", False, False),
        ("participant", True, False),
        ("leader_a", True, False),
        ("official", True, False),
        ("coordinator", True, True),
    ],
)
def test_table(request, who, signed_in, coordinates):
    person = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    assert is_signed_in(person) is signed_in
    assert is_coordinator(person) is coordinates
    assert can_invite(person) is coordinates


def test_inactive_coordinator_is_no_coordinator(coordinator):
    coordinator.is_active = False
    assert not is_coordinator(coordinator) and not is_signed_in(coordinator)


def test_erased_coordinator_is_nobody(coordinator):
    erase_person(person=coordinator)
    assert not is_coordinator(coordinator) and not is_signed_in(coordinator)
    assert not coordinator.is_staff
