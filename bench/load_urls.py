"""The site's URLs plus ``/floor`` (bench/load_bench.py): a constant through the whole stack."""

from django.http import HttpResponse
from django.urls import path

from samverka.urls import handler500, urlpatterns as site  # noqa: F401 — the site's error handler


def floor(request):
    return HttpResponse(b"floor", content_type="text/plain")


urlpatterns = [path("floor", floor), *site]
