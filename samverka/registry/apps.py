from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "samverka.registry"
    verbose_name = _("Project registry")

    def ready(self):
        from samverka import checks  # noqa: F401  (registers the deployment checks)
