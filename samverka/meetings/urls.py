from django.urls import path

from . import attendance_views, engagement_views, survey_views, views

app_name = "meetings"

urlpatterns = [
    # Attendance (attendance_views.py)
    path("traffar/<int:pk>/narvaro/", attendance_views.attendance_page, name="attendance"),
    path("traffar/<int:pk>/narvaro/rapport/", attendance_views.report_upload, name="attendance_report"),
    path(
        "traffar/<int:pk>/narvaro/rapport/<int:report_pk>/matcha/",
        attendance_views.report_match,
        name="attendance_match",
    ),
    # Engagement (engagement_views.py)
    path("traffar/engagemang/", engagement_views.engagement_page, name="engagement"),
    # Feedback survey (survey_views.py)
    path("traffar/enkat/<str:token>/", survey_views.survey_answer, name="survey_answer"),
    path("traffar/<int:pk>/enkat/resultat/", survey_views.survey_results, name="survey_results"),
]
