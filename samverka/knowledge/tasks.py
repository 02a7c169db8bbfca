"""The knowledge app's background tasks: thin, they take ids, fetch again and call the workflow."""

from django_tasks import task  # noqa: F401 — each area adds its tasks below
