"""load_indicators: the common indicators with names and units, idempotent, --dry-run, a summary line."""

import pytest
from django.core.management import call_command

from samverka.results.indicator_codes import CODES
from samverka.results.models import Indicator

pytestmark = pytest.mark.django_db

EXPECTED_CODES = {
    "CO01", "CO02", "CO04", "CO05", "CO06", "CO08", "CO26", "CO30", "CO31", "CO32", "CO33", "CO34",
    "RCO01", "RCO02", "RCO04", "RCO18", "RCO19", "RCO20", "RCO22", "RCO23", "RCO58", "RCO59",
    "RCR01", "RCR02", "RCR26", "RCR29", "RCR31", "RCR32", "RCR33",
}


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("load_indicators", *args, stdout=out)
    return out.getvalue().strip()


def test_loads_every_listed_code():
    assert set(CODES) == EXPECTED_CODES
    assert run() == "29 indicators created, 0 updated, 0 unchanged."
    assert set(Indicator.objects.values_list("code", flat=True)) == EXPECTED_CODES


@pytest.mark.parametrize(
    "code, name_en, unit_en, unit_sv, kind, period",
    [
        ("CO30", "Additional capacity of renewable energy production", "MW", "MW", "output", "2014-2020"),
        ("CO32", "Decrease of annual primary energy consumption of public buildings", "kWh/year", "kWh/år", "output",
         "2014-2020"),
        ("CO34", "Estimated annual decrease of GHG", "tonnes of CO2eq", "ton koldioxidekvivalenter", "output",
         "2014-2020"),
        ("RCO01", "Enterprises supported", "enterprises", "företag", "output", "2021-2027"),
        ("RCR29", "Estimated greenhouse gas emissions", "tonnes CO2eq/year", "ton koldioxidekvivalenter/år", "result",
         "2021-2027"),
        ("RCR31", "Total renewable energy produced", "MWh/year", "MWh/år", "result", "2021-2027"),
    ],
)
def test_names_and_units(code, name_en, unit_en, unit_sv, kind, period):
    run()
    indicator = Indicator.objects.get(code=code)
    assert (indicator.name_en, indicator.unit_en, indicator.unit_sv, indicator.kind, indicator.period) == (
        name_en, unit_en, unit_sv, kind, period,
    )
    assert indicator.name_sv and not indicator.programme_specific


def test_running_again_changes_nothing():
    run()
    assert run() == "0 indicators created, 0 updated, 29 unchanged."
    assert Indicator.objects.count() == 29


def test_an_edited_name_is_brought_back():
    run()
    Indicator.objects.filter(code="CO30").update(name_en="Something else")
    assert run() == "0 indicators created, 1 updated, 28 unchanged."
    assert Indicator.objects.get(code="CO30").name_en == "Additional capacity of renewable energy production"


def test_dry_run_writes_nothing():
    assert run("--dry-run") == "Dry run: 29 indicators created, 0 updated, 0 unchanged."
    assert not Indicator.objects.exists()


def test_programme_specific_indicators_are_left_alone(programme):
    own = Indicator.objects.create(
        code="P1", name_sv="Antal laddpunkter i glesbygd", name_en="Charging points in sparse areas",
        unit_sv="laddpunkter", unit_en="charging points", kind="output", period="2014-2020",
        programme_specific=True, programme=programme,
    )
    run()
    assert Indicator.objects.get(pk=own.pk).name_en == "Charging points in sparse areas"
