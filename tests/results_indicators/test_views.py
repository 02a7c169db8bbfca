"""A project's indicator page: reporting values, each bad input with its message, the "no" cases."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.translation import override

from samverka.results.models import IndicatorValue

pytestmark = pytest.mark.django_db


def en(name, **kwargs):
    with override("en"):
        return reverse(name, kwargs=kwargs)


def form(chosen, value="12", **fields):
    data = {
        "indicator": str(chosen.pk),
        "kind": "achieved",
        "phase": "during",
        "value": value,
        "reference_date": "2021-12-31",
    }
    data.update(fields)
    return data


def errors(response, field):
    return response.context["form"].errors.get(field)


def test_leader_sees_the_form_with_units(leader_a_client, project_a, indicators):
    page = leader_a_client.get(en("results:project_indicators", pk=project_a.pk)).content.decode()
    assert "CO34 Estimated annual decrease of GHG (tonnes of CO2eq)" in page
    assert 'inputmode="decimal"' in page


def test_only_the_projects_period_is_offered(leader_a_client, project_a, indicators):
    page = leader_a_client.get(en("results:project_indicators", pk=project_a.pk)).content.decode()
    assert "RCR29" not in page  # project A is a 2014–2020 project


def test_leader_reports_a_value_in_swedish_form(leader_a_client, leader_a, project_a, indicators):
    response = leader_a_client.post(
        en("results:project_indicators", pk=project_a.pk), form(indicators["CO34"], "1 234,5 ton")
    )
    assert response.status_code == 302
    value = IndicatorValue.objects.get()
    assert (value.value, value.status, value.reported_by, value.project) == (
        Decimal("1234.5"), IndicatorValue.Status.REPORTED, leader_a, project_a,
    )
    page = leader_a_client.get(response["Location"]).content.decode()
    assert "The value is reported. A coordinator reviews it before it counts in the statistics." in page
    assert "1,234.5 tonnes of CO2eq" in page


def test_coordinator_reports_for_any_project(coordinator_client, project_b, indicators):
    response = coordinator_client.post(en("results:project_indicators", pk=project_b.pk), form(indicators["CO30"], "3"))
    assert response.status_code == 302 and IndicatorValue.objects.filter(project=project_b).count() == 1


def test_reporting_again_replaces_an_unapproved_value(leader_a_client, project_a, indicators, make_value):
    make_value(project_a, "CO34", "10", status=IndicatorValue.Status.RETURNED)
    leader_a_client.post(en("results:project_indicators", pk=project_a.pk), form(indicators["CO34"], "11"))
    value = IndicatorValue.objects.get()
    assert (value.value, value.status) == (Decimal("11"), IndicatorValue.Status.REPORTED)


def test_an_approved_value_is_not_replaced(leader_a_client, project_a, indicators, make_value):
    make_value(project_a, "CO34", "10", status=IndicatorValue.Status.APPROVED)
    response = leader_a_client.post(en("results:project_indicators", pk=project_a.pk), form(indicators["CO34"], "11"))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "The value for this date is already approved; ask a coordinator to return it before you change it."
    ]
    assert IndicatorValue.objects.get().value == Decimal("10")


def test_negative(leader_a_client, project_a, indicators):
    response = leader_a_client.post(en("results:project_indicators", pk=project_a.pk), form(indicators["CO01"], "-3"))
    assert response.status_code == 200
    assert errors(response, "value") == ["This indicator cannot be negative."]
    assert 'value="-3"' in response.content.decode()  # what was typed is kept
    assert not IndicatorValue.objects.exists()


def test_wrong_unit(leader_a_client, project_a, indicators):
    response = leader_a_client.post(
        en("results:project_indicators", pk=project_a.pk), form(indicators["CO34"], "12 MWh")
    )
    assert errors(response, "value") == ["This indicator is measured in tonnes of CO2eq."]
    assert "This indicator is measured in tonnes of CO2eq." in response.content.decode()


def test_unknown_indicator(leader_a_client, project_a, indicators):
    response = leader_a_client.post(
        en("results:project_indicators", pk=project_a.pk), form(indicators["CO01"], indicator="999999")
    )
    assert errors(response, "indicator") == ["Select a valid choice. That choice is not one of the available choices."]


def test_indicator_of_another_period_is_unknown_here(leader_a_client, project_a, indicators):
    response = leader_a_client.post(en("results:project_indicators", pk=project_a.pk), form(indicators["RCR29"]))
    assert errors(response, "indicator") == ["Select a valid choice. That choice is not one of the available choices."]


def test_malformed_number(leader_a_client, project_a, indicators):
    response = leader_a_client.post(
        en("results:project_indicators", pk=project_a.pk), form(indicators["CO01"], "tolv")
    )
    assert errors(response, "value") == ["“tolv” is not a number."]


def test_empty_value(leader_a_client, project_a, indicators):
    response = leader_a_client.post(en("results:project_indicators", pk=project_a.pk), form(indicators["CO01"], ""))
    assert errors(response, "value") == ["This field is required."]


def test_bad_date(leader_a_client, project_a, indicators):
    response = leader_a_client.post(
        en("results:project_indicators", pk=project_a.pk), form(indicators["CO01"], reference_date="31/31/2021")
    )
    assert errors(response, "reference_date") == ["Enter a valid date."]


def test_follow_up_target(leader_a_client, project_a, indicators):
    response = leader_a_client.post(
        en("results:project_indicators", pk=project_a.pk), form(indicators["CO01"], kind="target", phase="follow_up")
    )
    assert errors(response, "phase") == ["Only an achieved value can be a follow-up after the end."]


def test_follow_up_achieved_is_kept_apart(leader_a_client, project_a, indicators):
    leader_a_client.post(en("results:project_indicators", pk=project_a.pk), form(indicators["CO01"], "4"))
    leader_a_client.post(
        en("results:project_indicators", pk=project_a.pk), form(indicators["CO01"], "6", phase="follow_up")
    )
    assert sorted(IndicatorValue.objects.values_list("phase", "value")) == [
        ("during", Decimal("4")), ("follow_up", Decimal("6")),
    ]


def test_anonymous_is_sent_to_sign_in(client, project_a):
    response = client.get(en("results:project_indicators", pk=project_a.pk))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_other_project_leader_is_refused(leader_b_client, project_a):
    assert leader_b_client.get(en("results:project_indicators", pk=project_a.pk)).status_code == 403


def test_outsider_is_refused(participant_client, official_client, project_a):
    assert participant_client.get(en("results:project_indicators", pk=project_a.pk)).status_code == 403
    assert official_client.post(en("results:project_indicators", pk=project_a.pk), {}).status_code == 403


def test_missing_project(leader_a_client):
    assert leader_a_client.get(en("results:project_indicators", pk=999999)).status_code == 404


def test_wrong_method(leader_a_client, project_a):
    assert leader_a_client.put(en("results:project_indicators", pk=project_a.pk)).status_code == 405


@pytest.mark.parametrize("number", [1, 30])
def test_query_count_does_not_grow(leader_a_client, project_a, make_value, django_assert_num_queries, number):
    for day in range(number):
        make_value(project_a, "CO34", "12", reference_date=datetime.date(2021, 1, 1) + datetime.timedelta(days=day))
    # session, person, project, membership, values, indicator choices
    with django_assert_num_queries(6):
        response = leader_a_client.get(en("results:project_indicators", pk=project_a.pk))
    assert response.content.decode().count("<td class=\"num\">") == number
