from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running Samverka in production; no models, only the backup and restore commands."""

    name = "samverka.ops"
    verbose_name = "Operations"
