"""Meetings and webinars: events, who is invited, who registered and came, discussion groups,
attachments, participant reports and the feedback survey.

Times are stored in UTC and shown in Europe/Stockholm. The video-meeting link is personal
data of a kind: it is shown only to registered people and coordinators (see rules.py).
"""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy

from samverka.accounts.models import Audience
from samverka.registry.models import Portfolio, Project


def new_token() -> str:
    return secrets.token_urlsafe(24)


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED])

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")


class Event(models.Model):
    class Kind(models.TextChoices):
        LEADER_MEETING = "leader_meeting", _("project-leader meeting")
        WEBINAR = "webinar", _("webinar")
        KNOWLEDGE_WEBINAR = "knowledge_webinar", _("knowledge webinar")
        CONFERENCE = "conference", _("conference")
        WORKSHOP = "workshop", _("workshop")
        STUDY_VISIT = "study_visit", _("study visit")

    class Format(models.TextChoices):
        DIGITAL = "digital", pgettext_lazy("event format", "digital")
        ON_SITE = "on_site", pgettext_lazy("event format", "on site")
        HYBRID = "hybrid", pgettext_lazy("event format", "hybrid")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("event status", "draft")
        PUBLISHED = "published", pgettext_lazy("event status", "published")
        CANCELLED = "cancelled", pgettext_lazy("event status", "cancelled")

    class Openness(models.TextChoices):
        ANYONE = "anyone", _("anyone, also without an account")
        SIGNED_IN = "signed_in", _("signed-in participants")
        INVITED = "invited", _("the invited only")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.WEBINAR)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices, default=Format.DIGITAL)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True, help_text=_("Address for meetings on site."))
    video_url = models.URLField(_("video-meeting link"), max_length=500, blank=True)
    dial_in = models.TextField(_("dial-in details"), blank=True)
    capacity = models.PositiveIntegerField(
        _("number of seats"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    openness = models.CharField(
        _("who may register"), max_length=10, choices=Openness.choices, default=Openness.ANYONE
    )
    requires_approval = models.BooleanField(_("a coordinator approves each registration"), default=False)
    invited_portfolios = models.ManyToManyField(
        Portfolio, verbose_name=_("invited portfolios"), blank=True, related_name="events"
    )
    invited_audiences = models.ManyToManyField(
        Audience, verbose_name=_("invited audiences"), blank=True, related_name="events"
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder, days before"), default=2, help_text=_("0 sends no reminder.")
    )
    guest_retention_days = models.PositiveSmallIntegerField(
        _("keep guests' contact details, days after the event"), default=30
    )
    # The same UID for the event's whole life; SEQUENCE rises with every change a calendar must see.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    series = models.UUIDField(_("series"), null=True, blank=True, editable=False, db_index=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    follow_up_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    guests_erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"),
        ]
        indexes = [models.Index(fields=["status", "starts_at"], name="event_status_starts")]

    def __str__(self):
        return self.title

    # What a calendar shows: a change to any of these raises SEQUENCE (see calendars.py).
    CALENDAR_FIELDS = ("title", "description", "starts_at", "ends_at", "place", "video_url", "dial_in", "status")

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._calendar_loaded = {
            name: instance.__dict__[name] for name in cls.CALENDAR_FIELDS if name in instance.__dict__
        }
        return instance

    def save(self, *args, **kwargs):
        """Raise ``sequence`` when a field a calendar shows has changed since the row was loaded
        (no extra query: the loaded values are remembered by ``from_db``); clear
        ``reminder_sent_at`` when the start has moved, so the event is reminded again before its
        new start (event_mails.send_reminders)."""
        loaded = getattr(self, "_calendar_loaded", None)
        if self.pk and loaded is not None:
            changed = []
            if any(getattr(self, name) != value for name, value in loaded.items()):
                self.sequence += 1
                changed.append("sequence")
            if self.reminder_sent_at and "starts_at" in loaded and self.starts_at != loaded["starts_at"]:
                self.reminder_sent_at = None
                changed.append("reminder_sent_at")
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = [*update_fields, *(name for name in changed if name not in update_fields)]
        super().save(*args, **kwargs)
        self._calendar_loaded = {
            name: self.__dict__[name] for name in self.CALENDAR_FIELDS if name in self.__dict__
        }

    def get_absolute_url(self):
        return reverse("meetings:event", kwargs={"pk": self.pk})

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def clean(self):
        """The rules every form that edits an event shares (the admin's, the copy's, the series')."""
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        if self.starts_at and self.registration_deadline and self.registration_deadline > self.starts_at:
            errors["registration_deadline"] = _("The registration deadline must be no later than the start.")
        if self.registration_opens_at and self.registration_deadline and self.registration_opens_at > self.registration_deadline:
            errors["registration_opens_at"] = _("Registration must open before the deadline.")
        if self.pk and self.capacity is not None:
            held = self.registrations.holding_seats().count()
            if self.capacity < held:
                errors["capacity"] = ngettext_lazy(
                    "%(count)d seat is already taken; the number of seats cannot be lower.",
                    "%(count)d seats are already taken; the number of seats cannot be lower.",
                    held,
                ) % {"count": held}
        if errors:
            raise ValidationError(errors)

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.status != self.Status.PUBLISHED:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        deadline = self.registration_deadline or self.starts_at
        return now <= deadline


class AgendaItem(models.Model):
    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="agenda")
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("to"), null=True, blank=True)
    title = models.CharField(_("item"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return self.title


class Invitation(models.Model):
    """One person or address invited to one event, tracked from sending to answer."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("sending failed")
        OPENED = "opened", _("opened the link")
        REGISTERED = "registered", _("registered")
        DECLINED = "declined", _("declined")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="event_invitations",
    )
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.SET_NULL, null=True, blank=True, related_name="event_invitations"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("event invitation")
        verbose_name_plural = _("event invitations")
        ordering = ["email"]
        constraints = [models.UniqueConstraint(fields=["event", "email"], name="meetings_invitation_once")]

    def __str__(self):
        return self.email


class RegistrationQuerySet(models.QuerySet):
    def holding_seats(self):
        return self.filter(status__in=Registration.SEAT_STATUSES)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING).order_by("waiting_since", "pk")


class Registration(models.Model):
    """A person's (or a guest's) registration for an event.

    A guest has no account: name, e-mail and organisation are kept here and erased a set number
    of days after the event unless they consented to future invitations. Erasure blanks the
    contact details and keeps the row, so counts of registrations and attendance survive.
    """

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("e-mail not yet confirmed")
        PENDING = "pending", _("awaiting approval")
        REGISTERED = "registered", _("registered")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")
        DECLINED = "declined", _("not approved")

    # Statuses that take a seat (approval pending keeps one, so approving never overbooks).
    SEAT_STATUSES = (Status.REGISTERED, Status.PENDING)
    ACTIVE_STATUSES = (Status.UNCONFIRMED, Status.PENDING, Status.REGISTERED, Status.WAITING)

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="registrations",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"))
    organisation_name = models.CharField(pgettext_lazy("person", "organisation"), max_length=200, blank=True)
    project = models.ForeignKey(
        Project, verbose_name=_("represents project"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="registrations",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.REGISTERED)
    waiting_since = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    consents_to_invitations = models.BooleanField(_("may be invited to future events"), default=False)
    language = models.CharField(_("language"), max_length=5, default="sv")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    attended = models.BooleanField(_("attended"), default=False)
    attended_minutes = models.PositiveIntegerField(_("minutes attended"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    erased_at = models.DateTimeField(_("contact details erased"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            # One registration per address and event; cancelling and registering again reuses it.
            models.UniqueConstraint(fields=["event", "email"], name="meetings_registration_once"),
        ]
        indexes = [
            models.Index(fields=["event", "status", "waiting_since"], name="registration_event_status"),
        ]

    def __str__(self):
        return self.name or self.email

    @property
    def is_guest(self) -> bool:
        return self.person_id is None


class DiscussionGroup(models.Model):
    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="groups")
    number = models.PositiveSmallIntegerField(_("group number"), validators=[MinValueValidator(1)])
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    note_taker = models.ForeignKey(
        Registration, verbose_name=_("note-taker"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    members = models.ManyToManyField(Registration, verbose_name=_("members"), blank=True, related_name="groups")
    notes = models.TextField(_("notes"), blank=True, help_text=_("Markdown."))
    notes_updated_at = models.DateTimeField(_("notes updated"), null=True, blank=True)

    class Meta:
        verbose_name = _("discussion group")
        verbose_name_plural = _("discussion groups")
        ordering = ["event", "number"]
        constraints = [models.UniqueConstraint(fields=["event", "number"], name="meetings_group_number_once")]

    def __str__(self):
        return f"{_('Group')} {self.number}"


def attachment_path(instance, filename):
    return f"meetings/{instance.event_id}/{uuid.uuid4().hex}/{filename}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        NOTES = "notes", _("meeting notes")
        SLIDES = "slides", _("slides")
        REPORT = "report", _("evaluation report")
        OTHER = "other", _("other")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NOTES)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    content_type = models.CharField(_("file type"), max_length=100, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.title


class ParticipantReport(models.Model):
    """A video platform's participant report, uploaded after the event. The digest makes a second
    upload of the same file change nothing."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="reports")
    filename = models.CharField(_("file name"), max_length=255)
    digest = models.CharField(max_length=64, editable=False)
    platform = models.CharField(_("platform"), max_length=20)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    matched = models.PositiveIntegerField(_("matched"), default=0)
    unmatched = models.JSONField(_("unmatched rows"), default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", editable=False
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("participant report")
        verbose_name_plural = _("participant reports")
        ordering = ["-uploaded_at"]
        constraints = [models.UniqueConstraint(fields=["event", "digest"], name="meetings_report_once")]

    def __str__(self):
        return self.filename


class CalendarFeed(models.Model):
    """A person's secret calendar address, listing the events they registered for."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")


class Survey(models.Model):
    """The feedback survey sent with an event's follow-up. Answers are anonymous."""

    event = models.OneToOneField(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="survey")
    intro = models.TextField(_("introduction"), blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)

    class Meta:
        verbose_name = _("feedback survey")
        verbose_name_plural = _("feedback surveys")

    def __str__(self):
        return str(self.event)


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("scale 1–5")
        CHOICE = "choice", _("one choice")
        TEXT = "text", _("free text")

    survey = models.ForeignKey(Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=300)
    choices = models.JSONField(_("choices"), default=list, blank=True, help_text=_("For one-choice questions."))
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text


class SurveyResponse(models.Model):
    """One anonymous set of answers: nothing here points at a person or a registration."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    # Day only: a time of day could tie an answer to the moment a person followed their link.
    submitted_on = models.DateField(auto_now_add=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")


class Answer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")


class SurveyTicket(models.Model):
    """Who may answer, and whether they have: kept apart from the answers so they cannot be joined."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="tickets")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="survey_tickets")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    used = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "registration"], name="meetings_ticket_once")]
