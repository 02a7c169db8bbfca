"""The open-data pages (what there is, the API's documentation) and the bulk files.

The files and the catalogue carry the open-data rules (CORS, rate limit; access.py) and
answer the same in every language; the pages are ordinary site pages in both languages.
"""

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from . import catalogue as dcat
from . import datasets, docs
from .access import open_data
from .api import api


def _site(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@require_GET
def open_data_page(request):
    return render(
        request,
        "api/open_data.html",
        {
            "datasets": list(datasets.DATASETS.values()),
            "licence": settings.OPEN_DATA_LICENSE,
            "is_cc0": "publicdomain/zero" in settings.OPEN_DATA_LICENSE,
            "rate_limit": settings.API_RATE_LIMIT,
        },
    )



@require_GET
def api_docs(request):
    operations, components = docs.describe(api.get_openapi_schema(path_prefix="/api/v1"))
    return render(request, "api/api_docs.html", {"operations": operations, "components": components})


@require_GET
def docs_redirect(request):
    return redirect("opendata_api_docs")


@open_data
@require_GET
def catalogue(request):
    response = JsonResponse(dcat.graph(_site(request)), json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Type"] = "application/ld+json"
    return response


@open_data
@require_GET
def catalogue_turtle(request):
    return HttpResponse(dcat.turtle(dcat.graph(_site(request))), content_type="text/turtle; charset=utf-8")


@open_data
@require_GET
def download(request, dataset: str, fmt: str):
    found = datasets.DATASETS.get(dataset)
    if found is None or fmt not in found.formats:
        raise Http404
    site = _site(request)
    if fmt == "csv":
        stream = datasets.as_csv(found, site)
    elif fmt == "json":
        stream = datasets.as_json(found, site, settings.OPEN_DATA_LICENSE)
    else:
        stream = datasets.as_geojson(found, site, settings.OPEN_DATA_LICENSE)
    response = StreamingHttpResponse(stream, content_type=datasets.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{dataset}.{fmt}"'
    response["Link"] = f'<{settings.OPEN_DATA_LICENSE}>; rel="license"'
    return response
