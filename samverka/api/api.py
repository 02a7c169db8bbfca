"""The open-data API, version 1: read-only, JSON, described by OpenAPI 3 at /api/v1/openapi.json.

django-ninja makes the OpenAPI description from the typed schemas (schemas.py, params.py), so
validation and documentation have one source. Every error is ``{"detail": "<message>"}`` in
English: 400 for a parameter or facet the endpoint does not know, 404 for nothing found, 422
for a value of the wrong type or out of range, 429 for too many requests (access.py).
"""

from ninja import NinjaAPI
from ninja.errors import ValidationError

from . import content_endpoints, registry_endpoints, results_endpoints
from .cursors import CursorError

DESCRIPTION = """\
The public data of the network: the project registry (programmes, regions, portfolios,
project owners, projects with their financing), public events, knowledge items and news,
indicators with the projects' approved values, and the statistics' totals.
No personal data. Lists are newest first (or by id) and paged: follow `next` until it is null.
The data is open (see the licence in the data catalogue at /oppna-data/katalog.jsonld).
"""

class OpenDataAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        # The view's own name ("list_projects"): short, stable, and unique in this API.
        return operation.view_func.__name__


api = OpenDataAPI(
    title="Samverka open data",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url=None,  # the docs page is our own (views.api_docs): Swagger UI would need scripts from a CDN
)
api.add_router("/", registry_endpoints.router)
api.add_router("/", content_endpoints.router)
api.add_router("/", results_endpoints.router)


@api.exception_handler(CursorError)
def cursor_error(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    """One readable sentence per refused value, e.g. "limit: Input should be less than or equal to 500"."""
    messages = []
    for error in exc.errors:
        where = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "filters", "paging", "lookup")]
        messages.append(f"{'.'.join(where) or 'request'}: {error.get('msg', 'not valid')}")
    return api.create_response(request, {"detail": "; ".join(messages)}, status=422)
