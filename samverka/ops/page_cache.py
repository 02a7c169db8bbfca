"""Public pages kept for a few seconds for visitors who are not signed in ("micro-caching").

Every visitor who is not signed in sees the same project list, project page or API answer, so
``public_page`` keeps the rendered answer in the cache for ``PAGE_CACHE_SECONDS`` (30 by
default, 0 turns it off) and hands it out meanwhile: a visitor sees a page at most that old, and
a busy page costs one cache read instead of its queries and template. With Redis
(``REDIS_URL``) every web process shares the copies. Signed-in people always get a fresh page,
so an editor sees her own change at once.

When a copy's time is up, the first request for it renders the page anew (and takes a lock in
the cache for it, ``REFRESH_LOCK_SECONDS``); requests arriving while it does get the old copy
("stale") rather than rendering the same page too, so a busy page that expires costs one
rendering, not one per waiting visitor. An old copy is kept for another ``PAGE_CACHE_SECONDS``
for this and then dropped: no copy older than twice ``PAGE_CACHE_SECONDS`` is ever handed out.

Never kept: a request with a session or a pending message (the cookie says so), anything but a
GET answered 200, and an answer that sets a cookie, varies on the cookie, used a CSRF token (a
form for a visitor carries that visitor's token) or says ``Cache-Control: private``/``no-store``.
The key is the host, the address with its query string, the language and ``Accept-Language``.
"""

import functools
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, has_vary_header
from django.utils.translation import get_language

KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Vary")
MESSAGES_COOKIE = "messages"
# Longer than any page takes to render: a refresher that died lets the next request try after this.
REFRESH_LOCK_SECONDS = 10


def _key(request) -> str:
    parts = "\n".join(
        [request.get_host(), request.get_full_path(), get_language() or "", request.headers.get("Accept-Language", "")]
    )
    return "page:" + hashlib.sha256(parts.encode()).hexdigest()


def _eligible(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
    )


def _keepable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or has_vary_header(response, "Cookie"):
        return False
    directives = {d.strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    return not directives & {"private", "no-store", "no-cache"}


def _replay(stored, state: str) -> HttpResponse:
    content, headers, _fresh_until = stored
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    response["X-Page-Cache"] = state
    return response


def cached(get_response, request):
    """``get_response(request)``, or the kept copy of its answer (see the module's docstring)."""
    if not _eligible(request):
        return get_response(request)
    key = _key(request)
    stored = cache.get(key)
    lock = None
    if stored is not None:
        if time.time() < stored[2]:
            return _replay(stored, "hit")
        if not cache.add(key + ":refresh", 1, REFRESH_LOCK_SECONDS):
            return _replay(stored, "stale")  # another request is rendering it anew
        lock = key + ":refresh"
    try:
        response = get_response(request)
        if _keepable(request, response):
            seconds = settings.PAGE_CACHE_SECONDS
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            cache.set(key, (response.content, headers, time.time() + seconds), 2 * seconds)
            response["X-Page-Cache"] = "miss"
        elif stored is not None:
            cache.delete(key)  # the page no longer answers as it did: no old copy for the others
        return response
    finally:
        if lock:
            cache.delete(lock)


def public_page(view):
    """Keep the view's answers to visitors who are not signed in for ``PAGE_CACHE_SECONDS``."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        return cached(lambda request: view(request, *args, **kwargs), request)

    return wrapper
