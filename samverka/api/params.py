"""The API's input: typed query parameters, the page size and cursor, and the facet look-ups.

Input is strict. A value of the wrong type or out of range answers 422 (ninja validates it
against the schema); a parameter the endpoint does not know, or a facet value that names
nothing (a portfolio slug that does not exist), answers 400 with a message naming it, so a
typo never silently returns everything.
"""

import datetime

from django.db.models import Q
from ninja import Field, Schema
from ninja.errors import HttpError

from samverka.registry.models import Portfolio, Programme, ProgrammePeriod, Region, ThemeArea

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


class PageParams(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Items per page, 1–{MAX_LIMIT}.")
    cursor: str | None = Field(
        None, max_length=1000, description="Where the page starts: copy it from the previous page's `next` link."
    )


Year = Field(None, ge=1990, le=2100, description="Only what runs or happened in this year.")
Text = Field(None, min_length=1, max_length=200, description="Words to look for (case-insensitive).")


def refuse_unknown(request, *schemas) -> None:
    """Answer 400 when the query string holds a parameter none of ``schemas`` declares."""
    known = {name for schema in schemas for name in schema.model_fields}
    unknown = sorted(set(request.GET) - known)
    if unknown:
        raise HttpError(400, f"Unknown parameter {unknown[0]!r}; this endpoint takes: {', '.join(sorted(known))}.")


def filters_of(params: Schema) -> dict:
    """The filter values a client gave (not the page size or cursor), for the cursor and `next`."""
    return {name: value for name, value in params.model_dump().items() if value is not None}


def _one(queryset, value, what: str):
    found = queryset.first()
    if found is None:
        raise HttpError(400, f"Unknown {what} {value!r}.")
    return found


def portfolio(slug: str) -> Portfolio:
    return _one(Portfolio.objects.filter(slug=slug), slug, "portfolio (give its slug, see /api/v1/portfolios)")


def area(value: str) -> Region:
    regions = Region.objects.filter(Q(slug=value) | Q(code=value), kind=Region.Kind.AREA)
    return _one(regions, value, "programme area (give its slug or NUTS code, see /api/v1/regions)")


def county(value: str) -> Region:
    regions = Region.objects.filter(Q(slug=value) | Q(code=value), kind=Region.Kind.COUNTY)
    return _one(regions, value, "county (give its slug or two-digit code, see /api/v1/regions)")


def period(name: str) -> ProgrammePeriod:
    # "2014-2020" with a hyphen is what people type; the stored name has an en dash.
    periods = ProgrammePeriod.objects.filter(name=name.replace("-", "–"))
    return _one(periods, name, "programme period (e.g. 2014-2020, see /api/v1/periods)")


def programme(cci: str) -> Programme:
    return _one(Programme.objects.filter(cci=cci), cci, "programme (give its CCI code, see /api/v1/programmes)")


def theme(code: str) -> str:
    _one(ThemeArea.objects.filter(code=code), code, "thematic objective (give its code, e.g. TO4 or PO2, see /api/v1/themes)")
    return code


def year_span(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
