"""Mails about an event as a whole, and the guest data it keeps: reminders before, follow-ups
after, the cancellation, and erasing guests' contact details. The scheduled commands
(send_event_reminders, send_event_follow_ups, erase_guest_contacts) call these.

Each scheduled job handles one event and marks it done (``reminder_sent_at``,
``follow_up_sent_at``, ``guests_erased_at``); a second run finds the mark and does nothing.
Erasing guests is one transaction with the event row locked. Reminders and follow-ups go one
mail at a time, each in its own short transaction with the registration row locked, and each
with a stable key (``emails.send(once=…)``) recorded when the SMTP server accepts it: a run that
fails or is killed partway keeps what it sent, leaves the event unmarked, and the next run sends
only the rest. The event is marked when every mail has gone.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django_tasks import task

from samverka import emails

from .calendars import ics_attachment
from .models import Event, Invitation, Registration

logger = logging.getLogger(__name__)

# Follow-ups go to events that ended within this time; older ones (e.g. on the first run after
# an upgrade) are left alone.
FOLLOW_UP_WITHIN = timedelta(days=14)


def _url(name: str, language: str, **kwargs) -> str | None:
    with translation.override(language or settings.LANGUAGE_CODE):
        try:
            return settings.SITE_URL + reverse(name, kwargs=kwargs)
        except NoReverseMatch:  # a route another part of the app has not (yet) added
            return None


def _links(registration: Registration) -> dict:
    language = registration.language or settings.LANGUAGE_CODE
    return {
        "event_link": _url("meetings:event", language, pk=registration.event_id)
        or f"{settings.SITE_URL}/traffar/{registration.event_id}/",
        "manage_link": _url("meetings:registration", language, token=registration.token),
        "cancel_link": _url("meetings:registration_cancel", language, token=registration.token),
        "calendar_link": _url("meetings:registration_calendar", language, token=registration.token),
    }


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


class NotAllSent(Exception):
    """Some of an event's mails did not go (logged); those that did are recorded, the event stays
    unmarked, and the next run sends the rest."""

    def __init__(self, *, sent: int, refused: int, stopped_by: Exception | None = None):
        self.sent, self.refused, self.stopped_by = sent, refused, stopped_by
        parts = [f"{sent} sent"]
        if refused:
            parts.append(f"{refused} refused by the mail server")
        if stopped_by is not None:
            parts.append(f"then stopped: {emails.failure(stopped_by)}")
        super().__init__(", ".join(parts) + "; the next run sends the rest")


def _send_each(due, mail) -> int:
    """Call ``mail(registration)`` (which sends with ``once=``) for each registration in ``due``,
    a queryset of the registrations still due; returns the number sent.

    Each in its own transaction: the registration row is locked and read again through ``due``
    (so one cancelled meanwhile, or an event changed meanwhile, is skipped, and two runs at once
    send each mail once), and the mail's key is committed as soon as the server accepts it. A
    mail the server refuses (that recipient, that message) is logged and the others go; any
    other error (the server unreachable) stops here. Either way raises :class:`NotAllSent`
    after, so the caller leaves the event unmarked.
    """
    sent, refused = 0, 0
    for pk in list(due.values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                registration = due.select_for_update(of=("self",)).select_related("event").filter(pk=pk).first()
                if registration is not None:
                    sent += mail(registration)
        except emails.REFUSED as error:
            refused += 1
            logger.warning("registration %s: mail refused: %s", pk, emails.failure(error))
        except Exception as error:
            logger.warning("registration %s: mail not sent: %s", pk, emails.failure(error))
            raise NotAllSent(sent=sent, refused=refused, stopped_by=error) from error
    if refused:
        raise NotAllSent(sent=sent, refused=refused)
    return sent


# --- reminders -------------------------------------------------------------------------------


def events_due_for_reminder(now=None):
    """Published events starting within their ``reminder_days`` that have had no reminder yet."""
    now = now or timezone.now()
    candidates = Event.objects.filter(
        status=Event.Status.PUBLISHED, reminder_sent_at__isnull=True, reminder_days__gt=0, starts_at__gt=now
    ).order_by("starts_at", "pk")
    # reminder_days differs per event; the window is at most 255 days, so filter the rest here.
    return [event for event in candidates if event.starts_at <= now + timedelta(days=event.reminder_days)]


def reminder_recipients(event: Event):
    return event.registrations.filter(status=Registration.Status.REGISTERED, erased_at__isnull=True).order_by("pk")


def reminder_id(event: Event, registration: Registration) -> str:
    """The reminder's key: the event, its start and the registration. An event moved after its
    reminder (``Event.save`` clears ``reminder_sent_at``) is reminded again under a new key."""
    return emails.message_id("event-reminder", event.pk, emails.stamp(event.starts_at), registration.pk)


def send_reminders(*, event: Event, dry_run: bool = False) -> int:
    """Remind the event's registered people; returns the number of mails sent now (or, dry, the
    number of people registered).

    Side effects (unless ``dry_run``): sends each registered person a reminder with the video
    link, dial-in, a cancel link and their own calendar file, each once (:func:`reminder_id`,
    recorded in ``ops.SentMail``), one at a time (see :func:`_send_each`); when all have gone,
    sets ``reminder_sent_at``. Raises :class:`NotAllSent` (event unmarked) when some did not.
    Does nothing when the event already had its reminder or is no longer published; an event
    cancelled or moved during the run gets no more mails from it and stays unmarked.
    """
    if dry_run:
        return reminder_recipients(event).count()
    event = Event.objects.get(pk=event.pk)
    if event.reminder_sent_at or event.status != Event.Status.PUBLISHED:
        return 0
    # Read again per mail: a registration cancelled, or the event cancelled or moved meanwhile, is left.
    due = reminder_recipients(event).filter(event__status=Event.Status.PUBLISHED, event__starts_at=event.starts_at)

    def remind(registration: Registration) -> int:
        return emails.send(
            "meetings_reminder",
            to=registration.email,
            context={"registration": registration, "event": registration.event, **_links(registration)},
            language=registration.language,
            attachments=[ics_attachment(registration.event, registration=registration)],
            once=reminder_id(registration.event, registration),
        )

    sent = _send_each(due, remind)
    Event.objects.filter(pk=event.pk, reminder_sent_at__isnull=True, starts_at=event.starts_at).update(
        reminder_sent_at=timezone.now()
    )
    return sent


# --- follow-ups ------------------------------------------------------------------------------


def events_due_for_follow_up(now=None):
    """Published events that ended (within FOLLOW_UP_WITHIN) and have had no follow-up yet."""
    now = now or timezone.now()
    return Event.objects.filter(
        status=Event.Status.PUBLISHED,
        follow_up_sent_at__isnull=True,
        ends_at__lt=now,
        ends_at__gte=now - FOLLOW_UP_WITHIN,
    ).order_by("ends_at", "pk")


def follow_up_recipients(event: Event):
    return event.registrations.filter(
        Q(attended=True) | Q(status=Registration.Status.REGISTERED), erased_at__isnull=True
    ).order_by("pk")


def _survey_tokens(event: Event) -> dict[int, str]:
    """{registration id: survey ticket token}, issuing the tickets; empty when the event has no
    survey (or the survey's page does not exist)."""
    from .models import Survey, SurveyTicket

    survey = Survey.objects.filter(event=event).first()
    if survey is None or _url("meetings:survey_answer", settings.LANGUAGE_CODE, token="x") is None:
        return {}
    from .surveys import issue_tickets, survey_is_closed

    if survey_is_closed(survey):
        return {}
    issue_tickets(survey=survey)
    return dict(SurveyTicket.objects.filter(survey=survey, used=False).values_list("registration_id", "token"))


def follow_up_id(event: Event, registration: Registration) -> str:
    """The follow-up's key: the event and the registration (an event is followed up once)."""
    return emails.message_id("event-follow-up", event.pk, registration.pk)


def send_follow_ups(*, event: Event, dry_run: bool = False) -> int:
    """Thank those who attended or were registered, with links to the notes and attachments on
    the event page and, when the event has a survey, to each one's own survey ticket.

    Side effects (unless ``dry_run``): issues the survey's tickets; sends one mail each, once
    (:func:`follow_up_id`, recorded in ``ops.SentMail``), one at a time (see
    :func:`_send_each`); when all have gone, sets ``follow_up_sent_at``. Raises
    :class:`NotAllSent` (event unmarked) when some did not. Returns the number of mails sent now.
    """
    if dry_run:
        return follow_up_recipients(event).count()
    event = Event.objects.get(pk=event.pk)
    if event.follow_up_sent_at or event.status != Event.Status.PUBLISHED:
        return 0
    attachments = list(event.attachments.all())
    tokens = _survey_tokens(event)
    due = follow_up_recipients(event).filter(event__status=Event.Status.PUBLISHED)

    def follow_up(registration: Registration) -> int:
        token = tokens.get(registration.pk)
        language = registration.language or settings.LANGUAGE_CODE
        return emails.send(
            "meetings_follow_up",
            to=registration.email,
            context={
                "registration": registration,
                "event": registration.event,
                "attachments": attachments,
                "survey_link": _url("meetings:survey_answer", language, token=token) if token else None,
                **_links(registration),
            },
            language=language,
            once=follow_up_id(registration.event, registration),
        )

    sent = _send_each(due, follow_up)
    Event.objects.filter(pk=event.pk, follow_up_sent_at__isnull=True).update(follow_up_sent_at=timezone.now())
    return sent


# --- guests' contact details -----------------------------------------------------------------


def events_due_for_guest_erasure(now=None):
    """Events whose ``guest_retention_days`` after the end have passed and whose guests were not yet erased."""
    now = now or timezone.now()
    candidates = Event.objects.filter(guests_erased_at__isnull=True, ends_at__lt=now).order_by("ends_at", "pk")
    return [event for event in candidates if event.ends_at + timedelta(days=event.guest_retention_days) <= now]


def guests_to_erase(event: Event):
    return event.registrations.filter(
        person__isnull=True, consents_to_invitations=False, erased_at__isnull=True
    )


def erase_guests(*, event: Event, dry_run: bool = False) -> int:
    """Erase the contact details of the event's guests who did not consent to future invitations.

    Side effects (unless ``dry_run``): in one transaction, locks the event; blanks the guests'
    name and organisation, replaces their e-mail with ``erased-<pk>@invalid`` (unique per row,
    never deliverable), sets ``erased_at``; the event's invitations to those addresses get
    ``erased-invitation-<pk>@invalid``; the rows of uploaded participant reports that were never
    matched (names and addresses from the video platform) are dropped; sets ``guests_erased_at``.
    Status, attendance and project stay, so counts survive. Returns the number of registrations
    erased.
    """
    if dry_run:
        return guests_to_erase(event).count()
    with transaction.atomic():
        event = _locked(event)
        if event.guests_erased_at:
            return 0
        guests = guests_to_erase(event)
        addresses = [address.lower() for address in guests.values_list("email", flat=True)]
        now = timezone.now()
        erased = guests.update(
            name="",
            organisation_name="",
            email=Concat(Value("erased-"), Cast("pk", output_field=CharField()), Value("@invalid"), output_field=CharField()),
            erased_at=now,
        )
        if addresses:
            invitations = [
                pk
                for pk, email in event.invitations.filter(person__isnull=True).values_list("pk", "email")
                if email.lower() in addresses
            ]
            Invitation.objects.filter(pk__in=invitations).update(
                email=Concat(
                    Value("erased-invitation-"), Cast("pk", output_field=CharField()), Value("@invalid"),
                    output_field=CharField(),
                ),
                last_error="",
            )
        event.reports.exclude(unmatched=[]).update(unmatched=[])
        event.guests_erased_at = now
        event.save(update_fields=["guests_erased_at"])
    return erased


# --- cancelling an event ---------------------------------------------------------------------


def cancel_event(*, event: Event, by) -> list[int]:
    """Cancel the event and tell everyone registered (or waiting).

    Side effects: in one transaction, locks the event, sets status cancelled (Event.save raises
    ``sequence``); after commit, enqueues one ``send_event_cancelled_mail`` task per active
    registration (unconfirmed, pending, registered, waiting), each mail carrying the METHOD:CANCEL
    calendar file and keyed by the event's new ``sequence`` (sent once per registration and
    cancellation). ``by`` is the coordinator. Returns the registration ids told; an event already
    cancelled is left alone (and returns []).
    """
    with transaction.atomic():
        event = _locked(event)
        if event.is_cancelled:
            return []
        event.status = Event.Status.CANCELLED
        event.save()
        ids = list(
            event.registrations.filter(status__in=Registration.ACTIVE_STATUSES, erased_at__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        sequence = event.sequence
        transaction.on_commit(
            lambda: [send_event_cancelled_mail.enqueue(registration_id=pk, sequence=sequence) for pk in ids]
        )
    return ids


def send_cancellation(*, registration: Registration, sequence: int | None = None) -> bool:
    """The cancellation mail to one registrant, with the METHOD:CANCEL calendar file; False (nothing
    sent) when the event is no longer cancelled, the registration was erased, or this mail was
    already sent. Its key is the event, the event's ``sequence`` when it was cancelled (by
    default its current one) and the registration: an event published again and cancelled
    again is a new mail."""
    event = registration.event
    if not event.is_cancelled or registration.erased_at:
        return False
    sent = emails.send(
        "meetings_event_cancelled",
        to=registration.email,
        context={"registration": registration, "event": event, **_links(registration)},
        language=registration.language,
        attachments=[ics_attachment(event, registration=registration)],
        once=emails.message_id(
            "event-cancelled", event.pk, event.sequence if sequence is None else sequence, registration.pk
        ),
    )
    return bool(sent)


@task()
def send_event_cancelled_mail(*, registration_id: int, sequence: int | None = None):
    """Tell one registrant that the event is cancelled (fetched again). ``sequence``: the event's
    when it was cancelled (tasks queued before it existed go without)."""
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is not None:
        send_cancellation(registration=registration, sequence=sequence)
