"""The results' back office for coordinators: indicators (add programme-specific ones) and the
values projects report, with approve and return as actions beside the review page."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samverka.accounts.coordinator_admin import CoordinatorAdmin

from .models import Indicator, IndicatorValue


@admin.register(Indicator)
class IndicatorAdmin(CoordinatorAdmin):
    list_display = ["code", "name_sv", "name_en", "unit_sv", "kind", "period", "programme_specific", "programme"]
    list_filter = ["period", "kind", "programme_specific"]
    search_fields = ["code", "name_sv", "name_en"]
    list_select_related = ["programme__period"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(CoordinatorAdmin):
    list_display = ["project", "indicator", "kind", "phase", "value", "reference_date", "status", "updated_at"]
    list_filter = ["status", "kind", "phase", "indicator__period", "indicator"]
    search_fields = ["project__title", "project__case_number", "indicator__code"]
    list_select_related = ["project", "indicator"]
    raw_id_fields = ["project"]
    readonly_fields = ["reported_by", "reviewed_by", "reviewed_at", "created_at", "updated_at"]
    date_hierarchy = "reference_date"
    actions = ["approve"]

    def save_model(self, request, obj, form, change):
        # A coordinator's edit of the status is a review: say who and when.
        if "status" in form.changed_data and obj.status != IndicatorValue.Status.REPORTED:
            obj.reviewed_by = request.user
            obj.reviewed_at = timezone.now()
        if not change and obj.reported_by_id is None:
            obj.reported_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Approve the selected values"))
    def approve(self, request, queryset):
        count = queryset.exclude(status=IndicatorValue.Status.APPROVED).update(
            status=IndicatorValue.Status.APPROVED, reviewed_by=request.user, reviewed_at=timezone.now()
        )
        messages.success(
            request, ngettext("%(count)d value approved.", "%(count)d values approved.", count) % {"count": count}
        )
