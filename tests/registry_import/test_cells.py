"""Swedish (and English) forms of amounts, rates and dates."""

import datetime
from decimal import Decimal

import pytest

from samverka.registry.cells import CellError, parse_amount, parse_date, parse_rate


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("1 234 567,50", "1234567.50"),
        ("12 000 000 kr", "12000000.00"),
        ("1\u00a0234\u00a0567", "1234567.00"),
        ("1\u202f234\u202f567 SEK", "1234567.00"),
        ("1.234.567,5", "1234567.50"),
        ("1,234,567.50", "1234567.50"),
        ("250000:-", "250000.00"),
        ("0,004", "0.00"),
        (1234567, "1234567.00"),
        (1234567.5, "1234567.50"),
        (Decimal("10.005"), "10.01"),
        ("", None),
        (None, None),
    ],
)
def test_amounts(written, amount):
    assert parse_amount(written) == (Decimal(amount) if amount else None)


def test_amounts_are_decimal_not_float():
    assert isinstance(parse_amount(0.1), Decimal)
    assert parse_amount(0.1) == Decimal("0.10")


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("-5 000", "The amount cannot be negative."),
        ("\u22125 000", "The amount cannot be negative."),
        ("fem miljoner", "“fem miljoner” is not an amount."),
        ("12 kr/st", "“12 kr/st” is not an amount."),
        ("1000000000000000", "The amount is too large."),
    ],
)
def test_bad_amounts(written, message):
    with pytest.raises(CellError) as error:
        parse_amount(written)
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("written", "rate"),
    [("45 %", "0.45"), ("45%", "0.45"), ("0,45", "0.45"), ("45", "0.45"), ("45,5 %", "0.455"), (0.45, "0.45"), ("1", "1")],
)
def test_rates(written, rate):
    assert parse_rate(written) == Decimal(rate)


def test_bad_rates():
    with pytest.raises(CellError) as error:
        parse_rate("150 %")
    assert str(error.value) == "The rate must be between 0 and 100 %."
    with pytest.raises(CellError) as error:
        parse_rate("hälften")
    assert str(error.value) == "“hälften” is not a rate; write it as 45 % or 0,45."


@pytest.mark.parametrize(
    ("written", "date"),
    [
        ("2016-10-01", datetime.date(2016, 10, 1)),
        ("2016-10-01 00:00:00", datetime.date(2016, 10, 1)),
        ("20161001", datetime.date(2016, 10, 1)),
        ("01.10.2016", datetime.date(2016, 10, 1)),
        ("1/10/2016", datetime.date(2016, 10, 1)),
        ("42644", datetime.date(2016, 10, 1)),  # an Excel day number
        (42644, datetime.date(2016, 10, 1)),
        (datetime.datetime(2016, 10, 1, 0, 0), datetime.date(2016, 10, 1)),
        (datetime.date(2016, 10, 1), datetime.date(2016, 10, 1)),
        ("", None),
    ],
)
def test_dates(written, date):
    assert parse_date(written) == date


@pytest.mark.parametrize("written", ["2016-13-01", "i höst", "31/02/2016"])
def test_bad_dates(written):
    with pytest.raises(CellError) as error:
        parse_date(written)
    assert str(error.value) == f"“{written}” is not a date; write it as YYYY-MM-DD, e.g. 2016-10-01."
