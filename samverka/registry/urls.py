from django.urls import path, re_path

from . import views

app_name = "registry"

urlpatterns = [
    path("", views.home, name="home"),
    path("projekt/", views.project_list, name="project_list"),
    re_path(r"^projekt/export\.(?P<fmt>csv|xlsx|json)$", views.project_export, name="project_export"),
    path("projekt/<int:pk>/", views.project_detail, name="project"),
    path("projekt/<int:pk>/redigera/", views.project_edit, name="project_edit"),
    path("portfoljer/<slug:slug>/", views.portfolio_detail, name="portfolio"),
    path("omraden/<slug:slug>/", views.region_detail, name="region"),
]
