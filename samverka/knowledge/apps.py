from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "samverka.knowledge"
    verbose_name = _("Knowledge bank and news")

    def ready(self):
        # Each area connects its own signal handlers and privacy parts here, one line each.
        from django.db.models.signals import post_delete

        # Items and news: the writer's part of a data download and erasure; a file leaves
        # storage with its attachment or image row (also when the item goes).
        from . import privacy  # noqa: F401
        from .models import Attachment, NewsImage
        from .services import delete_stored_file

        post_delete.connect(delete_stored_file, sender=Attachment, dispatch_uid="knowledge_attachment_file")
        post_delete.connect(delete_stored_file, sender=NewsImage, dispatch_uid="knowledge_news_image_file")
