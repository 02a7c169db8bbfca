"""Addresses outside the language prefixes: the API and the data files answer the same in
every language (the open-data page itself is in page_urls.py, under i18n_patterns)."""

from django.urls import path, re_path

from . import views
from .api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("api/v1/docs", views.docs_redirect),
    path("oppna-data/katalog.jsonld", views.catalogue, name="opendata_catalogue"),
    path("oppna-data/katalog.ttl", views.catalogue_turtle, name="opendata_catalogue_turtle"),
    re_path(r"^oppna-data/(?P<dataset>[a-z]+)\.(?P<fmt>csv|json|geojson)$", views.download, name="opendata_download"),
]
