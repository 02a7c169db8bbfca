from django.urls import path

from . import survey_views, views

app_name = "meetings"

urlpatterns = [
    # Feedback survey (survey_views.py)
    path("traffar/enkat/<str:token>/", survey_views.survey_answer, name="survey_answer"),
    path("traffar/<int:pk>/enkat/resultat/", survey_views.survey_results, name="survey_results"),
]
