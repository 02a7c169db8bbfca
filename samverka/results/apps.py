from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "samverka.results"
    verbose_name = _("Results and statistics")

    def ready(self):
        from . import freshness, privacy  # noqa: F401  privacy registers the eraser with accounts

        freshness.connect()
