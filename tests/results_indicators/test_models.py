"""The database holds the rules even without the forms; the person's link goes on erasure; the admin."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from samverka.results.models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db


def refused(**changes):
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorValue.objects.filter(pk=changes.pop("pk")).update(**changes)


def test_constraints(project_a, make_value):
    value = make_value(project_a, "CO34", "12")
    refused(pk=value.pk, kind="target", phase="follow_up")
    refused(pk=value.pk, status="returned", reviewed_at=timezone.now(), review_comment="")
    refused(pk=value.pk, status="approved", reviewed_at=None)
    refused(pk=value.pk, kind="forecast")


def test_one_value_per_indicator_kind_phase_and_date(project_a, make_value):
    make_value(project_a, "CO34", "12")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_value(project_a, "CO34", "13")


def test_indicator_programme_only_when_programme_specific(programme, indicators):
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.filter(code="CO30").update(programme=programme)


def test_latest_approved_value_per_project(project_a, make_value):
    import datetime

    make_value(project_a, "CO34", "10", status="approved", reference_date=datetime.date(2020, 12, 31))
    newest = make_value(project_a, "CO34", "15", status="approved", reference_date=datetime.date(2021, 12, 31))
    make_value(project_a, "CO34", "99", reference_date=datetime.date(2022, 12, 31))  # not yet approved
    assert list(IndicatorValue.objects.counted().latest()) == [newest]


def test_erasing_the_reporter_keeps_the_value(project_a, leader_a, coordinator, make_value):
    from samverka.accounts.privacy import export_person, run_erasers

    value = make_value(project_a, "CO34", "12", reported_by=leader_a, status="approved", reviewed_by=coordinator)
    assert export_person(leader_a)["indicator_values_reported"] == [
        {"project": "Vätgas i Norrbotten", "indicator": "CO34", "kind": "achieved", "value": "12.000",
         "reference_date": "2021-12-31"},
    ]
    run_erasers(leader_a)
    run_erasers(coordinator)
    value.refresh_from_db()
    assert (value.reported_by, value.reviewed_by, value.value) == (None, None, 12)


def test_admin_lists_for_the_coordinator(coordinator_client, project_a, make_value):
    make_value(project_a, "CO34", "12")
    assert coordinator_client.get(reverse("admin:results_indicatorvalue_changelist")).status_code == 200
    assert coordinator_client.get(reverse("admin:results_indicator_changelist")).status_code == 200


def test_admin_approve_action(coordinator_client, coordinator, project_a, make_value):
    value = make_value(project_a, "CO34", "12")
    coordinator_client.post(
        reverse("admin:results_indicatorvalue_changelist"), {"action": "approve", "_selected_action": [value.pk]}
    )
    value.refresh_from_db()
    assert (value.status, value.reviewed_by) == ("approved", coordinator)


def test_admin_return_needs_a_comment(coordinator_client, project_a, make_value):
    value = make_value(project_a, "CO34", "12")
    with override("en"):
        url = reverse("admin:results_indicatorvalue_change", args=[value.pk])
    data = {
        "project": project_a.pk, "indicator": value.indicator_id, "kind": "achieved", "value": "12",
        "reference_date": "2021-12-31", "phase": "during", "breakdown": "{}", "status": "returned",
        "review_comment": "",
    }
    response = coordinator_client.post(url, data)
    assert response.status_code == 200
    assert "Say why the value is returned, so the project can correct it." in response.content.decode()
    value.refresh_from_db()
    assert value.status == "reported"


def test_project_leader_has_no_admin(leader_a_client):
    assert leader_a_client.get(reverse("admin:results_indicatorvalue_changelist")).status_code == 302
