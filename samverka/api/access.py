"""What every open-data answer shares: CORS for GET and a rate limit per client address.

The API (``/api/``) passes through ``OpenDataMiddleware``, which also answers CORS preflight
requests (django-ninja would refuse OPTIONS with 405); the bulk files use the ``open_data``
decorator. The limit is ``API_RATE_LIMIT`` requests per window, counted in the Django cache
(Redis in production, so every web process counts the same requests) in fixed windows: one
atomic increment a request.
"""

import functools
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse

from samverka.ops import page_cache

ALLOWED_METHODS = "GET, OPTIONS"


def client_address(request) -> str:
    """The client's IP address: behind a proxy (``BEHIND_PROXY=1``) the address the proxy
    appended last to X-Forwarded-For, since anything before it the client may have written."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.rsplit(",", 1)[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def seconds_to_wait(request) -> int:
    """Count this request; 0 when it is within the limit, else the seconds until the window ends."""
    limit, window = settings.API_RATE_LIMIT
    if not limit:
        return 0
    now = time.time()
    number = int(now // window)
    key = f"api-rate:{client_address(request)}:{number}"
    # add() is a no-op when the key exists, so concurrent first requests cannot reset a count.
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.add(key, 1, timeout=window + 1)
        count = 1
    if count <= limit:
        return 0
    return max(1, math.ceil((number + 1) * window - now))


def too_many_requests(wait: int) -> JsonResponse:
    limit, window = settings.API_RATE_LIMIT
    response = JsonResponse(
        {"detail": f"Too many requests: at most {limit} in {window} seconds. Try again in {wait} seconds."},
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


def preflight() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, Content-Type"
    response["Access-Control-Max-Age"] = "86400"
    return response


def serve(request, view, *args, **kwargs):
    """Answer ``request`` with ``view`` under the open-data rules (preflight, limit, CORS)."""
    if request.method == "OPTIONS":
        response = preflight()
    else:
        wait = seconds_to_wait(request)
        response = too_many_requests(wait) if wait else view(request, *args, **kwargs)
    # Open data: any web page may read it. No credentials are involved, so "*" is safe.
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "Retry-After, Content-Disposition"
    return response


def open_data(view):
    """Decorate a plain view (the bulk files, the catalogue) with the open-data rules."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        return serve(request, view, *args, **kwargs)

    return wrapper


class OpenDataMiddleware:
    """The open-data rules for every address under ``/api/``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        return serve(request, functools.partial(page_cache.cached, self.get_response))
