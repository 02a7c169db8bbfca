from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "samverka.meetings"
    verbose_name = _("Meetings and webinars")

    def ready(self):
        from django.db.models.signals import post_delete

        # The meetings' part of a person's data download and erasure (samverka.accounts.privacy).
        from . import privacy  # noqa: F401
        from .attachments import delete_stored_file
        from .models import Attachment

        # An attachment's file leaves storage with its row (admin, or the event deleted).
        post_delete.connect(delete_stored_file, sender=Attachment, dispatch_uid="meetings_attachment_file")
