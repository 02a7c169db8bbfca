"""The meetings' back office for coordinators (staff): events with their agenda and attachments,
registrations, invitations (read mostly), discussion groups, participant reports and surveys.

Copy, series, groups and attachments have pages of their own (organise_views.py), linked from
the event's change page (templates/admin/meetings/event/change_form.html).
"""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samverka.accounts.coordinator_admin import CoordinatorAdmin, CoordinatorInline

from samverka import uploads

from . import event_mails
from .models import (
    AgendaItem,
    Attachment,
    DiscussionGroup,
    Event,
    Invitation,
    ParticipantReport,
    Question,
    Registration,
    Survey,
)
from .organise_forms import AttachmentForm, EventAdminForm


class AgendaItemInline(CoordinatorInline, admin.TabularInline):
    model = AgendaItem
    extra = 1
    fields = ["starts_at", "ends_at", "title", "description"]


class AttachmentInline(CoordinatorInline, admin.TabularInline):
    model = Attachment
    form = AttachmentForm
    extra = 0
    fields = ["title", "kind", "file", "file_type_and_size"]
    readonly_fields = ["file_type_and_size"]

    @admin.display(description=_("type and size"))
    def file_type_and_size(self, attachment):
        if not attachment.pk:
            return "–"
        return f"{uploads.type_name(attachment.content_type)}, {uploads.format_size(attachment.size)}"


@admin.register(Event)
class EventAdmin(CoordinatorAdmin):
    form = EventAdminForm
    inlines = [AgendaItemInline, AttachmentInline]
    list_display = ["title", "starts_at", "kind", "format", "status", "seats_taken", "capacity", "waiting"]
    list_filter = ["status", "kind", "format", "openness", ("invited_portfolios", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "place", "description"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["invited_portfolios", "invited_audiences"]
    readonly_fields = ["series", "uid", "sequence"]
    fieldsets = [
        (None, {"fields": ["title", "kind", "format", "status", "description"]}),
        (_("Time and place"), {"fields": ["starts_at", "ends_at", "place", "video_url", "dial_in"]}),
        (
            _("Registration"),
            {
                "fields": [
                    "openness", "requires_approval", "capacity", "registration_opens_at", "registration_deadline",
                    "invited_portfolios", "invited_audiences",
                ]
            },
        ),
        (_("Mail and personal data"), {"fields": ["reminder_days", "guest_retention_days"]}),
        (_("Calendar"), {"classes": ["collapse"], "fields": ["uid", "sequence", "series"]}),
    ]

    def get_queryset(self, request):
        seats = Q(registrations__status__in=Registration.SEAT_STATUSES)
        waiting = Q(registrations__status=Registration.Status.WAITING)
        return (
            super()
            .get_queryset(request)
            .annotate(seats_total=Count("registrations", filter=seats), waiting_total=Count("registrations", filter=waiting))
        )

    def lookup_allowed(self, lookup, value, request=None):
        # The series page sends the coordinator to the list of the series it created.
        return lookup == "series" or super().lookup_allowed(lookup, value, request)

    actions = ["cancel_events"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        cancelling = change and "status" in form.changed_data and obj.status == Event.Status.CANCELLED
        if cancelling:
            # Cancelling is a workflow, not a field: save the other changes, then let
            # cancel_event set the status and tell everyone registered.
            obj.status = form.initial["status"]
        super().save_model(request, obj, form, change)
        if cancelling:
            told = event_mails.cancel_event(event=obj, by=request.user)
            self._say_cancelled(request, 1, len(told))

    @admin.action(description=_("Cancel the chosen events and tell everyone registered"))
    def cancel_events(self, request, queryset):
        events = told = 0
        for event in queryset.exclude(status=Event.Status.CANCELLED):
            told += len(event_mails.cancel_event(event=event, by=request.user))
            events += 1
        self._say_cancelled(request, events, told)

    def _say_cancelled(self, request, events, told):
        # Two sentences, each with its own number, so that each can have its own plural.
        cancelled = ngettext("%(count)s event is cancelled.", "%(count)s events are cancelled.", events) % {
            "count": events
        }
        informed = ngettext(
            "%(count)s registered person is told by e-mail.", "%(count)s registered people are told by e-mail.", told
        ) % {"count": told}
        self.message_user(request, f"{cancelled} {informed}", messages.SUCCESS)

    @admin.display(description=_("seats taken"), ordering="seats_total")
    def seats_taken(self, event):
        return event.seats_total

    @admin.display(description=_("waiting"), ordering="waiting_total")
    def waiting(self, event):
        return event.waiting_total


@admin.register(Registration)
class RegistrationAdmin(CoordinatorAdmin):
    list_display = ["__str__", "email", "event", "project", "status", "attended", "created_at"]
    list_filter = ["status", "attended", "consents_to_invitations"]
    list_select_related = ["event", "project"]
    search_fields = ["name", "email", "organisation_name", "event__title"]
    autocomplete_fields = ["event", "person", "project"]
    readonly_fields = ["waiting_since", "cancelled_at", "erased_at", "created_at", "updated_at"]


@admin.register(Invitation)
class InvitationAdmin(CoordinatorAdmin):
    """Invitations are made and sent by the invitation page; here they are looked at."""

    list_display = ["email", "event", "project", "status", "attempts", "sent_at", "opened_at", "answered_at"]
    list_filter = ["status"]
    list_select_related = ["event", "project"]
    search_fields = ["email", "event__title"]
    readonly_fields = [
        "event", "email", "person", "project", "status", "attempts", "last_error", "sent_at", "opened_at",
        "answered_at", "created_at",
    ]

    def has_add_permission(self, request):
        return False


@admin.register(DiscussionGroup)
class DiscussionGroupAdmin(CoordinatorAdmin):
    list_display = ["__str__", "event", "topic", "note_taker", "notes_updated_at"]
    list_select_related = ["event", "note_taker"]
    search_fields = ["topic", "event__title"]
    autocomplete_fields = ["event", "note_taker", "members"]


@admin.register(Attachment)
class AttachmentAdmin(CoordinatorAdmin):
    form = AttachmentForm
    list_display = ["title", "event", "kind", "content_type", "size", "uploaded_at"]
    list_filter = ["kind"]
    list_select_related = ["event"]
    search_fields = ["title", "event__title"]
    autocomplete_fields = ["event"]
    fields = ["event", "title", "kind", "file"]


@admin.register(ParticipantReport)
class ParticipantReportAdmin(CoordinatorAdmin):
    list_display = ["filename", "event", "platform", "rows", "matched", "uploaded_at"]
    list_filter = ["platform"]
    list_select_related = ["event"]
    search_fields = ["filename", "event__title"]
    readonly_fields = ["event", "filename", "platform", "rows", "matched", "unmatched", "uploaded_at"]

    def has_add_permission(self, request):
        return False


class QuestionInline(CoordinatorInline, admin.TabularInline):
    model = Question
    extra = 1
    fields = ["order", "kind", "text", "choices", "required"]


@admin.register(Survey)
class SurveyAdmin(CoordinatorAdmin):
    list_display = ["event", "closes_at"]
    list_select_related = ["event"]
    search_fields = ["event__title"]
    autocomplete_fields = ["event"]
    inlines = [QuestionInline]
