"""The public registry pages, the members' edit page and the list's exports.

Every view reads top to bottom: method and login, the access gate, the form, the save, the
answer. Reads shared between views live in selectors.py; who may edit is in rules.py.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samverka.ops.page_cache import public_page
from samverka.pages.models import Page

from . import exports, sections, selectors
from .forms import ProjectEditForm, ProjectFilterForm
from .models import Portfolio, Project, Region
from .rules import can_edit_project

PER_PAGE = 25
FIRST_PAGE = 10  # projects shown on a portfolio or region page before "show all"


def get_project_for_editing(request, pk: int) -> Project:
    """The project this person may edit: 404 if there is none, 403 if it is not theirs."""
    project = get_object_or_404(Project, pk=pk)
    if not can_edit_project(request.user, project):
        raise PermissionDenied
    return project


@require_GET
@public_page
def home(request):
    portfolios = selectors.portfolios_with_totals()
    regions = Region.objects.filter(kind__in=[Region.Kind.AREA, Region.Kind.COUNTY]).order_by("kind", "code")
    areas = [region for region in regions if region.kind == Region.Kind.AREA]
    return render(
        request,
        "registry/home.html",
        {
            "portfolios": portfolios,
            "areas": areas,
            "counties": [region for region in regions if region.kind == Region.Kind.COUNTY],
            "has_about_page": Page.objects.filter(slug=Page.Slug.ABOUT).exists(),
        },
    )


@require_GET
@public_page
def project_list(request):
    form = ProjectFilterForm(request.GET or None)
    projects = selectors.filter_projects(Project.objects.all(), **form.filters())
    page = selectors.page_of_projects(projects, request.GET.get("page"), per_page=PER_PAGE)
    return render(request, "registry/project_list.html", {"form": form, "page": page})


@require_GET
def project_export(request, fmt: str):
    form = ProjectFilterForm(request.GET or None)
    projects = selectors.filter_projects(Project.objects.all(), **form.filters()).order_by("-start_date", "-id")
    return exports.respond(request, projects, fmt)


@require_GET
@public_page
def project_detail(request, pk: int):
    project = selectors.project_for_page(pk).first()
    if project is None:
        raise Http404
    cofinancing = list(project.cofinancing.all())
    return render(
        request,
        "registry/project_detail.html",
        {
            "project": project,
            "cofinancing": cofinancing,
            "can_edit": can_edit_project(request.user, project),
            # What apps above the registry add (related projects, cooperation, …): sections.py.
            "sections": sections.sections_for(request, project),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request, pk: int):
    project = get_project_for_editing(request, pk)
    form = ProjectEditForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        form.save(commit=False)
        # Only the public, descriptive fields; amounts, dates and owner stay as imported.
        project.save(update_fields=[*ProjectEditForm.Meta.fields, "updated_at"])
        messages.success(request, _("The project page is saved."))
        return redirect(project)
    return render(request, "registry/project_edit.html", {"project": project, "form": form})


@require_GET
@public_page
def portfolio_detail(request, slug: str):
    portfolio = get_object_or_404(Portfolio.objects.select_related("theme__period"), slug=slug)
    projects = Project.objects.for_list().filter(portfolio=portfolio)
    return render(
        request,
        "registry/portfolio_detail.html",
        {
            "portfolio": portfolio,
            "totals": selectors.totals(projects),
            "projects": projects[:FIRST_PAGE],
            "list_query": f"portfolio={portfolio.slug}",
        },
    )


@require_GET
@public_page
def region_detail(request, slug: str):
    region = get_object_or_404(Region.objects.select_related("parent"), slug=slug)
    projects = selectors.projects_in_region(region).for_list()
    counties = region.children.filter(kind=Region.Kind.COUNTY).order_by("name") if region.kind == Region.Kind.AREA else []
    filter_name = "area" if region.kind == Region.Kind.AREA else "county"
    return render(
        request,
        "registry/region_detail.html",
        {
            "region": region,
            "counties": counties,
            "totals": selectors.totals(projects),
            "projects": projects[:FIRST_PAGE],
            # The project list filters by area and county; municipalities have no list filter.
            "list_query": f"{filter_name}={region.slug}" if region.kind != Region.Kind.MUNICIPALITY else "",
        },
    )
