"""The figures of the statistics pages, aggregated in the database in a fixed number of queries.

Funding: one pass over the projects grouped by (portfolio, programme area, period, theme) and one
over the co-financing grouped the same way, rolled up here into the four tables; one pass over
the project–county links for the counties (a project in two counties counts in both). Names
come from the small lookup tables. Indicators: the latest approved value of each project per
indicator, kind and phase, summed per portfolio and per programme. Engagement: the meetings
app's own expressions (``samverka.meetings.engagement``).

Amounts are Decimal SEK; ``convert()`` turns them into euros at the configured fixed rate.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, Max, Q, Sum
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samverka.meetings.engagement import has_attended, project_engagement, was_invited
from samverka.registry.forms import localised_name
from samverka.registry.models import (
    CoFinancing,
    ImportJob,
    Portfolio,
    ProgrammePeriod,
    Project,
    Region,
    ThemeArea,
)

from .models import IndicatorValue

CURRENCIES = ("SEK", "EUR")
CENT = Decimal("0.01")
GROUPS = ("portfolio", "area", "period", "theme")
PROJECT_GROUP = {"portfolio": "portfolio_id", "area": "area_id", "period": "programme__period_id", "theme": "theme_id"}


def convert(amount: Decimal | None, currency: str) -> Decimal:
    """An amount in SEK in ``currency``: unchanged for SEK, divided by ``EUR_RATE`` (SEK per euro)
    and rounded to the cent for EUR."""
    amount = Decimal(amount or 0)
    if currency == "EUR":
        return (amount / settings.EUR_RATE).quantize(CENT, rounding=ROUND_HALF_UP)
    return amount


@dataclass
class FundingRow:
    """The money of one group of projects, in SEK."""

    key: object
    label: str
    slug: str = ""
    code: str = ""
    projects: int = 0
    total_budget: Decimal = Decimal(0)
    eu_funding: Decimal = Decimal(0)
    public: Decimal = Decimal(0)
    private: Decimal = Decimal(0)
    # EU funding paid out, summed over the projects whose amount is known (paid_known of them).
    paid_out: Decimal = Decimal(0)
    paid_known: int = 0

    def add(self, *, projects=0, total_budget=None, eu_funding=None, paid_out=None, paid_known=0):
        self.projects += projects
        self.total_budget += total_budget or 0
        self.eu_funding += eu_funding or 0
        self.paid_out += paid_out or 0
        self.paid_known += paid_known or 0

    @property
    def paid_out_known(self) -> Decimal | None:
        """The sum paid out, or None when no project in the group has a known amount."""
        return self.paid_out if self.paid_known else None


@dataclass
class Funding:
    """Funding tables keyed by group name; each a list of rows in display order, and the sum."""

    tables: dict = field(default_factory=dict)
    total: FundingRow | None = None


def _labels():
    """Display name, slug (for links) and code of every group value, by group: four small queries."""
    labels = {group: {} for group in (*GROUPS, "county")}
    for portfolio in Portfolio.objects.order_by("order", "name"):
        labels["portfolio"][portfolio.pk] = (localised_name(portfolio), portfolio.slug, "")
    for region in Region.objects.filter(kind__in=[Region.Kind.AREA, Region.Kind.COUNTY]).order_by("kind", "code"):
        group = "area" if region.kind == Region.Kind.AREA else "county"
        labels[group][region.pk] = (region.name, region.slug, region.code)
    for period in ProgrammePeriod.objects.order_by("start_year"):
        labels["period"][period.pk] = (period.name, "", "")
    for theme in ThemeArea.objects.select_related("period").order_by("period__start_year", "code"):
        labels["theme"][theme.pk] = (f"{theme.code} {localised_name(theme)} ({theme.period.name})", "", theme.code)
    return labels


def funding() -> Funding:
    """Projects, budget, EU funding granted and paid out (where known) and co-financing by
    portfolio, programme area, county, period and theme, and over all: eight queries whatever
    the number of projects."""
    labels = _labels()
    not_set = _("Not set")

    def table(group):
        rows = {
            pk: FundingRow(key=pk, label=label, slug=slug, code=code)
            for pk, (label, slug, code) in labels[group].items()
        }
        rows[None] = FundingRow(key=None, label=not_set)
        return rows

    tables = {group: table(group) for group in GROUPS}
    total = FundingRow(key="total", label=_("All projects"))

    # Count("paid_out") counts the projects whose amount paid out is known (not null).
    by_group = Project.objects.order_by().values(*PROJECT_GROUP.values()).annotate(
        projects=Count("pk"),
        total_budget=Sum("total_budget"),
        eu_funding=Sum("eu_funding"),
        paid_out_sum=Sum("paid_out"),
        paid_known=Count("paid_out"),
    )
    for row in by_group:
        figures = {name: row[name] for name in ("projects", "total_budget", "eu_funding", "paid_known")}
        figures["paid_out"] = row["paid_out_sum"]
        total.add(**figures)
        for group, column in PROJECT_GROUP.items():
            tables[group].setdefault(row[column], FundingRow(key=row[column], label=not_set)).add(**figures)

    cofinancing = CoFinancing.objects.order_by().values(
        "kind", *(f"project__{column}" for column in PROJECT_GROUP.values())
    ).annotate(amount=Sum("amount"))
    for row in cofinancing:
        part = "public" if row["kind"] == CoFinancing.Kind.PUBLIC else "private"
        setattr(total, part, getattr(total, part) + row["amount"])
        for group, column in PROJECT_GROUP.items():
            target = tables[group].setdefault(row[f"project__{column}"], FundingRow(key=None, label=not_set))
            setattr(target, part, getattr(target, part) + row["amount"])

    county_rows = table("county")
    del county_rows[None]
    links = Project.counties.through.objects.order_by().values("region_id").annotate(
        projects=Count("project_id"),
        total_budget=Sum("project__total_budget"),
        eu_funding=Sum("project__eu_funding"),
        paid_out=Sum("project__paid_out"),
        paid_known=Count("project__paid_out"),
    )
    for row in links:
        if row["region_id"] in county_rows:
            county_rows[row["region_id"]].add(
                projects=row["projects"],
                total_budget=row["total_budget"],
                eu_funding=row["eu_funding"],
                paid_out=row["paid_out"],
                paid_known=row["paid_known"],
            )
    county_cofinancing = (
        CoFinancing.objects.order_by()
        .filter(project__counties__isnull=False)
        .values("kind", "project__counties")
        .annotate(amount=Sum("amount"))
    )
    for row in county_cofinancing:
        target = county_rows.get(row["project__counties"])
        if target is not None:
            part = "public" if row["kind"] == CoFinancing.Kind.PUBLIC else "private"
            setattr(target, part, getattr(target, part) + row["amount"])

    result = Funding(total=total)
    for group in GROUPS:
        rows = list(tables[group].values())
        # Every named group, even with no projects yet; "not set" only when some project lacks it.
        result.tables[group] = [row for row in rows if row.key is not None or row.projects]
    result.tables["county"] = list(county_rows.values())
    return result


def last_updated():
    """When the registry last changed: the newest project change or finished import (two queries)."""
    newest_project = Project.objects.order_by().aggregate(newest=Max("updated_at"))["newest"]
    newest_import = ImportJob.objects.filter(status=ImportJob.Status.DONE).aggregate(newest=Max("finished_at"))[
        "newest"
    ]
    candidates = [moment for moment in (newest_project, newest_import) if moment is not None]
    return max(candidates) if candidates else None


@dataclass
class IndicatorRow:
    """One indicator's sums for one group of projects (approved values only)."""

    group: str
    group_slug: str
    code: str
    name: str
    unit: str
    baseline: Decimal | None = None
    target: Decimal | None = None
    achieved: Decimal | None = None
    follow_up: Decimal | None = None
    projects: int = 0

    @property
    def share(self) -> Decimal | None:
        """Achieved as a share of the target, in per cent."""
        if not self.target or self.achieved is None:
            return None
        return (self.achieved * 100 / self.target).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def indicator_sums(by: str) -> list[IndicatorRow]:
    """Per portfolio (``by="portfolio"``) or programme (``by="programme"``) and indicator: the sums
    of each project's latest approved baseline, target, achieved and follow-up value. One query."""
    group = {
        "portfolio": ("project__portfolio__name", "project__portfolio__name_en", "project__portfolio__slug"),
        "programme": ("project__programme__name", "project__programme__period__name", "project__programme_id"),
    }[by]
    values = (
        IndicatorValue.objects.counted()
        .latest()
        .order_by()
        .values(
            *group,
            "indicator__code",
            "indicator__name_sv",
            "indicator__name_en",
            "indicator__unit_sv",
            "indicator__unit_en",
            "kind",
            "phase",
        )
        .annotate(total=Sum("value"), projects=Count("project_id", distinct=True))
    )
    english = get_language() == "en"
    rows = {}
    for row in values:
        first, second, third = (row[name] for name in group)
        if by == "portfolio":
            label, slug = ((second if english and second else first) or _("Not set")), third or ""
        else:
            label, slug = f"{first} {second}", ""
        key = (first, second, third, row["indicator__code"])
        if key not in rows:
            rows[key] = IndicatorRow(
                group=label,
                group_slug=slug,
                code=row["indicator__code"],
                name=row["indicator__name_en"] if english else row["indicator__name_sv"],
                unit=row["indicator__unit_en"] if english else row["indicator__unit_sv"],
            )
        target = rows[key]
        column = "follow_up" if row["phase"] == IndicatorValue.Phase.FOLLOW_UP else row["kind"]
        setattr(target, column, row["total"])
        target.projects = max(target.projects, row["projects"])
    return sorted(rows.values(), key=lambda r: (r.group, r.code))


@dataclass
class Engagement:
    portfolios: list
    attended_counts: list  # [(number of meetings attended, number of projects)]


def engagement() -> Engagement:
    """Projects invited to past meetings, by portfolio: how many came and how many never did;
    and how many projects came to 0, 1, 2 … meetings. Two queries."""
    invited = Project.objects.order_by().filter(was_invited())
    by_portfolio = invited.values("portfolio_id", "portfolio__name", "portfolio__name_en").annotate(
        invited=Count("pk"), attended=Count("pk", filter=Q(has_attended()))
    )
    english = get_language() == "en"
    portfolios = [
        {
            "label": (row["portfolio__name_en"] if english and row["portfolio__name_en"] else row["portfolio__name"])
            or _("Not set"),
            "invited": row["invited"],
            "attended": row["attended"],
            "never": row["invited"] - row["attended"],
        }
        for row in by_portfolio.order_by("portfolio__order", "portfolio__name")
    ]
    counts = (
        project_engagement().filter(was_invited()).order_by().values("attended").annotate(projects=Count("pk"))
    )
    return Engagement(
        portfolios=portfolios,
        attended_counts=sorted((row["attended"], row["projects"]) for row in counts),
    )
