"""The open-data pages, in Swedish at /oppna-data/ and in English under /en/ (i18n_patterns)."""

from django.urls import path

from . import views

urlpatterns = [
    path("oppna-data/", views.open_data_page, name="opendata_page"),
    path("oppna-data/api/", views.api_docs, name="opendata_api_docs"),
]
