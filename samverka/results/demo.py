"""Indicator values for the demo projects: targets, what they achieved, and follow-up values
after the end for finished projects; most approved, a few waiting for review, one returned.

    load_results_demo()   runs after the registry's demo (load_demo calls it); loads the common
                          indicators, then adds values only to projects that have none
"""

import datetime
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from samverka.registry.models import Project

from .management.commands.load_indicators import load_indicators
from .models import Indicator, IndicatorValue

SEED = 2014
# Per portfolio and period: the indicators its projects report, with a typical target range.
PLAN = {
    "fornybar-energi": {
        "2014-2020": [("CO30", 1, 12), ("CO34", 200, 4000)],
        "2021-2027": [("RCO22", 1, 15), ("RCR31", 1000, 30000), ("RCR29", 100, 3000)],
    },
    "hallbara-transporter": {
        "2014-2020": [("CO34", 100, 2500)],
        "2021-2027": [("RCO59", 5, 60), ("RCO58", 2, 25), ("RCR29", 100, 2000)],
    },
    "hallbart-byggande": {
        "2014-2020": [("CO32", 50000, 900000), ("CO34", 50, 800)],
        "2021-2027": [("RCO19", 2000, 40000), ("RCO18", 20, 300), ("RCR26", 200, 5000)],
    },
    "energieffektivisering-smf": {
        "2014-2020": [("CO01", 10, 80), ("CO04", 10, 80), ("CO34", 100, 1500)],
        "2021-2027": [("RCO01", 10, 80), ("RCO04", 10, 60), ("RCR26", 300, 6000)],
    },
}
DEFAULT = {
    "2014-2020": [("CO01", 5, 60), ("CO26", 3, 30), ("CO08", 2, 25)],
    "2021-2027": [("RCO01", 5, 60), ("RCO02", 3, 30), ("RCR01", 2, 25)],
}


@dataclass
class Summary:
    indicators: dict
    projects: int = 0
    values: int = 0

    def line(self) -> str:
        return (
            f"Results demo: {self.indicators['created']} indicators created, "
            f"{self.values} indicator values for {self.projects} projects."
        )


def _round(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1) if value >= 20 else Decimal("0.1"), rounding=ROUND_HALF_UP)


def load_results_demo(*, today: datetime.date | None = None) -> Summary:
    """Load the common indicators and give each demo project without values a plausible set.

    Side effects: creates or updates indicators (load_indicators) and inserts IndicatorValues,
    in one transaction. Never changes a project's existing values.
    """
    today = today or timezone.localdate()
    rng = random.Random(SEED)
    with transaction.atomic():
        summary = Summary(indicators=load_indicators())
        indicators = Indicator.objects.in_bulk(field_name="code")
        projects = (
            Project.objects.filter(indicator_values__isnull=True)
            .select_related("portfolio", "programme__period")
            .order_by("case_number", "pk")
        )
        values = []
        for project in projects:
            period = f"{project.programme.period.start_year}-{project.programme.period.end_year}"
            plan = PLAN.get(project.portfolio.slug if project.portfolio else "", DEFAULT).get(period, [])
            if not plan:
                continue
            summary.projects += 1
            started = project.start_date <= today
            finished = project.end_date < today
            for code, low, high in plan:
                indicator = indicators[code]
                target = _round(rng.uniform(low, high))
                values.append(_value(project, indicator, "target", "during", target, project.start_date, rng))
                if started:
                    progress = rng.uniform(0.7, 1.15) if finished else rng.uniform(0.1, 0.7)
                    on = min(today, project.end_date)
                    achieved = _round(float(target) * progress)
                    values.append(_value(project, indicator, "achieved", "during", achieved, on, rng))
                if finished and rng.random() < 0.5:
                    after = project.end_date + datetime.timedelta(days=365)
                    if after <= today:
                        grown = _round(float(target) * rng.uniform(0.9, 1.4))
                        values.append(_value(project, indicator, "achieved", "follow_up", grown, after, rng))
        IndicatorValue.objects.bulk_create(values)
        summary.values = len(values)
    return summary


def _value(project, indicator, kind, phase, value, day, rng) -> IndicatorValue:
    status = IndicatorValue.Status.APPROVED
    comment = ""
    roll = rng.random()
    if roll < 0.08:
        status = IndicatorValue.Status.REPORTED
    elif roll < 0.1:
        status = IndicatorValue.Status.RETURNED
        comment = "Värdet verkar vara i kWh, inte MWh. Kontrollera och rapportera igen."
    reviewed = None if status == IndicatorValue.Status.REPORTED else timezone.now()
    return IndicatorValue(
        project=project,
        indicator=indicator,
        kind=kind,
        phase=phase,
        value=value,
        reference_date=day,
        status=status,
        reviewed_at=reviewed,
        review_comment=comment,
    )
