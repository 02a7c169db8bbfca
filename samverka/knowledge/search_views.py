"""The search page (/sok/): one box over projects, knowledge items, news and events, with facets.

Reads top to bottom: the form, the facet filters, the search (search_results.py), the page.
It makes the same number of queries whatever the number of entries: two small ones for the
portfolios and programme areas (to check the filters and name them) and those of ``search``.
"""

from django.shortcuts import render
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samverka.registry.forms import localised_name
from samverka.registry.models import Portfolio, Region

from .search_forms import KIND_LABELS, SearchForm, read_filters, read_page
from .search_results import Found, search


@require_GET
def search_page(request):
    form = SearchForm(request.GET)
    form.is_valid()
    text = form.cleaned_data.get("q", "")
    found, facets, notice = Found(), [], ""
    if text:
        portfolios = list(Portfolio.objects.only("pk", "slug", "name", "name_en"))
        areas = list(Region.objects.filter(kind=Region.Kind.AREA).only("pk", "slug", "name"))
        filters, ignored = read_filters(
            request.GET, portfolios={p.slug: p.pk for p in portfolios}, areas={a.slug: a.pk for a in areas}
        )
        if ignored:
            notice = _("Some filters in the address are unknown and were left out.")
        language = "en" if get_language() == "en" else "sv"
        found = search(text, filters=filters, language=language, page=read_page(request.GET))
        facets = _facets(found, filters, portfolios, areas)
    return render(request, "knowledge/search.html", {
        "form": form,
        "text": text,
        "found": found,
        "facets": facets,
        "notice": notice,
    })


def _facets(found: Found, filters, portfolios, areas) -> list[dict]:
    """Each facet with its options (value, label, count, checked): those with results and those chosen."""

    def options(counts, chosen, choices):
        # Label and count as the page prints them, made here once: through the template's
        # ``capfirst`` and number formatting, 33 options cost about a millisecond more.
        return [
            {"value": value, "label": capfirst(str(label)), "count": str(counts.get(key, 0)), "checked": key in chosen}
            for key, value, label in choices
            if counts.get(key) or key in chosen
        ]

    years = sorted(set(found.facets["year"]) | set(filters.years), reverse=True)
    return [
        {"name": "kind", "legend": _("Kind"), "options": options(
            found.facets["kind"], filters.kinds, [(kind, kind, label) for kind, label in KIND_LABELS.items()])},
        {"name": "portfolio", "legend": _("Portfolio"), "options": options(
            found.facets["portfolio"], filters.portfolios, [(p.pk, p.slug, localised_name(p)) for p in portfolios])},
        {"name": "area", "legend": _("Programme area"), "options": options(
            found.facets["area"], filters.areas, [(a.pk, a.slug, a.name) for a in areas])},
        {"name": "year", "legend": _("Year"), "options": options(
            found.facets["year"], filters.years, [(year, year, year) for year in years])},
    ]
