from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running Samverka in production: backups, stuck tasks, and the record of mails sent from tasks."""

    name = "samverka.ops"
    verbose_name = "Operations"
