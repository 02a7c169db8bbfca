"""Back office for the content pages and the one accessibility statement.

Coordinators (active staff) edit these without needing model permissions handed out one
by one: the predicate from samverka.accounts.rules decides.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from samverka.accounts.coordinator_admin import CoordinatorAdmin

from .models import AccessibilityStatement, Page


@admin.register(Page)
class PageAdmin(CoordinatorAdmin):
    list_display = ["title", "slug", "title_en", "updated_at"]
    search_fields = ["title", "title_en", "body", "body_en"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["slug"]}),
        (_("Swedish"), {"fields": ["title", "body"], "description": _("Write in Markdown. Headings start with ## .")}),
        (_("English"), {"fields": ["title_en", "body_en"]}),
        (None, {"fields": ["updated_at"]}),
    ]


@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(CoordinatorAdmin):
    list_display = ["__str__", "organisation", "compliance", "assessed_on", "updated_at"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (_("Who and what"), {"fields": ["organisation", "website", "compliance"]}),
        (
            _("Content that is not accessible"),
            {"fields": ["non_accessible", "non_accessible_en", "disproportionate_burden", "disproportionate_burden_en"]},
        ),
        (
            _("How the site was assessed"),
            {"fields": ["assessment_method", "assessment_description", "assessment_description_en", "assessed_on"]},
        ),
        (
            _("Feedback and supervision"),
            {"fields": ["contact_email", "contact_phone", "response_time", "response_time_en", "supervisory_url"]},
        ),
        (_("Dates"), {"fields": ["statement_prepared_on", "updated_at"]}),
    ]

    def has_add_permission(self, request):
        # The site has one statement; once it exists it is edited, never duplicated.
        return super().has_add_permission(request) and not AccessibilityStatement.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
