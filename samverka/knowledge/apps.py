from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "samverka.knowledge"
    verbose_name = _("Knowledge bank and news")

    def ready(self):
        # Each area connects its own signal handlers and privacy parts here, one line each.
        # Search: saving, deleting or relinking a project, knowledge item, news item or event (and the
        # registry import's projects_changed) re-indexes it when the transaction commits.
        from . import search

        search.connect_signals()

        self._connect_subscriptions()
        from django.db.models.signals import post_delete

        # Items and news: the writer's part of a data download and erasure; a file leaves
        # storage with its attachment or image row (also when the item goes).
        from . import privacy  # noqa: F401
        from .models import Attachment, NewsImage
        from .services import delete_stored_file

        post_delete.connect(delete_stored_file, sender=Attachment, dispatch_uid="knowledge_attachment_file")
        post_delete.connect(delete_stored_file, sender=NewsImage, dispatch_uid="knowledge_news_image_file")

        # Projects like yours: a changed text (a project, its cooperation wishes, a knowledge item
        # saved, published, unpublished or deleted) refreshes that source's lists in the background.
        # The import's bulk writes send the registry's projects_changed instead of save signals.
        from django.db.models.signals import post_save

        from samverka.registry.models import Project
        from samverka.registry.signals import projects_changed

        from . import cooperation_privacy, project_sections  # noqa: F401 — data download and erasure; page sections
        from .models import CooperationWish, KnowledgeItem
        from .related import item_changed, project_changed, projects_changed_in_bulk, wish_changed

        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(project_changed, sender=Project, dispatch_uid=f"knowledge_related_project_{name}")
            signal.connect(item_changed, sender=KnowledgeItem, dispatch_uid=f"knowledge_related_item_{name}")
            signal.connect(wish_changed, sender=CooperationWish, dispatch_uid=f"knowledge_related_wish_{name}")
        projects_changed.connect(projects_changed_in_bulk, dispatch_uid="knowledge_related_projects_bulk")

    def _connect_subscriptions(self):
        # Subscriptions: publishing a knowledge item, a due news item or an event enqueues its
        # mails after commit; a person's subscription is in their download and goes at erasure.
        from django.db.models.signals import post_save, pre_save

        from samverka.meetings.models import Event

        from . import subscription_privacy  # noqa: F401
        from . import subscription_signals as hooks
        from .models import KnowledgeItem, NewsItem

        post_save.connect(hooks.knowledge_item_saved, sender=KnowledgeItem, dispatch_uid="knowledge_subs_item")
        post_save.connect(hooks.news_item_saved, sender=NewsItem, dispatch_uid="knowledge_subs_news")
        pre_save.connect(hooks.event_saving, sender=Event, dispatch_uid="knowledge_subs_event_before")
        post_save.connect(hooks.event_saved, sender=Event, dispatch_uid="knowledge_subs_event")
