from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "samverka.meetings"
    verbose_name = _("Meetings and webinars")

    def ready(self):
        # The meetings' part of a person's data download and erasure (samverka.accounts.privacy).
        from . import privacy  # noqa: F401
