"""Pages of the results app: a project's indicator values, the coordinators' review, statistics and map.

Views read top to bottom: method and login, the access gate, the form, the workflow, the answer.
Figures come from statistics.py; who may do what is in rules.py.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverka.registry.models import Project

from . import charts, exports, freshness, maps, services, statistics
from .forms import ReportValueForm, ReviewForm
from .models import IndicatorValue
from .rules import can_report_values, can_review_values
from .templatetags.results_format import format_money, format_quantity

REVIEW_PAGE = 200  # values awaiting review shown at once, oldest first


def get_project_for_reporting(request, pk: int) -> Project:
    """The project whose values this person may report: 404 if there is none, 403 if not theirs."""
    project = get_object_or_404(Project.objects.select_related("programme__period"), pk=pk)
    if not can_report_values(request.user, project):
        raise PermissionDenied
    return project


def get_value_for_review(request, pk: int) -> IndicatorValue:
    """A value a coordinator reviews: 403 for anyone else, 404 if there is none."""
    if not can_review_values(request.user):
        raise PermissionDenied
    return get_object_or_404(IndicatorValue.objects.select_related("project", "indicator"), pk=pk)


def currency_of(request) -> str:
    """The currency asked for with ``?currency=EUR``; SEK for anything else."""
    currency = request.GET.get("currency", "").upper()
    return currency if currency in statistics.CURRENCIES else "SEK"


@login_required
@require_http_methods(["GET", "POST"])
def project_indicators(request, pk: int):
    project = get_project_for_reporting(request, pk)
    form = ReportValueForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.report_value(
                project=project,
                indicator=data["indicator"],
                kind=data["kind"],
                phase=data["phase"],
                value=data["value"],
                reference_date=data["reference_date"],
                reported_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The value is reported. A coordinator reviews it before it counts in the statistics.")
            )
            return redirect("results:project_indicators", pk=project.pk)
    values = project.indicator_values.select_related("indicator").order_by(
        "indicator__code", "phase", "kind", "-reference_date", "-pk"
    )
    return render(request, "results/project_indicators.html", {"project": project, "form": form, "values": values})


def _review_page(request, *, bound_value=None, bound_form=None, status=200):
    values = (
        IndicatorValue.objects.awaiting_review()
        .select_related("project", "indicator", "reported_by")
        .order_by("created_at", "pk")[:REVIEW_PAGE]
    )
    rows = [
        (value, bound_form if bound_value and value.pk == bound_value.pk else ReviewForm(prefix=f"v{value.pk}"))
        for value in values
    ]
    return render(request, "results/review_list.html", {"rows": rows, "limit": REVIEW_PAGE}, status=status)


@login_required
@require_GET
def review_list(request):
    if not can_review_values(request.user):
        raise PermissionDenied
    return _review_page(request)


@login_required
@require_POST
def review_value(request, pk: int):
    value = get_value_for_review(request, pk)
    form = ReviewForm(request.POST, prefix=f"v{value.pk}")
    if not form.is_valid():
        return _review_page(request, bound_value=value, bound_form=form)
    approve = form.cleaned_data["decision"] == ReviewForm.APPROVE
    services.review_value(value=value, reviewer=request.user, approve=approve, comment=form.cleaned_data["comment"])
    names = {"code": value.indicator.code, "project": value.project.title}
    if approve:
        messages.success(request, _("%(code)s for %(project)s is approved.") % names)
    else:
        messages.success(request, _("%(code)s for %(project)s is returned with your comment.") % names)
    return redirect("results:review_list")


def _funding_chart(rows, currency):
    """EU funding granted per group, with the part paid out (where known) drawn over it."""
    return charts.bars(
        rows,
        value_of=lambda row: row.eu_funding,
        label_of=lambda row: row.label,
        text_of=lambda row: format_money(statistics.convert(row.eu_funding, currency), currency),
        part_of=lambda row: row.paid_out,
        legend=(_("EU funding granted"), _("paid out, where known")),
    )


@require_GET
def statistics_page(request):
    currency = currency_of(request)
    # The last computed figures, perhaps from before the newest change (see freshness.py);
    # everything shown, the date included, comes from that one computation.
    figures = freshness.figures()
    funding = figures["funding"]
    by_portfolio = figures["indicators_by_portfolio"]
    engagement = figures["engagement"]
    attended_rows = [{"label": str(count), "projects": projects} for count, projects in engagement.attended_counts]
    return render(
        request,
        "results/statistics.html",
        {
            "currency": currency,
            "other_currency": "EUR" if currency == "SEK" else "SEK",
            "eur_rate": settings.EUR_RATE,
            "funding": funding,
            "total": funding.total,
            "last_updated": figures["last_updated"],
            "outdated": figures.outdated,
            "portfolio_chart": _funding_chart(funding.tables["portfolio"], currency),
            "area_chart": _funding_chart(funding.tables["area"], currency),
            "indicators_by_portfolio": by_portfolio,
            "indicator_chart": charts.bars(
                [row for row in by_portfolio if row.share is not None],
                value_of=lambda row: row.share,
                label_of=lambda row: f"{row.code} · {row.group}",
                text_of=lambda row: f"{format_quantity(row.share)} %",
            ),
            "indicators_by_programme": figures["indicators_by_programme"],
            "engagement": engagement,
            "attended_chart": charts.bars(
                attended_rows,
                value_of=lambda row: row["projects"],
                label_of=lambda row: row["label"],
                text_of=lambda row: str(row["projects"]),
            ),
        },
    )


@require_GET
def statistics_csv(request, table: str):
    if table not in exports.TABLES:
        raise Http404
    return exports.respond(table, currency_of(request))


MEASURES = ("funding", "projects")


@require_GET
def statistics_map(request):
    currency = currency_of(request)
    level = request.GET.get("level") if request.GET.get("level") in ("area", "county") else "area"
    measure = request.GET.get("measure") if request.GET.get("measure") in MEASURES else "funding"
    figures = freshness.figures()
    rows = figures["funding"].tables[level]
    list_url = reverse("registry:project_list")

    def value_of(row):
        return statistics.convert(row.eu_funding, currency) if measure == "funding" else row.projects

    places = maps.places(level, rows, value_of, lambda row: f"{list_url}?{level}={row.slug}")

    def shown(value):
        return format_money(value, currency) if measure == "funding" else format_quantity(round(value))

    for place in places:
        place.text = shown(place.value)
    legend = [
        {"shade": shade, "low": shown(low), "high": shown(high), "places": [p for p in places if p.shade == shade]}
        for shade, low, high in maps.legend(*maps.extent(places))
    ]
    return render(
        request,
        "results/map.html",
        {
            "currency": currency,
            "level": level,
            "measure": measure,
            "places": places,
            "view_box": maps.outlines()["view_box"],
            "legend": legend,
            "rows": rows,
            "last_updated": figures["last_updated"],
            "outdated": figures.outdated,
        },
    )
