"""The knowledge app's back office for coordinators. Each area registers its models in its own
section below.

Knowledge items and news: news are written here (with images that must have alt text, and
attachments checked by content like every other file); knowledge items are mostly written on
the site by project members, and kept here; tags are made here.
"""

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from samverka import uploads
from samverka.accounts.coordinator_admin import CoordinatorAdmin, CoordinatorInline

from .forms import AdminAttachmentForm, KnowledgeItemAdminForm, NewsImageForm, NewsItemAdminForm
from .models import Attachment, Delivery, KnowledgeItem, NewsImage, NewsItem, Subscription, Tag

# --- Knowledge items and news -------------------------------------------------------------------


class AttachmentInline(CoordinatorInline, admin.TabularInline):
    model = Attachment
    form = AdminAttachmentForm
    extra = 0
    fields = ["title", "file", "file_type_and_size"]
    readonly_fields = ["file_type_and_size"]

    @admin.display(description=_("type and size"))
    def file_type_and_size(self, attachment):
        if not attachment.pk:
            return "–"
        return f"{uploads.type_name(attachment.content_type)}, {uploads.format_size(attachment.size)}"


class ItemAttachmentInline(AttachmentInline):
    fk_name = "item"


class NewsAttachmentInline(AttachmentInline):
    fk_name = "news_item"


class NewsImageInline(CoordinatorInline, admin.StackedInline):
    model = NewsImage
    form = NewsImageForm
    extra = 0
    fields = ["image", "alt_text", "caption", "position"]


@admin.register(KnowledgeItem)
class KnowledgeItemAdmin(CoordinatorAdmin):
    form = KnowledgeItemAdminForm
    inlines = [ItemAttachmentInline]
    list_display = ["title", "kind", "status", "published_at", "language", "updated_at"]
    list_filter = ["status", "kind", "language", "portfolios", "tags"]
    search_fields = ["title", "lead", "body", "projects__title", "projects__case_number"]
    date_hierarchy = "published_at"
    filter_horizontal = ["portfolios", "tags"]
    autocomplete_fields = ["projects", "events"]
    fieldsets = [
        (None, {"fields": ["kind", "title", "lead", "body", "language"]}),
        (_("Publication"), {"fields": ["status", "published_at"]}),
        (_("Links"), {"fields": ["projects", "portfolios", "events", "tags"]}),
    ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(NewsItem)
class NewsItemAdmin(CoordinatorAdmin):
    form = NewsItemAdminForm
    inlines = [NewsImageInline, NewsAttachmentInline]
    list_display = ["title", "status", "publish_at", "shown", "language", "page_link"]
    list_filter = ["status", "language", "portfolios", "tags"]
    search_fields = ["title", "lead", "body"]
    date_hierarchy = "publish_at"
    filter_horizontal = ["portfolios", "tags"]
    autocomplete_fields = ["events"]
    fieldsets = [
        (None, {"fields": ["title", "lead", "body", "language"]}),
        (_("Publication"), {"fields": ["status", "publish_at"]}),
        (_("Links"), {"fields": ["portfolios", "events", "tags"]}),
    ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("on the site"))
    def shown(self, news_item):
        if news_item.status != NewsItem.Status.PUBLISHED:
            return pgettext_lazy("news state", "no (draft)")
        if news_item.publish_at > timezone.now():
            return pgettext_lazy("news state", "scheduled")
        return pgettext_lazy("news state", "yes")

    @admin.display(description=_("page"))
    def page_link(self, news_item):
        return format_html('<a href="{}">{}</a>', news_item.get_absolute_url(), _("View"))


@admin.register(Tag)
class TagAdmin(CoordinatorAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


# --- Subscriptions: seen and deleted here, chosen by the subscriber; a stuck delivery resent ---


@admin.register(Subscription)
class SubscriptionAdmin(CoordinatorAdmin):
    list_display = ["email", "person", "frequency", "language", "confirmed_at", "last_digest_at"]
    list_filter = ["frequency", "language", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "person__name"]
    list_select_related = ["person"]
    readonly_fields = [
        "email", "person", "language", "frequency", "portfolios", "regions", "content_kinds", "confirmed_at",
        "last_digest_at", "created_at",
    ]

    def has_add_permission(self, request):
        return False  # a subscription is the subscriber's own choice: the site's form


@admin.register(Delivery)
class DeliveryAdmin(CoordinatorAdmin):
    list_display = ["subscription", "source", "object_id", "status", "digest", "created_at", "sent_at"]
    list_filter = ["status", "source", "digest"]
    search_fields = ["subscription__email"]
    list_select_related = ["subscription"]
    readonly_fields = ["subscription", "source", "object_id", "status", "digest", "created_at", "sent_at"]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send again in the next run (only if you know it was not sent)"))
    def send_again(self, request, queryset):
        # A row left "queued" by a crash is never resent on its own: it may have gone. As failed,
        # and counted from now for the two days of retries, the next run sends it.
        count = queryset.filter(status=Delivery.Status.QUEUED).update(status=Delivery.Status.FAILED, created_at=timezone.now())
        self.message_user(
            request,
            ngettext(
                "%(count)d delivery will be sent again in the next run.",
                "%(count)d deliveries will be sent again in the next run.",
                count,
            )
            % {"count": count},
        )
