from django.urls import path

from . import outcome_views, views

app_name = "polls"

urlpatterns = [
    path("omrostningar/", views.poll_list, name="poll_list"),
    path("omrostningar/<int:pk>/", views.poll_detail, name="poll"),
    path("omrostningar/<int:pk>/rosta/", views.vote, name="vote"),
    path("omrostningar/<int:pk>/foresla/", views.propose, name="propose"),
    path("omrostningar/<int:pk>/forslag/", views.proposals, name="proposals"),
    path("omrostningar/<int:pk>/forslag/<int:option_pk>/", views.decide_proposal, name="decide_proposal"),
    path("omrostningar/<int:pk>/resultat/", views.results, name="results"),
    path("omrostningar/<int:pk>/utfall/", outcome_views.poll_outcome, name="outcome"),
    path("omrostningar/<int:pk>/resultat.csv", views.results_csv, name="results_csv"),
]
