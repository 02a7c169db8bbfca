from django.urls import path, re_path

from . import views
from .models import Page

app_name = "pages"

# Only the known page slugs resolve here, so these routes never shadow the registry's.
PAGE_SLUGS = "|".join(Page.Slug.values)

urlpatterns = [
    path("tillganglighet/", views.accessibility, name="accessibility"),
    re_path(rf"^(?P<slug>{PAGE_SLUGS})/$", views.page, name="page"),
]
