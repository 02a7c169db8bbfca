"""The registry in the API: periods, programmes, regions, theme areas, portfolios, organisations
and projects, read-only, each list paginated by a signed keyset cursor (cursors.py).

Every endpoint makes a fixed number of queries whatever the data size: one for the page (with
its joined rows), one per prefetched list, one per facet the client names.
"""

from decimal import Decimal
from typing import Literal

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from samverka.registry.models import (
    CoFinancing,
    Organisation,
    Portfolio,
    Programme,
    ProgrammePeriod,
    Project,
    Region,
    ThemeArea,
)
from samverka.registry.validators import public_org_number

from . import params, schemas
from .cursors import Ordering, paginate
from .params import PageParams

router = Router(tags=["registry"])

BY_ID = Ordering(("id",))
NEWEST_FIRST = Ordering(("-start_date", "-id"))  # the project list's order, along project_start_id


def page(request, queryset, *, endpoint, ordering=BY_ID, paging: PageParams, filters: dict, out):
    rows, next_link = paginate(
        request, queryset, endpoint=endpoint, ordering=ordering, limit=paging.limit, cursor=paging.cursor,
        filters=filters,
    )
    return {"items": [out(request, row) for row in rows], "next": next_link}


def region_ref(region: Region | None) -> dict | None:
    return region and {"code": region.code, "name": region.name, "slug": region.slug}


def portfolio_ref(portfolio: Portfolio | None) -> dict | None:
    return portfolio and {"slug": portfolio.slug, "name_sv": portfolio.name, "name_en": portfolio.name_en}


def organisation_out(request, organisation: Organisation) -> dict:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        # Never a sole trader's number: it is the owner's personal identity number.
        "org_number": public_org_number(organisation.org_number) or None,
        "website": organisation.website,
    }


# ---------------------------------------------------------------------------- reference lists


@router.get("/periods", response={200: schemas.PeriodPage, **schemas.ERRORS}, summary="Programme periods")
def list_periods(request, paging: Query[PageParams]):
    params.refuse_unknown(request, PageParams)
    return page(
        request, ProgrammePeriod.objects.all(), endpoint="periods", paging=paging, filters={},
        out=lambda request, p: {"name": p.name, "start_year": p.start_year, "end_year": p.end_year},
    )


class ProgrammeFilters(Schema):
    period: str | None = Field(None, max_length=20, description="A programme period, e.g. 2014-2020.")


@router.get("/programmes", response={200: schemas.ProgrammePage, **schemas.ERRORS}, summary="Programmes")
def list_programmes(request, filters: Query[ProgrammeFilters], paging: Query[PageParams]):
    params.refuse_unknown(request, ProgrammeFilters, PageParams)
    programmes = Programme.objects.select_related("period", "area")
    if filters.period:
        programmes = programmes.filter(period=params.period(filters.period))
    return page(
        request, programmes, endpoint="programmes", paging=paging, filters=params.filters_of(filters),
        out=lambda request, p: {
            "cci": p.cci, "name": p.name, "kind": p.kind, "period": p.period.name,
            "managing_authority": p.managing_authority, "area": p.area and p.area.code,
        },
    )


class RegionFilters(Schema):
    kind: Literal["area", "county"] | None = Field(None, description="Programme areas or counties; both if left out.")


@router.get("/regions", response={200: schemas.RegionPage, **schemas.ERRORS}, summary="Programme areas and counties")
def list_regions(request, filters: Query[RegionFilters], paging: Query[PageParams]):
    params.refuse_unknown(request, RegionFilters, PageParams)
    regions = Region.objects.filter(kind__in=[filters.kind] if filters.kind else ["area", "county"])
    return page(
        request, regions.select_related("parent"), endpoint="regions", paging=paging,
        filters=params.filters_of(filters),
        out=lambda request, r: {**region_ref(r), "kind": r.kind, "parent": r.parent and r.parent.code},
    )


