"""Results in the API: indicators, approved indicator values and the statistics' totals.

Only approved values (``IndicatorValue.objects.counted()``), never who reported or reviewed
them. The totals are the statistics pages' own figures (``samverka.results.freshness``: the
cached aggregations of ``samverka.results.statistics``), so the API and the pages cannot
disagree; names come in the site's default language, Swedish.
"""

from decimal import Decimal
from typing import Literal

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import translation
from ninja import Field, Query, Router, Schema

from samverka.registry.models import Project
from samverka.results import freshness, statistics
from samverka.results.models import Indicator, IndicatorValue
from samverka.results.quantities import DECIMAL_PLACES

from . import params, schemas
from .params import PageParams
from .registry_endpoints import page

router = Router(tags=["results"])


class IndicatorFilters(Schema):
    period: Literal["2014-2020", "2021-2027"] | None = Field(None, description="The programme period.")
    kind: Literal["output", "result"] | None = None


@router.get("/indicators", response={200: schemas.IndicatorPage, **schemas.ERRORS}, summary="Indicators")
def list_indicators(request, filters: Query[IndicatorFilters], paging: Query[PageParams]):
    params.refuse_unknown(request, IndicatorFilters, PageParams)
    indicators = Indicator.objects.select_related("programme")
    if filters.period:
        indicators = indicators.filter(period=filters.period)
    if filters.kind:
        indicators = indicators.filter(kind=filters.kind)
    return page(
        request, indicators, endpoint="indicators", paging=paging, filters=params.filters_of(filters),
        out=lambda request, i: {
            "code": i.code, "name_sv": i.name_sv, "name_en": i.name_en, "unit_sv": i.unit_sv, "unit_en": i.unit_en,
            "kind": i.kind, "period": i.period, "programme_specific": i.programme_specific,
            "programme": i.programme and i.programme.cci,
        },
    )


class ValueFilters(Schema):
    indicator: str | None = Field(None, max_length=20, description="An indicator's code, e.g. RCO18.")
    project: str | None = Field(None, max_length=32, description="A project's case number.")
    programme: str | None = Field(None, max_length=20, description="A programme's CCI code.")
    portfolio: str | None = Field(None, max_length=100, description="A portfolio's slug.")
    area: str | None = Field(None, max_length=100, description="A programme area's slug or NUTS code.")
    county: str | None = Field(None, max_length=100, description="A county's slug or two-digit code.")
    kind: Literal["baseline", "target", "achieved"] | None = None
    phase: Literal["during", "follow_up"] | None = None
    year: int | None = Field(None, ge=1990, le=2100, description="Values with a reference date in this year.")


def value_out(request, value: IndicatorValue) -> dict:
    # Never reported_by, reviewed_by or the review's comment: they are about people.
    return {
        "id": value.pk,
        "project": {"case_number": value.project.case_number, "programme": value.project.programme.cci},
        "indicator": value.indicator.code,
        "kind": value.kind,
        "phase": value.phase,
        "value": value.value,
        "reference_date": value.reference_date,
        "breakdown": value.breakdown or {},
    }


@router.get(
    "/indicator-values", response={200: schemas.IndicatorValuePage, **schemas.ERRORS},
    summary="Approved indicator values of the projects",
)
def list_indicator_values(request, filters: Query[ValueFilters], paging: Query[PageParams]):
    params.refuse_unknown(request, ValueFilters, PageParams)
    values = IndicatorValue.objects.counted().select_related("project__programme", "indicator")
    if filters.indicator:
        values = values.filter(indicator__code=filters.indicator)
    if filters.project:
        values = values.filter(project__case_number=filters.project)
    if filters.programme:
        values = values.filter(project__programme=params.programme(filters.programme))
    if filters.portfolio:
        values = values.filter(project__portfolio=params.portfolio(filters.portfolio))
    if filters.area:
        values = values.filter(project__area=params.area(filters.area))
    if filters.county:
        in_county = Project.counties.through.objects.filter(
            project_id=OuterRef("project_id"), region_id=params.county(filters.county).pk
        )
        values = values.filter(Exists(in_county))
    if filters.kind:
        values = values.filter(kind=filters.kind)
    if filters.phase:
        values = values.filter(phase=filters.phase)
    if filters.year:
        first, last = params.year_span(filters.year)
        values = values.filter(reference_date__range=(first, last))
    return page(
        request, values, endpoint="indicator-values", paging=paging, filters=params.filters_of(filters), out=value_out
    )


class FundingParams(Schema):
    currency: Literal["SEK", "EUR"] = Field("SEK", description="EUR converts at the configured fixed rate.")


def swedish_figures():
    """The statistics pages' own figures in Swedish (``freshness.figures()``: kept in the cache and
    refreshed by the worker after a change, so a call never waits for the recomputation)."""
    with translation.override(settings.LANGUAGE_CODE):
        return freshness.figures()


def cents(amount) -> Decimal:
    # SQLite's SUM drops trailing decimals; the API always writes amounts with two.
    return Decimal(amount).quantize(statistics.CENT)


def exact(value) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal(1).scaleb(-DECIMAL_PLACES))


def funding_row(row, currency: str) -> dict:
    return {
        "name": row.label if row.key is not None else None,
        "slug": row.slug,
        "code": row.code,
        "projects": row.projects,
        "total_budget": cents(statistics.convert(row.total_budget, currency)),
        "eu_funding": cents(statistics.convert(row.eu_funding, currency)),
        "paid_out": cents(statistics.convert(row.paid_out, currency)) if row.paid_known else None,
        "paid_out_known": row.paid_known,
        "cofinancing_public": cents(statistics.convert(row.public, currency)),
        "cofinancing_private": cents(statistics.convert(row.private, currency)),
    }


@router.get(
    "/statistics/funding", response={200: schemas.FundingOut, **schemas.ERRORS},
    summary="Projects, budget, EU funding granted and paid out, and co-financing by portfolio, programme area, "
    "county, period and theme",
)
def funding_totals(request, options: Query[FundingParams]):
    params.refuse_unknown(request, FundingParams)
    figures = swedish_figures()
    funding = figures["funding"]
    return {
        "currency": options.currency,
        "eur_rate": settings.EUR_RATE,
        "last_updated": figures["last_updated"],
        "total": funding_row(funding.total, options.currency),
        **{
            group: [funding_row(row, options.currency) for row in funding.tables[group]]
            for group in ("portfolio", "area", "county", "period", "theme")
        },
    }


class IndicatorSumParams(Schema):
    by: Literal["portfolio", "programme"] = Field("portfolio", description="Sum per portfolio or per programme.")


@router.get(
    "/statistics/indicators", response={200: list[schemas.IndicatorSumOut], **schemas.ERRORS},
    summary="Indicator sums (latest approved values) against targets, by portfolio or programme",
)
def indicator_totals(request, options: Query[IndicatorSumParams]):
    params.refuse_unknown(request, IndicatorSumParams)
    return [
        {
            "group": row.group, "group_slug": row.group_slug, "code": row.code, "name": row.name, "unit": row.unit,
            "baseline": exact(row.baseline), "target": exact(row.target), "achieved": exact(row.achieved),
            "follow_up": exact(row.follow_up),
            "share_of_target": row.share, "projects": row.projects,
        }
        for row in swedish_figures()[f"indicators_by_{options.by}"]
    ]
