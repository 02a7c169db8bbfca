from django.urls import path

from . import views

app_name = "accounts"

# Mounted at /konto/ beside django-allauth's pages (login/, signup/, password/…, email/…).
urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("bjud-in/", views.invite, name="invite"),
    path("inbjudan/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("mina-uppgifter.json", views.download_data, name="download_data"),
    path("radera/", views.erase_account, name="erase"),
]
