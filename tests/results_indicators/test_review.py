"""Coordinators review reported values: approve, or return with a comment; the "no" cases."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from samverka.results.models import IndicatorValue

pytestmark = pytest.mark.django_db


def en(name, **kwargs):
    with override("en"):
        return reverse(name, kwargs=kwargs)


def decide(client, value, decision, comment=""):
    return client.post(
        en("results:review_value", pk=value.pk), {f"v{value.pk}-decision": decision, f"v{value.pk}-comment": comment}
    )


def test_review_list_shows_reported_values_only(coordinator_client, project_a, make_value):
    make_value(project_a, "CO34", "12")
    make_value(project_a, "CO30", "3", status=IndicatorValue.Status.APPROVED)
    page = coordinator_client.get(en("results:review_list")).content.decode()
    assert "CO34 Estimated annual decrease of GHG" in page and "CO30" not in page


def test_approve(coordinator_client, coordinator, project_a, make_value):
    value = make_value(project_a, "CO34", "12")
    response = decide(coordinator_client, value, "approve")
    assert response.status_code == 302
    value.refresh_from_db()
    assert (value.status, value.reviewed_by) == (IndicatorValue.Status.APPROVED, coordinator)
    assert value.reviewed_at is not None
    page = coordinator_client.get(response["Location"]).content.decode()
    assert "CO34 for Vätgas i Norrbotten is approved." in page


def test_return_with_a_comment(coordinator_client, project_a, make_value, leader_a_client):
    value = make_value(project_a, "CO34", "12")
    decide(coordinator_client, value, "return", "Räkna om i ton.")
    value.refresh_from_db()
    assert (value.status, value.review_comment) == (IndicatorValue.Status.RETURNED, "Räkna om i ton.")
    page = leader_a_client.get(en("results:project_indicators", pk=project_a.pk)).content.decode()
    assert "returned: Räkna om i ton." in page


def test_return_without_a_comment(coordinator_client, project_a, make_value):
    value = make_value(project_a, "CO34", "12")
    response = decide(coordinator_client, value, "return", "  ")
    assert response.status_code == 200
    assert "Say why the value is returned, so the project can correct it." in response.content.decode()
    value.refresh_from_db()
    assert value.status == IndicatorValue.Status.REPORTED


def test_no_decision(coordinator_client, project_a, make_value):
    value = make_value(project_a, "CO34", "12")
    response = decide(coordinator_client, value, "maybe")
    assert "Select a valid choice. maybe is not one of the available choices." in response.content.decode()


def test_project_leader_may_not_review(leader_a_client, project_a, make_value):
    value = make_value(project_a, "CO34", "12")
    assert leader_a_client.get(en("results:review_list")).status_code == 403
    assert decide(leader_a_client, value, "approve").status_code == 403
    value.refresh_from_db()
    assert value.status == IndicatorValue.Status.REPORTED


def test_anonymous_is_sent_to_sign_in(client, project_a, make_value):
    value = make_value(project_a, "CO34", "12")
    assert "/login/" in client.get(en("results:review_list"))["Location"]
    assert "/login/" in decide(client, value, "approve")["Location"]


def test_missing_value(coordinator_client):
    assert coordinator_client.post(en("results:review_value", pk=999999), {}).status_code == 404


def test_wrong_methods(coordinator_client, project_a, make_value):
    value = make_value(project_a, "CO34", "12")
    assert coordinator_client.get(en("results:review_value", pk=value.pk)).status_code == 405
    assert coordinator_client.post(en("results:review_list")).status_code == 405


@pytest.mark.parametrize("number", [1, 25])
def test_review_list_query_count(coordinator_client, project_a, make_value, django_assert_num_queries, number):
    import datetime

    for day in range(number):
        make_value(project_a, "CO34", "12", reference_date=datetime.date(2021, 1, 1) + datetime.timedelta(days=day))
    # session, person, values with their project, indicator and reporter
    with django_assert_num_queries(3):
        coordinator_client.get(en("results:review_list"))