@router.get("/themes", response={200: schemas.ThemePage, **schemas.ERRORS}, summary="Thematic objectives (2014–2020) and policy objectives (2021–2027)")
def list_themes(request, paging: Query[PageParams]):
    params.refuse_unknown(request, PageParams)
    return page(
        request, ThemeArea.objects.select_related("period"), endpoint="themes", paging=paging, filters={},
        out=lambda request, t: {"code": t.code, "name_sv": t.name, "name_en": t.name_en, "period": t.period.name},
    )


@router.get("/portfolios", response={200: schemas.PortfolioPage, **schemas.ERRORS}, summary="Portfolios")
def list_portfolios(request, paging: Query[PageParams]):
    params.refuse_unknown(request, PageParams)
    return page(
        request, Portfolio.objects.select_related("theme__period"), endpoint="portfolios", paging=paging, filters={},
        out=lambda request, p: {
            **portfolio_ref(p), "description_sv": p.description, "description_en": p.description_en,
            "theme": p.theme.code, "period": p.theme.period.name,
        },
    )


class OrganisationFilters(Schema):
    q: str | None = params.Text


@router.get("/organisations", response={200: schemas.OrganisationPage, **schemas.ERRORS}, summary="Project owners")
def list_organisations(request, filters: Query[OrganisationFilters], paging: Query[PageParams]):
    params.refuse_unknown(request, OrganisationFilters, PageParams)
    organisations = Organisation.objects.all()
    if filters.q:
        organisations = organisations.filter(name__icontains=filters.q)
    return page(
        request, organisations, endpoint="organisations", paging=paging, filters=params.filters_of(filters),
        out=organisation_out,
    )


# ---------------------------------------------------------------------------- projects


class ProjectFilters(Schema):
    portfolio: str | None = Field(None, max_length=100, description="A portfolio's slug.")
    area: str | None = Field(None, max_length=100, description="A programme area's slug or NUTS code (SE33).")
    county: str | None = Field(None, max_length=100, description="A county's slug or two-digit code (25).")
    period: str | None = Field(None, max_length=20, description="A programme period, e.g. 2014-2020.")
    programme: str | None = Field(None, max_length=20, description="A programme's CCI code.")
    theme: str | None = Field(None, max_length=10, description="A thematic or policy objective's code, e.g. TO4 or PO2.")
    status: schemas.Status | None = Field(None, description="The project's status today.")
    year: int | None = params.Year
    q: str | None = params.Text


def addresses(request) -> dict:
    """Absolute address patterns, made once a request: reversing for each row of a page of 500
    would cost more than reading the rows."""
    if not hasattr(request, "_api_addresses"):
        request._api_addresses = {
            "project": request.build_absolute_uri(reverse("api:project", kwargs={"case_number": "CASE"})).replace(
                "CASE", "{case_number}") + "?programme={cci}",
            "page": request.build_absolute_uri(reverse("registry:project", kwargs={"pk": 0})).replace("/0/", "/{pk}/"),
        }
    return request._api_addresses


def project_out(request, project: Project) -> dict:
    links = addresses(request)
    return {
        "case_number": project.case_number,
        "programme": {"cci": project.programme.cci, "name": project.programme.name},
        "period": project.programme.period.name,
        "title": project.title,
        "summary": project.summary,
        "owner": organisation_out(request, project.owner),
        "portfolio": portfolio_ref(project.portfolio),
        "theme": project.theme and project.theme.code,
        "area": region_ref(project.area),
        "counties": [region_ref(county) for county in project.counties.all()],
        "start_date": project.start_date,
        "end_date": project.end_date,
        "status": project.status,
        "total_budget": project.total_budget,
        "eu_funding": project.eu_funding,
        "paid_out": project.paid_out,
        "website": project.website,
        "url": links["project"].format(case_number=project.case_number, cci=project.programme.cci),
        "page_url": links["page"].format(pk=project.pk),
        "updated_at": project.updated_at,
    }


