"""Reads that more than one registry page shares, as chainable querysets."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from .models import Portfolio, Project, Region


def filter_projects(
    projects: QuerySet,
    *,
    q: str = "",
    portfolio=None,
    area=None,
    county=None,
    period=None,
    theme=None,
    status: str = "",
) -> QuerySet:
    """Narrow ``projects`` by the project list's filters; each filter left out matches all."""
    if portfolio:
        projects = projects.filter(portfolio=portfolio)
    if area:
        projects = projects.filter(area=area)
    if county:
        # EXISTS rather than a join: the database walks the (start_date, id) index in list order
        # and stops after one page, instead of sorting every project in a large county.
        in_county = Project.counties.through.objects.filter(project_id=OuterRef("pk"), region_id=county.pk)
        projects = projects.filter(Exists(in_county))
    if period:
        projects = projects.filter(programme__period=period)
    if theme:
        projects = projects.filter(theme=theme)
    if status:
        projects = projects.in_status(status)
    if q:
        projects = projects.filter(
            Q(title__icontains=q)
            | Q(summary__icontains=q)
            | Q(case_number__icontains=q)
            | Q(owner__name__icontains=q)
        )
    return projects


def page_of_projects(projects: QuerySet, number, *, per_page: int) -> Page:
    """One page of ``projects`` (in their own order) with what the list shows of each.

    The page's ids come first from the bare table, so the database skips the earlier rows
    along the (start_date, id) index without joining them; then only the page's rows are
    read with their owner, portfolio and area. At 100 000 projects on PostgreSQL the last page
    takes ~40 ms this way and ~245 ms with the joins under the OFFSET.
    """
    page = Paginator(projects.values_list("pk", flat=True), per_page).get_page(number)
    ids = list(page.object_list)
    rows = Project.objects.for_list().in_bulk(ids)
    page.object_list = [rows[pk] for pk in ids]
    return page


def projects_in_region(region: Region) -> QuerySet:
    """The projects of a programme area, a county or a municipality."""
    if region.kind == Region.Kind.AREA:
        return Project.objects.filter(area=region)
    if region.kind == Region.Kind.COUNTY:
        return Project.objects.filter(counties=region)
    return Project.objects.filter(municipalities=region)


def portfolios_with_totals() -> QuerySet:
    """Every portfolio with ``project_count`` and ``eu_total``, ordered by theme area: one query."""
    return (
        Portfolio.objects.select_related("theme__period")
        .annotate(project_count=Count("projects"), eu_total=Sum("projects__eu_funding"))
        .order_by("theme__period__start_year", "theme__code", "theme_id", "order", "name")
    )


def totals(projects: QuerySet) -> dict:
    """``{"count": …, "eu_total": …}`` for a set of projects, in one query."""
    return projects.order_by().aggregate(count=Count("pk"), eu_total=Sum("eu_funding"))


def project_for_page(pk: int) -> QuerySet:
    """The project with everything its page shows, in a fixed number of queries."""
    return (
        Project.objects.filter(pk=pk)
        .select_related("programme__period", "owner", "portfolio", "theme", "area")
        .prefetch_related("counties", "municipalities", "cofinancing")
    )
