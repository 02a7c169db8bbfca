"""Reading a typed indicator value: Swedish numbers, units, and each bad input with its message."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override

from samverka.results.quantities import parse_quantity, read_number, validate_breakdown

pytestmark = pytest.mark.django_db


def message(call, *args):
    with override("en"), pytest.raises(ValidationError) as raised:
        call(*args)
    return raised.value.messages


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("1 234,5", Decimal("1234.5")),
        ("1\u00a0234,5", Decimal("1234.5")),
        ("1234.5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("1.234,5", Decimal("1234.5")),
        ("12", Decimal("12")),
        ("0,125", Decimal("0.125")),
        ("1 000 000", Decimal("1000000")),
    ],
)
def test_swedish_and_english_numbers(indicators, typed, expected):
    assert parse_quantity(typed, indicators["CO34"]) == expected


@pytest.mark.parametrize("typed", ["12 ton", "12 ton koldioxidekvivalenter", "12 tonnes", "12 tonnes of CO2eq", "12 TON"])
def test_the_indicators_own_unit_is_accepted(indicators, typed):
    assert parse_quantity(typed, indicators["CO34"]) == Decimal("12")


def test_a_shorter_unit_of_the_same_words_is_accepted(indicators):
    assert parse_quantity("1 234,5 MWh", indicators["RCR31"]) == Decimal("1234.5")
    assert parse_quantity("30 kWh/år", indicators["CO32"]) == Decimal("30")


def test_wrong_unit(indicators):
    assert message(parse_quantity, "12 MWh", indicators["CO34"]) == ["This indicator is measured in tonnes of CO2eq."]


def test_megawatts_are_not_megawatt_hours(indicators):
    assert message(parse_quantity, "12 MW", indicators["RCR31"]) == ["This indicator is measured in MWh/year."]


def test_wrong_unit_in_swedish(indicators):
    with pytest.raises(ValidationError) as raised:
        parse_quantity("12 MWh", indicators["CO34"])
    assert "ton koldioxidekvivalenter" in raised.value.messages[0]


def test_negative(indicators):
    assert message(parse_quantity, "-5", indicators["CO01"]) == ["This indicator cannot be negative."]


def test_negative_with_a_minus_sign(indicators):
    assert message(parse_quantity, "\u22125", indicators["CO01"]) == ["This indicator cannot be negative."]


def test_negative_where_the_indicator_allows_it(indicators):
    indicator = indicators["CO08"]
    indicator.allows_negative = True
    assert parse_quantity("-2,5", indicator) == Decimal("-2.5")


def test_malformed_number(indicators):
    assert message(parse_quantity, "tolv", indicators["CO01"]) == ["“tolv” is not a number."]


def test_malformed_number_with_digits(indicators):
    assert message(read_number, "1,2,3.4.5") == ["“1,2,3.4.5” is not a number."]


def test_too_many_decimals(indicators):
    assert message(parse_quantity, "1,2345", indicators["CO30"]) == ["Write the value with at most 3 decimals."]


def test_too_large(indicators):
    assert message(parse_quantity, "99999999999999", indicators["CO30"]) == ["The value is too large."]


def test_breakdown_accepts_parts_within_the_value():
    validate_breakdown({"gender": {"women": 3, "men": 4}}, Decimal(7))
    validate_breakdown({}, Decimal(7))


def test_breakdown_parts_above_the_value():
    assert message(validate_breakdown, {"gender": {"women": 5, "men": 4}}, Decimal(7)) == [
        "The parts of “gender” add up to more than the value."
    ]


def test_breakdown_not_an_object():
    assert message(validate_breakdown, [1, 2], Decimal(7)) == ["The breakdown must be an object of dimensions."]


def test_breakdown_dimension_without_parts():
    assert message(validate_breakdown, {"gender": 7}, Decimal(7)) == [
        "Each dimension of the breakdown (such as “gender”) must hold its parts, such as {“women”: 3}."
    ]


def test_breakdown_negative_part():
    assert message(validate_breakdown, {"size": {"micro": -1}}, Decimal(7)) == [
        "“size”: each part must be a number that is not negative."
    ]


def test_breakdown_part_that_is_not_a_number():
    assert message(validate_breakdown, {"size": {"micro": [1]}}, Decimal(7)) == [
        "“size” has a part that is not a name with a number."
    ]
