"""The EU funding paid out so far: known for some projects, kept by coordinators, shown where known."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import override

from samverka.registry.models import Project

pytestmark = pytest.mark.django_db


def test_paid_out_is_optional(project_a):
    assert project_a.paid_out is None
    project_a.full_clean()


@pytest.mark.parametrize("amount", ["0", "3500000.50", "4500000"])  # may even exceed the EU funding granted
def test_zero_or_more_is_accepted(project_a, amount):
    project_a.paid_out = Decimal(amount)
    project_a.full_clean()


def test_negative_is_refused_with_a_clear_message(project_a):
    project_a.paid_out = Decimal("-1")
    with override("en"):
        with pytest.raises(ValidationError) as refused:
            project_a.full_clean()
        assert refused.value.message_dict == {"paid_out": ["The amount paid out cannot be negative."]}


def test_page_shows_the_amount_paid_out_when_known(client, project_a):
    project_a.paid_out = Decimal("3000000")
    project_a.save()

    html = client.get(f"/en/projekt/{project_a.pk}/").content.decode()
    assert '<p class="paid-out"><strong>Paid out:</strong> SEK 3,000,000 (75.0% of the EU funding granted)</p>' in html
    swedish = client.get(f"/projekt/{project_a.pk}/").content.decode()
    assert "3\xa0000\xa0000\xa0kr" in swedish and "75,0\xa0%" in swedish


def test_page_shows_nothing_paid_yet_as_zero(client, project_a):
    project_a.paid_out = Decimal("0")
    project_a.save()

    html = client.get(f"/en/projekt/{project_a.pk}/").content.decode()
    assert "<strong>Paid out:</strong> SEK 0 (0.0% of the EU funding granted)" in html


def test_page_says_nothing_when_not_known(client, project_a):
    html = client.get(f"/en/projekt/{project_a.pk}/").content.decode()
    assert 'class="paid-out"' not in html


def test_project_members_cannot_change_it(leader_a_client, project_a):
    project_a.paid_out = Decimal("1000000")
    project_a.save()

    leader_a_client.post(f"/projekt/{project_a.pk}/redigera/", {"summary": "Ny text.", "paid_out": "9999999"})

    project_a.refresh_from_db()
    assert (project_a.summary, project_a.paid_out) == ("Ny text.", Decimal("1000000.00"))


def test_coordinators_keep_it_in_the_admin(coordinator_client, project_a):
    page = coordinator_client.get(reverse("admin:registry_project_change", args=[project_a.pk])).content.decode()
    assert 'name="paid_out"' in page

