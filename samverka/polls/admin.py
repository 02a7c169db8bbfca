"""The polls' back office for coordinators: polls with their options, and proposed options to
approve or reject. A closed poll's outcome has a page of its own (outcome_views.py), linked
from the poll list."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samverka.accounts.coordinator_admin import CoordinatorAdmin, CoordinatorInline

from .models import Poll, PollOption


class PollAdminForm(forms.ModelForm):
    class Meta:
        model = Poll
        fields = "__all__"

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The poll must close after it opens."))
        method = data.get("method")
        if method == Poll.Method.APPROVAL and data.get("max_choices") is not None and data["max_choices"] < 1:
            self.add_error("max_choices", _("An approval poll lets each voter pick at least one option."))
        if method == Poll.Method.SCORE:
            per_option, total = data.get("points_per_option"), data.get("points_total")
            if per_option is not None and total is not None and per_option > total:
                self.add_error(
                    "points_per_option", _("At most as many points on one option as there are points to distribute.")
                )
            if total is not None and total < 1:
                self.add_error("points_total", _("Each voter needs at least one point to distribute."))
        return data


class PollOptionInline(CoordinatorInline, admin.TabularInline):
    model = PollOption
    extra = 3
    fields = ["title", "description", "status", "order", "proposed_by"]
    readonly_fields = ["proposed_by"]


@admin.register(Poll)
class PollAdmin(CoordinatorAdmin):
    form = PollAdminForm
    inlines = [PollOptionInline]
    filter_horizontal = ["audiences"]
    list_display = [
        "title", "event", "method", "status", "opens_at", "closes_at", "anonymous", "proposals_link", "outcome_link",
    ]
    list_filter = ["status", "method", "eligibility", "results_visibility", "anonymous"]
    search_fields = ["title", "description", "options__title", "event__title"]
    date_hierarchy = "closes_at"
    list_select_related = ["event"]
    raw_id_fields = ["event", "outcome_event"]
    fieldsets = [
        (None, {"fields": ["title", "description", "event", "status"]}),
        (_("Voting"), {"fields": ["method", "max_choices", "points_total", "points_per_option", "opens_at", "closes_at"]}),
        (_("Who may vote and see"), {"fields": ["eligibility", "audiences", "allow_proposals", "results_visibility", "anonymous"]}),
        (_("Outcome"), {"fields": ["outcome_page", "outcome_option", "outcome_note", "outcome_event"]}),
    ]
    readonly_fields = ["outcome_page"]

    @admin.display(description=_("outcome page"))
    def outcome_page(self, poll):
        if not poll.pk:
            return _("Save the poll first.")
        return format_html(
            '<a href="{}">{}</a>', reverse("polls:outcome", kwargs={"pk": poll.pk}),
            _("Record the outcome and create the webinar"),
        )

    def get_queryset(self, request):
        proposed = Count("options", filter=Q(options__status=PollOption.Status.PROPOSED))
        return super().get_queryset(request).annotate(proposed_total=proposed)

    @admin.display(description=_("proposals awaiting approval"), ordering="proposed_total")
    def proposals_link(self, poll):
        if not poll.proposed_total:
            return "0"
        url = reverse("admin:polls_polloption_changelist") + f"?poll__id__exact={poll.pk}&status__exact=proposed"
        return format_html('<a href="{}">{}</a>', url, poll.proposed_total)

    @admin.display(description=_("outcome"))
    def outcome_link(self, poll):
        return format_html('<a href="{}">{}</a>', reverse("polls:outcome", kwargs={"pk": poll.pk}), _("Outcome"))


@admin.register(PollOption)
class PollOptionAdmin(CoordinatorAdmin):
    list_display = ["title", "poll", "status", "proposed_by", "order"]
    list_filter = ["status", "poll"]
    search_fields = ["title", "description", "poll__title"]
    list_select_related = ["poll", "proposed_by"]
    raw_id_fields = ["poll", "proposed_by"]
    actions = ["approve_options", "reject_options"]

    @admin.action(description=_("Approve the chosen options (they can get votes)"))
    def approve_options(self, request, queryset):
        self._set_status(request, queryset, PollOption.Status.APPROVED)

    @admin.action(description=_("Reject the chosen options"))
    def reject_options(self, request, queryset):
        self._set_status(request, queryset, PollOption.Status.REJECTED)

    def _set_status(self, request, queryset, status):
        changed = queryset.exclude(status=status).update(status=status)
        self.message_user(
            request,
            ngettext("%(count)s option is now “%(status)s”.", "%(count)s options are now “%(status)s”.", changed)
            % {"count": changed, "status": PollOption.Status(status).label},
            messages.SUCCESS,
        )
