from django.urls import path

from . import (
    attendance_views,
    calendar_views,
    engagement_views,
    invitation_views,
    organise_views,
    survey_views,
    views,
)

app_name = "meetings"

urlpatterns = [
    # Public and participant pages, registration (views.py)
    path("traffar/", views.event_list, name="event_list"),
    path("traffar/tidigare/", views.event_list_past, name="event_list_past"),
    path("traffar/mina/", views.my_registrations, name="my_registrations"),
    path("traffar/<int:pk>/", views.event_detail, name="event"),
    path("traffar/<int:pk>/anmal/", views.register, name="register"),
    path("traffar/<int:pk>/avboka/", views.cancel_own, name="cancel_own"),
    path("traffar/<int:pk>/anmalningar/", views.registration_list, name="registration_list"),
    path(
        "traffar/<int:pk>/anmalningar/<int:registration_pk>/godkann/",
        views.registration_approve,
        name="registration_approve",
    ),
    path(
        "traffar/<int:pk>/anmalningar/<int:registration_pk>/avsla/",
        views.registration_decline,
        name="registration_decline",
    ),
    path("traffar/anmalan/<str:token>/", views.registration_page, name="registration"),
    path("traffar/anmalan/<str:token>/avboka/", views.registration_cancel, name="registration_cancel"),
    path("traffar/anmalan/<str:token>/bekrafta/", views.registration_confirm, name="registration_confirm"),
    # Organising (organise_views.py): copy, series, discussion groups, attachments
    path("traffar/<int:pk>/kopiera/", organise_views.copy_event, name="organise_copy"),
    path("traffar/<int:pk>/serie/", organise_views.create_series, name="organise_series"),
    path("traffar/<int:pk>/grupper/", organise_views.groups_page, name="organise_groups"),
    path("traffar/<int:pk>/grupper/<int:number>/anteckningar/", organise_views.group_notes, name="organise_group_notes"),
    path("traffar/<int:pk>/bilagor/", organise_views.attachments_page, name="organise_attachments"),
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
    # Invitations (invitation_views.py)
    path("traffar/<int:pk>/inbjudningar/", invitation_views.invitations_page, name="invitations"),
    path("traffar/<int:pk>/inbjudningar/skicka-igen/", invitation_views.invitations_retry, name="invitations_retry"),
    path("traffar/inbjudan/<str:token>/", invitation_views.invitation_open, name="invitation"),
    path("traffar/inbjudan/<str:token>/avboj/", invitation_views.invitation_decline, name="invitation_decline"),
    # Calendars (calendar_views.py)
    path("traffar/kalender.ics", calendar_views.public_feed, name="calendar_public"),
    path("traffar/<int:pk>/kalender.ics", calendar_views.event_calendar, name="event_calendar"),
    path("traffar/anmalan/<str:token>/kalender.ics", calendar_views.registration_calendar, name="registration_calendar"),
    path("kalender/min/", calendar_views.calendar_feed_link, name="calendar_feed_link"),
    path("kalender/<str:token>.ics", calendar_views.personal_feed, name="calendar_feed"),
]
