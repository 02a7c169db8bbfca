from django.urls import path

from . import outcome_views, views

app_name = "polls"

urlpatterns = [
    path("omrostningar/<int:pk>/utfall/", outcome_views.poll_outcome, name="outcome"),
]
