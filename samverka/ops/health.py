"""``/healthz``: is this process able to serve? The database answers a query and the cache
takes a write and a read. A load balancer takes the process out on anything but 200."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("health check: database unreachable")
        return False


def _cache() -> bool:
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        # The resilient cache swallows errors (the site keeps serving without it), so ask it
        # directly whether its server answers.
        if hasattr(cache, "reachable"):
            return cache.reachable()
        cache.set(key, value, 10)
        found = cache.get(key) == value
        cache.delete(key)
        return found
    except Exception:
        logger.exception("health check: cache unreachable")
        return False


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _database(), "cache": _cache()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable", **{name: "ok" if ok else "failing" for name, ok in checks.items()}}
    return JsonResponse(body, status=200 if healthy else 503)
