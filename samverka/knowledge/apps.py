from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "samverka.knowledge"
    verbose_name = _("Knowledge bank and news")

    def ready(self):
        # Each area connects its own signal handlers and privacy parts here, one line each.
        pass
