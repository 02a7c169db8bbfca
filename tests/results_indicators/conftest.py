"""Fixtures for indicator values: the common indicators loaded, and a way to make values."""

import datetime
from decimal import Decimal

import pytest


@pytest.fixture
def indicators(db):
    """The common indicators, by code."""
    from samverka.results.management.commands.load_indicators import load_indicators
    from samverka.results.models import Indicator

    load_indicators()
    return Indicator.objects.in_bulk(field_name="code")


@pytest.fixture
def make_value(indicators):
    """``make_value(project, "CO34", value, kind=…, phase=…, status=…, reference_date=…)``."""
    from django.utils import timezone

    from samverka.results.models import IndicatorValue

    def make(project, code, value, **fields):
        status = fields.pop("status", IndicatorValue.Status.REPORTED)
        values = {
            "kind": IndicatorValue.Kind.ACHIEVED,
            "phase": IndicatorValue.Phase.DURING,
            "reference_date": datetime.date(2021, 12, 31),
            "status": status,
            "reviewed_at": None if status == IndicatorValue.Status.REPORTED else timezone.now(),
            "review_comment": "Fel enhet." if status == IndicatorValue.Status.RETURNED else "",
        }
        values.update(fields)
        return IndicatorValue.objects.create(project=project, indicator=indicators[code], value=Decimal(value), **values)

    return make
