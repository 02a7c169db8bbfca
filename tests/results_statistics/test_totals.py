"""The statistics' figures against sums worked out by hand on the small registry of conftest.py.

By hand: P1 (Förnybar energi, Övre Norrland, Norrbotten) 10 000 000 budget, 4 000 000 EU,
3 000 000 public, 1 000 000 private; P2 (Förnybar energi, Skåne-Blekinge, Skåne) 2 000 000,
800 000, 500 000 public; P3 (Hållbara transporter, Övre Norrland, Norrbotten and Skåne)
5 000 000, 2 000 000, 250 000 private.
"""

from decimal import Decimal

import pytest
from django.utils.translation import override

from samverka.results import statistics

pytestmark = pytest.mark.django_db


def figures(row):
    return (row.label, row.projects, row.total_budget, row.eu_funding, row.public, row.private)


def test_totals_over_all(registry):
    assert figures(statistics.funding().total)[1:] == (3, 17000000, 6800000, 3500000, 1250000)


def test_by_portfolio(registry):
    with override("en"):
        rows = statistics.funding().tables["portfolio"]
    assert [figures(row) for row in rows] == [
        ("Sustainable transport", 1, 5000000, 2000000, 0, 250000),
        ("Renewable energy", 2, 12000000, 4800000, 3500000, 1000000),
    ]


def test_by_programme_area(registry):
    rows = statistics.funding().tables["area"]
    assert [figures(row) for row in rows] == [
        ("Skåne-Blekinge", 1, 2000000, 800000, 500000, 0),
        ("Övre Norrland", 2, 15000000, 6000000, 3000000, 1250000),
    ]


def test_by_county_a_project_counts_in_each_of_its_counties(registry):
    rows = {row.code: figures(row) for row in statistics.funding().tables["county"]}
    assert rows == {
        "12": ("Skåne län", 2, 7000000, 2800000, 500000, 250000),
        "25": ("Norrbottens län", 2, 15000000, 6000000, 3000000, 1250000),
    }


def test_by_period_and_theme(registry):
    funding = statistics.funding()
    assert [figures(row) for row in funding.tables["period"]] == [
        ("2014–2020", 3, 17000000, 6800000, 3500000, 1250000)
    ]
    assert [row.projects for row in funding.tables["theme"]] == [3]


def test_a_project_without_portfolio_is_shown_as_not_set(registry, make_project):
    make_project(title="P4", portfolio=None, total_budget=Decimal("100"), eu_funding=Decimal("40"))
    with override("en"):
        rows = statistics.funding().tables["portfolio"]
    assert figures(rows[-1]) == ("Not set", 1, 100, 40, 0, 0)


def test_empty_registry(db):
    funding = statistics.funding()
    assert figures(funding.total)[1:] == (0, 0, 0, 0, 0)
    assert funding.tables["portfolio"] == []


@pytest.mark.parametrize(
    "sek, eur",
    [
        (Decimal("6800000"), Decimal("618181.82")),
        (Decimal("11"), Decimal("1.00")),
        (Decimal("0.05"), Decimal("0.00")),
        (Decimal("0.06"), Decimal("0.01")),
        (Decimal("1000000.00"), Decimal("90909.09")),
        (None, Decimal("0.00")),
    ],
)
def test_eur_conversion_is_exact(settings, sek, eur):
    settings.EUR_RATE = Decimal("11.00")
    assert statistics.convert(sek, "EUR") == eur
    assert statistics.convert(sek, "SEK") == Decimal(sek or 0)


def test_eur_conversion_follows_the_setting(settings):
    settings.EUR_RATE = Decimal("10.4987")
    assert statistics.convert(Decimal("1049870"), "EUR") == Decimal("100000.00")


def test_indicator_sums_by_portfolio(values):
    with override("en"):
        rows = statistics.indicator_sums("portfolio")
    assert [(r.group, r.code, r.target, r.achieved, r.follow_up, r.share, r.projects) for r in rows] == [
        ("Renewable energy", "CO34", 1500, 600, 700, Decimal("40.0"), 2),
        ("Sustainable transport", "CO34", 200, 150, None, Decimal("75.0"), 1),
    ]
    assert rows[0].unit == "tonnes of CO2eq"


def test_indicator_sums_by_programme(values):
    rows = statistics.indicator_sums("programme")
    assert [(r.group, r.target, r.achieved, r.follow_up) for r in rows] == [
        ("Regionalfondsprogram Övre Norrland 2014–2020", 1700, 750, 700),
    ]


def test_engagement(meetings):
    with override("en"):
        figures_ = statistics.engagement()
    assert figures_.portfolios == [
        {"label": "Sustainable transport", "invited": 1, "attended": 1, "never": 0},
        {"label": "Renewable energy", "invited": 2, "attended": 1, "never": 1},
    ]
    assert figures_.attended_counts == [(0, 1), (1, 1), (2, 1)]


def test_last_updated_is_the_newest_change(registry):
    from samverka.registry.models import Project

    assert statistics.last_updated() == Project.objects.latest("updated_at").updated_at


def test_last_updated_counts_a_finished_import(registry):
    import datetime

    from django.utils import timezone

    from samverka.registry.models import ImportJob

    later = timezone.now() + datetime.timedelta(days=1)
    ImportJob.objects.create(filename="lista.xlsx", status=ImportJob.Status.DONE, finished_at=later)
    ImportJob.objects.create(filename="trasig.xlsx", status=ImportJob.Status.FAILED, finished_at=later + later.resolution)
    assert statistics.last_updated() == later


def paid(row):
    return (row.label, row.paid_out_known, row.paid_known, row.projects)


def test_paid_out_sums_only_the_known_amounts(registry):
    """P1 3 000 000 paid out, P2 not known, P3 0 (known: nothing paid yet)."""
    from samverka.registry.models import Project

    Project.objects.filter(pk=registry["p1"].pk).update(paid_out=Decimal("3000000"))
    Project.objects.filter(pk=registry["p3"].pk).update(paid_out=Decimal("0"))
    funding = statistics.funding()
    assert paid(funding.total)[1:] == (3000000, 2, 3)
    with override("en"):
        rows = statistics.funding().tables["portfolio"]
    assert [paid(row) for row in rows] == [("Sustainable transport", 0, 1, 1), ("Renewable energy", 3000000, 1, 2)]
    assert [paid(row) for row in funding.tables["area"]] == [("Skåne-Blekinge", None, 0, 1), ("Övre Norrland", 3000000, 2, 2)]
    counties = {row.code: paid(row)[1:] for row in funding.tables["county"]}
    assert counties == {"12": (0, 1, 2), "25": (3000000, 2, 2)}
    assert [paid(row)[1:] for row in funding.tables["period"]] == [(3000000, 2, 3)]
    assert [paid(row)[1:] for row in funding.tables["theme"]] == [(3000000, 2, 3)]


def test_paid_out_unknown_everywhere(registry):
    funding = statistics.funding()
    assert paid(funding.total)[1:] == (None, 0, 3)
    assert all(row.paid_out_known is None for group in funding.tables.values() for row in group)
