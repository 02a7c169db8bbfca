"""The registry's back office: every model for coordinators, and the import of a list of operations.

Coordinators are staff (accounts.rules.is_coordinator); they may keep the whole registry
current without per-model permissions being handed out one by one.
"""

from django.contrib import admin
from django.db.models import Count
from django.urls import path
from django.utils.translation import gettext_lazy as _

from samverka.accounts.coordinator_admin import CoordinatorAdmin, CoordinatorInline

from . import import_views
from .models import (
    CoFinancing,
    ImportJob,
    Organisation,
    Portfolio,
    Programme,
    ProgrammePeriod,
    Project,
    ProjectRole,
    Region,
    ThemeArea,
)


@admin.register(ProgrammePeriod)
class ProgrammePeriodAdmin(CoordinatorAdmin):
    list_display = ["name", "start_year", "end_year"]
    search_fields = ["name"]


@admin.register(Region)
class RegionAdmin(CoordinatorAdmin):
    list_display = ["name", "kind", "code", "parent"]
    list_filter = ["kind", ("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["name", "code", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


@admin.register(ThemeArea)
class ThemeAreaAdmin(CoordinatorAdmin):
    list_display = ["code", "name", "period"]
    list_filter = ["period"]
    list_select_related = ["period"]
    search_fields = ["code", "name", "name_en"]


@admin.register(Portfolio)
class PortfolioAdmin(CoordinatorAdmin):
    list_display = ["name", "theme", "order", "project_count"]
    list_editable = ["order"]
    list_filter = ["theme"]
    list_select_related = ["theme"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(project_total=Count("projects"))

    @admin.display(description=_("projects"), ordering="project_total")
    def project_count(self, portfolio):
        return portfolio.project_total


@admin.register(Programme)
class ProgrammeAdmin(CoordinatorAdmin):
    list_display = ["name", "cci", "period", "kind", "area", "managing_authority"]
    list_filter = ["period", "kind"]
    list_select_related = ["period", "area"]
    search_fields = ["name", "cci", "managing_authority"]
    autocomplete_fields = ["area"]


@admin.register(Organisation)
class OrganisationAdmin(CoordinatorAdmin):
    list_display = ["name", "org_number", "website"]
    search_fields = ["name", "org_number"]


class CoFinancingInline(CoordinatorInline, admin.TabularInline):
    model = CoFinancing
    extra = 0


class ProjectRoleInline(CoordinatorInline, admin.TabularInline):
    model = ProjectRole
    extra = 0
    raw_id_fields = ["person"]


@admin.register(Project)
class ProjectAdmin(CoordinatorAdmin):
    list_display = ["case_number", "title", "owner", "portfolio", "area", "start_date", "end_date", "eu_funding"]
    list_display_links = ["case_number", "title"]
    list_filter = ["programme__period", "portfolio", "theme", "area", "status_override", "programme"]
    list_select_related = ["owner", "portfolio", "area"]
    search_fields = ["case_number", "title", "owner__name", "owner__org_number"]
    autocomplete_fields = ["programme", "owner", "portfolio", "area", "counties", "municipalities"]
    date_hierarchy = "start_date"
    inlines = [CoFinancingInline, ProjectRoleInline]
    fieldsets = [
        (None, {"fields": ["programme", "case_number", "title", "owner", "portfolio", "theme", "status_override", "website"]}),
        (_("Place"), {"fields": ["area", "counties", "municipalities"]}),
        (_("Project period and money"), {"fields": ["start_date", "end_date", "total_budget", "eu_funding", "paid_out"]}),
        (
            _("Description"),
            {"fields": ["summary", "background", "purpose", "target_groups", "expected_results"]},
        ),
    ]

    def get_urls(self):
        urls = [
            path("import/", self.admin_site.admin_view(import_views.upload), name="registry_project_import"),
            path(
                "import/<int:job_id>/",
                self.admin_site.admin_view(import_views.job_page),
                name="registry_project_import_job",
            ),
            path(
                "import/<int:job_id>/status.json",
                self.admin_site.admin_view(import_views.job_status),
                name="registry_project_import_status",
            ),
        ]
        return urls + super().get_urls()


@admin.register(ProjectRole)
class ProjectRoleAdmin(CoordinatorAdmin):
    list_display = ["person", "role", "project"]
    list_filter = ["role"]
    list_select_related = ["person", "project"]
    search_fields = ["person__email", "person__name", "project__title", "project__case_number"]
    autocomplete_fields = ["project"]
    raw_id_fields = ["person"]


@admin.register(ImportJob)
class ImportJobAdmin(CoordinatorAdmin):
    list_display = ["filename", "status", "uploaded_by", "total_rows", "created_count", "updated_count", "created_at"]
    list_filter = ["status"]
    list_select_related = ["uploaded_by"]
    search_fields = ["filename"]
    readonly_fields = [field.name for field in ImportJob._meta.fields]

    def has_add_permission(self, request):
        return False  # imports start on the import page, which checks the file first
