"""Topic polls: participants propose and vote on the next webinar's topic.

Ballot secrecy: in an anonymous poll a ballot carries no person. Uniqueness (one ballot a
person, a database constraint) rests on ``Ballot.key``, an HMAC of the poll and the person
under the site's secret key: the voter's own session can find their ballot again, while the
stored rows name nobody. In an open poll the key is the person's id and ``voter`` is set.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.accounts.models import Audience
from samverka.meetings.models import Event


class Poll(models.Model):
    class Method(models.TextChoices):
        SINGLE = "single", _("single choice")
        APPROVAL = "approval", _("approval (pick up to k)")
        RANKED = "ranked", _("ranked choice (instant runoff)")
        SCORE = "score", _("dot voting (distribute points)")

    class Eligibility(models.TextChoices):
        ATTENDEES = "attendees", _("the attendees of the event")
        INVITEES = "invitees", _("the invitees of the event")
        SIGNED_IN = "signed_in", _("any signed-in participant")
        AUDIENCES = "audiences", _("people with the chosen audience tags")

    class Visibility(models.TextChoices):
        LIVE = "live", _("live, to everyone who may vote")
        AFTER_VOTING = "after_voting", _("to each voter after voting")
        AFTER_CLOSING = "after_closing", _("after the poll closes")
        COORDINATORS = "coordinators", _("to coordinators only")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.SET_NULL, null=True, blank=True, related_name="polls"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    method = models.CharField(_("voting method"), max_length=10, choices=Method.choices, default=Method.SINGLE)
    max_choices = models.PositiveSmallIntegerField(
        _("at most this many choices"), default=3, help_text=_("Approval voting: how many options a voter may pick.")
    )
    points_total = models.PositiveSmallIntegerField(
        _("points to distribute"), default=10, help_text=_("Dot voting: the points each voter has.")
    )
    points_per_option = models.PositiveSmallIntegerField(
        _("at most this many points on one option"), default=5, help_text=_("Dot voting.")
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    eligibility = models.CharField(
        _("who may vote"), max_length=10, choices=Eligibility.choices, default=Eligibility.SIGNED_IN
    )
    audiences = models.ManyToManyField(Audience, verbose_name=_("audiences"), blank=True, related_name="polls")
    allow_proposals = models.BooleanField(_("participants may propose options"), default=False)
    results_visibility = models.CharField(
        _("results are shown"), max_length=14, choices=Visibility.choices, default=Visibility.AFTER_CLOSING
    )
    anonymous = models.BooleanField(_("anonymous"), default=True, help_text=_("Nobody can see who voted for what."))
    outcome_option = models.ForeignKey(
        "PollOption", verbose_name=_("chosen topic"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome_note = models.TextField(_("outcome"), blank=True)
    outcome_event = models.ForeignKey(
        Event, verbose_name=_("resulting event"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="source_polls",
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        ordering = ["-closes_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="poll_closes_after_opening"),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._closes_at_loaded = instance.__dict__.get("closes_at")
        return instance

    def save(self, *args, **kwargs):
        """Clear ``reminder_sent_at`` when the closing has moved since the row was loaded, so the
        poll is reminded again before its new closing (reminders.send_reminders)."""
        loaded = getattr(self, "_closes_at_loaded", None)
        if self.reminder_sent_at and loaded is not None and self.closes_at != loaded:
            self.reminder_sent_at = None
            update_fields = kwargs.get("update_fields")
            if update_fields is not None and "reminder_sent_at" not in update_fields:
                kwargs["update_fields"] = [*update_fields, "reminder_sent_at"]
        super().save(*args, **kwargs)
        self._closes_at_loaded = self.closes_at

    def get_absolute_url(self):
        return reverse("polls:poll", kwargs={"pk": self.pk})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.PUBLISHED and self.opens_at <= now < self.closes_at

    def is_closed(self, now=None) -> bool:
        return (now or timezone.now()) >= self.closes_at

    def ballot_key(self, person) -> str:
        """What makes a person's ballot unique in this poll, and nothing more in an anonymous one."""
        if not self.anonymous:
            return f"person:{person.pk}"
        message = f"samverka-poll:{self.pk}:{person.pk}".encode()
        return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


class PollOption(models.Model):
    class Status(models.TextChoices):
        APPROVED = "approved", _("approved")
        PROPOSED = "proposed", _("proposed, awaiting approval")
        REJECTED = "rejected", _("not approved")

    poll = models.ForeignKey(Poll, verbose_name=_("poll"), on_delete=models.CASCADE, related_name="options")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("short description"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.APPROVED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class Ballot(models.Model):
    """One person's ballot in one poll (the unique key makes it one, also under double submits)."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="ballots")
    key = models.CharField(max_length=64)
    # Set only in open (non-anonymous) polls.
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="ballots"
    )

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [models.UniqueConstraint(fields=["poll", "key"], name="polls_one_ballot_a_person")]


class Vote(models.Model):
    """One mark on a ballot: the option, and its rank (ranked choice) or points (dot voting)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="votes")
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="votes")
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    points = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["ballot", "option"], name="polls_one_mark_an_option")]
