from django.urls import path  # noqa: F401 — each area adds its paths below

app_name = "knowledge"

urlpatterns = []