def projects_with_lists():
    by_code = Region.objects.order_by("code")
    return (
        Project.objects.select_related("programme__period", "owner", "portfolio", "theme", "area")
        .prefetch_related(Prefetch("counties", queryset=by_code))
    )


def filter_projects(projects, filters: ProjectFilters):
    """The project list's facets; each named facet must exist (400 otherwise)."""
    if filters.portfolio:
        projects = projects.filter(portfolio=params.portfolio(filters.portfolio))
    if filters.area:
        projects = projects.filter(area=params.area(filters.area))
    if filters.county:
        # EXISTS rather than a join, as in the registry's list: the newest-first index stays usable.
        in_county = Project.counties.through.objects.filter(
            project_id=OuterRef("pk"), region_id=params.county(filters.county).pk
        )
        projects = projects.filter(Exists(in_county))
    if filters.period:
        projects = projects.filter(programme__period=params.period(filters.period))
    if filters.programme:
        projects = projects.filter(programme=params.programme(filters.programme))
    if filters.theme:
        projects = projects.filter(theme__code=params.theme(filters.theme))
    if filters.status:
        projects = projects.in_status(filters.status)
    if filters.year:
        first, last = params.year_span(filters.year)
        projects = projects.filter(start_date__lte=last, end_date__gte=first)
    if filters.q:
        q = filters.q
        projects = projects.filter(
            Q(title__icontains=q) | Q(summary__icontains=q) | Q(case_number__icontains=q) | Q(owner__name__icontains=q)
        )
    return projects


@router.get("/projects", response={200: schemas.ProjectPage, **schemas.ERRORS}, summary="Projects, newest first")
def list_projects(request, filters: Query[ProjectFilters], paging: Query[PageParams]):
    params.refuse_unknown(request, ProjectFilters, PageParams)
    projects = filter_projects(projects_with_lists(), filters)
    return page(
        request, projects, endpoint="projects", ordering=NEWEST_FIRST, paging=paging,
        filters=params.filters_of(filters), out=project_out,
    )


class ProjectLookup(Schema):
    programme: str | None = Field(
        None, max_length=20, description="The programme's CCI code; needed when two programmes use the case number."
    )


@router.get(
    "/projects/{case_number}",
    response={200: schemas.ProjectDetailOut, **schemas.ERRORS},
    url_name="project",
    summary="One project with its financing",
)
def get_project(request, case_number: str, lookup: Query[ProjectLookup]):
    params.refuse_unknown(request, ProjectLookup)
    projects = projects_with_lists().prefetch_related(
        Prefetch("municipalities", queryset=Region.objects.order_by("code")),
        Prefetch("cofinancing", queryset=CoFinancing.objects.order_by("kind", "-amount", "pk")),
    )
    projects = projects.filter(case_number=case_number)
    if lookup.programme:
        projects = projects.filter(programme__cci=lookup.programme)
    found = list(projects[:2])
    if not found:
        raise HttpError(404, f"No project has the case number {case_number!r}.")
    if len(found) > 1:
        raise HttpError(400, f"Several programmes have a project {case_number!r}: add ?programme=<CCI code>.")
    project = found[0]
    cofinancing = list(project.cofinancing.all())

    def summed(kind):
        return sum((line.amount for line in cofinancing if line.kind == kind), Decimal("0.00"))

    return {
        **project_out(request, project),
        "background": project.background,
        "purpose": project.purpose,
        "target_groups": project.target_groups,
        "expected_results": project.expected_results,
        "municipalities": [region_ref(region) for region in project.municipalities.all()],
        "financing": {
            "total_budget": project.total_budget,
            "eu_funding": project.eu_funding,
            "eu_rate": project.eu_rate,
            "paid_out": project.paid_out,
            "cofinancing_public": summed(CoFinancing.Kind.PUBLIC),
            "cofinancing_private": summed(CoFinancing.Kind.PRIVATE),
            "cofinancing": [
                {"financier": line.financier, "kind": line.kind, "amount": line.amount} for line in cofinancing
            ],
        },
    }
