"""The "closing soon" reminder: one mail to each eligible person who has not voted yet.

    eligible_people(poll=)                      everyone who may vote, as (address, person) pairs
    not_voted(poll=)                            those of them without a ballot
    send_reminders(hours=24, dry_run=False)     what the send_poll_reminders command does

"Not voted" is worked out through ``poll.ballot_key(person)``, so it works for anonymous
polls too without storing who voted.

Each reminder goes once: its key (:func:`reminder_id`) is recorded in ``ops.SentMail`` when the
SMTP server accepts it, and the poll is marked (``reminder_sent_at``) only when every reminder
has gone. A run that fails or is killed partway leaves the poll unmarked; the next run sends
only the rest.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from samverka import emails
from samverka.accounts.models import User

from .models import Ballot, Poll

logger = logging.getLogger(__name__)


def eligible_people(*, poll: Poll) -> list[User]:
    """The active, not erased people who may vote in ``poll``, by its eligibility, in address
    order. (Invitees and registrations without an account cannot sign in to vote, so only
    people with an account count.)"""
    people = User.objects.filter(is_active=True, erased_at__isnull=True).exclude(email="")
    E = Poll.Eligibility
    if poll.eligibility == E.ATTENDEES:
        if poll.event_id is None:
            return []
        people = people.filter(registrations__event_id=poll.event_id, registrations__attended=True)
    elif poll.eligibility == E.INVITEES:
        if poll.event_id is None:
            return []
        from samverka.meetings.models import Invitation

        invited_emails = Invitation.objects.filter(event_id=poll.event_id).values(address=Lower("email"))
        people = people.annotate(address=Lower("email")).filter(
            Q(event_invitations__event_id=poll.event_id)
            | Q(address__in=invited_emails)
            | Q(registrations__event_id=poll.event_id)
        )
    elif poll.eligibility == E.AUDIENCES:
        people = people.filter(audiences__in=poll.audiences.all())
    return list(people.distinct().order_by("email"))


def not_voted(*, poll: Poll) -> list[User]:
    """The eligible people who have no ballot in ``poll`` (one query for the ballots)."""
    people = eligible_people(poll=poll)
    keys = set(Ballot.objects.filter(poll=poll).values_list("key", flat=True))
    return [person for person in people if poll.ballot_key(person) not in keys]


def due_polls(*, hours: int = 24, now: datetime.datetime | None = None):
    """Published, open polls closing within ``hours`` that have had no reminder."""
    now = now or timezone.now()
    return Poll.objects.filter(
        status=Poll.Status.PUBLISHED,
        opens_at__lte=now,
        closes_at__gt=now,
        closes_at__lte=now + datetime.timedelta(hours=hours),
        reminder_sent_at__isnull=True,
    ).order_by("closes_at", "pk")


def reminder_id(poll: Poll, person: User) -> str:
    """The reminder's key: the poll, its closing (a poll whose closing moved is reminded again:
    ``Poll.save`` clears the mark) and the person's ballot key, which in an anonymous poll is an
    HMAC, so the key names nobody."""
    voter = poll.ballot_key(person).replace(":", "-")  # "person:7" → "person-7", valid in a Message-ID
    return emails.message_id("poll-reminder", poll.pk, emails.stamp(poll.closes_at), voter)


def _poll_path(poll: Poll) -> str:
    try:
        return reverse("polls:poll", kwargs={"pk": poll.pk})
    except NoReverseMatch:  # the voting pages are not routed (yet)
        return reverse("polls:outcome", kwargs={"pk": poll.pk}).removesuffix("utfall/")


@dataclass
class Summary:
    polls: int = 0
    sent: int = 0
    failed: int = 0
    dry_run: bool = False
    addresses: list[str] = field(default_factory=list)

    def line(self) -> str:
        verb = "would send" if self.dry_run else "sent"
        return f"Poll reminders: {self.polls} polls closing soon, {verb} {self.sent} reminders, {self.failed} failed."


def send_reminders(*, hours: int = 24, dry_run: bool = False, now: datetime.datetime | None = None) -> Summary:
    """Remind the eligible non-voters of every poll closing within ``hours``.

    Side effects (unless ``dry_run``): sends one "closing soon" mail per person (template
    emails/polls_reminder_*, in the person's language), each once (:func:`reminder_id`, recorded
    in ``ops.SentMail``), and, when all have gone, sets poll.reminder_sent_at, so a later run
    sends nothing. Each mail is sent in its own transaction with the poll row locked, which
    stops when the poll was marked, unpublished or moved meanwhile, so two runs at once send each
    reminder once. A mail the server refuses is counted as failed and the others go; any other
    error (the server unreachable) stops the poll, counting the rest as failed. A poll with a
    failure stays unmarked and the next run sends what is missing.
    """
    summary = Summary(dry_run=dry_run)
    now = now or timezone.now()
    for poll in due_polls(hours=hours, now=now):
        summary.polls += 1
        link = settings.SITE_URL.rstrip("/") + _poll_path(poll)
        people = not_voted(poll=poll)
        if dry_run:
            summary.addresses.extend(person.email for person in people)
            summary.sent += len(people)
            continue
        still_due = Poll.objects.filter(
            pk=poll.pk, status=Poll.Status.PUBLISHED, closes_at=poll.closes_at, reminder_sent_at__isnull=True
        )
        failed = 0
        for position, person in enumerate(people):
            try:
                with transaction.atomic():
                    if still_due.select_for_update().values_list("pk", flat=True).first() is None:
                        break
                    sent = emails.send(
                        "polls_reminder",
                        to=person.email,
                        context={"poll": poll, "person": person, "poll_link": link},
                        language=person.language,
                        once=reminder_id(poll, person),
                    )
            except emails.REFUSED as error:  # this address: the others still go
                failed += 1
                logger.warning("poll %s: a reminder was refused: %s", poll.pk, emails.failure(error))
                continue
            except Exception as error:
                failed += len(people) - position
                logger.warning("poll %s: reminders stopped: %s", poll.pk, emails.failure(error))
                break
            summary.sent += sent
            if sent:
                summary.addresses.append(person.email)
        summary.failed += failed
        if not failed:
            still_due.update(reminder_sent_at=now)
    return summary
