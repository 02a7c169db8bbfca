from django.urls import path, re_path

from . import views

app_name = "results"

urlpatterns = [
    path("statistik/", views.statistics_page, name="statistics"),
    re_path(r"^statistik/(?P<table>[a-z-]+)\.csv$", views.statistics_csv, name="statistics_csv"),
    path("statistik/karta/", views.statistics_map, name="map"),
    path("projekt/<int:pk>/indikatorer/", views.project_indicators, name="project_indicators"),
    path("indikatorer/granska/", views.review_list, name="review_list"),
    path("indikatorer/varden/<int:pk>/granska/", views.review_value, name="review_value"),
]
