"""A small registry with figures chosen to be added up by hand (see test_totals.py)."""

import datetime
from decimal import Decimal

import pytest


@pytest.fixture
def skane(other_area):
    from samverka.registry.models import Region

    return Region.objects.create(kind=Region.Kind.COUNTY, code="12", name="Skåne län", slug="skane-lan", parent=other_area)


@pytest.fixture
def registry(make_project, portfolio, other_portfolio, area, other_area, county, skane):
    """P1 and P2 in Förnybar energi, P3 in Hållbara transporter; P3 works in two counties."""
    from samverka.registry.models import CoFinancing

    p1 = make_project(title="P1", total_budget=Decimal("10000000"), eu_funding=Decimal("4000000"), counties=[county])
    p2 = make_project(
        title="P2", area=other_area, total_budget=Decimal("2000000"), eu_funding=Decimal("800000"), counties=[skane]
    )
    p3 = make_project(
        title="P3", portfolio=other_portfolio, total_budget=Decimal("5000000"), eu_funding=Decimal("2000000"),
        counties=[county, skane],
    )
    CoFinancing.objects.create(project=p1, financier="Region Norrbotten", kind="public", amount=Decimal("3000000"))
    CoFinancing.objects.create(project=p1, financier="Bolaget AB", kind="private", amount=Decimal("1000000"))
    CoFinancing.objects.create(project=p2, financier="Region Skåne", kind="public", amount=Decimal("500000"))
    CoFinancing.objects.create(project=p3, financier="=HYPERLINK(\"x\")", kind="private", amount=Decimal("250000"))
    return {"p1": p1, "p2": p2, "p3": p3}


@pytest.fixture
def values(registry):
    """CO34 values: only approved ones count, and each project's latest."""
    from django.utils import timezone

    from samverka.results.management.commands.load_indicators import load_indicators
    from samverka.results.models import Indicator, IndicatorValue

    load_indicators()
    co34 = Indicator.objects.get(code="CO34")

    def value(project, kind, number, day, status="approved", phase="during"):
        IndicatorValue.objects.create(
            project=project, indicator=co34, kind=kind, value=Decimal(number), phase=phase,
            reference_date=datetime.date(*day), status=status,
            reviewed_at=None if status == "reported" else timezone.now(),
            review_comment="Fel." if status == "returned" else "",
        )

    p1, p2, p3 = registry["p1"], registry["p2"], registry["p3"]
    value(p1, "target", 1000, (2019, 1, 1))
    value(p1, "achieved", 400, (2020, 12, 31))
    value(p1, "achieved", 600, (2021, 12, 31))
    value(p1, "achieved", 900, (2022, 6, 30), status="reported")
    value(p2, "target", 500, (2019, 1, 1))
    value(p2, "achieved", 100, (2021, 12, 31), status="returned")
    value(p2, "achieved", 700, (2023, 12, 31), phase="follow_up")
    value(p3, "target", 200, (2019, 1, 1))
    value(p3, "achieved", 150, (2021, 12, 31))
    return co34


@pytest.fixture
def meetings(registry, portfolio):
    """Two past meetings inviting Förnybar energi (P1, P2); P1 came to both, P2 to none; and P3
    invited by name to one, which it came to."""
    from django.utils import timezone

    from samverka.meetings.models import Event, Invitation, Registration

    def past_event(days_ago):
        starts = timezone.now() - datetime.timedelta(days=days_ago)
        return Event.objects.create(
            kind=Event.Kind.LEADER_MEETING, title=f"Träff {days_ago}", starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2), capacity=50, status=Event.Status.PUBLISHED,
        )

    first, second = past_event(40), past_event(10)
    for event in (first, second):
        event.invited_portfolios.add(portfolio)
        Registration.objects.create(event=event, name="Anna", email="anna@example.org", project=registry["p1"],
                                    attended=True)
    Invitation.objects.create(event=second, project=registry["p3"], email="p3@example.org")
    Registration.objects.create(event=second, name="Per", email="per@example.org", project=registry["p3"],
                                attended=True)
