"""Registration workflows: register, confirm, cancel, approve, decline, move up from the waiting list.

Every workflow runs in one transaction with the event's row locked (``select_for_update``), so
two people taking the last seat at the same moment are served one after the other: on
PostgreSQL the second waits for the first's commit; SQLite serialises writers anyway. Seats are
counted inside the lock, never before it.

Mail goes after commit, as a task that takes the registration's id (tasks.py).
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from samverka import emails
from samverka.registry.models import ProjectRole

from .models import Event, Invitation, Registration

Status = Registration.Status


class RegistrationRefused(Exception):
    """A registration (or a change to one) that the rules do not allow; ``message`` says why."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Seats:
    taken: int
    waiting: int
    capacity: int | None

    @property
    def left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.taken, 0)


# --- Rules ------------------------------------------------------------------------------------


def _when(value) -> str:
    return date_format(localtime(value), "j F Y H:i")


def registration_closed_reason(event: Event, now=None) -> str | None:
    """Why nobody can register for ``event`` now, as a sentence for people; None when it is open."""
    now = now or timezone.now()
    if event.status == Event.Status.DRAFT:
        return _("This event is not published.")
    if event.status == Event.Status.CANCELLED:
        return _("The event is cancelled.")
    if event.registration_opens_at and now < event.registration_opens_at:
        return _("Registration opens %(when)s.") % {"when": _when(event.registration_opens_at)}
    deadline = event.registration_deadline or event.starts_at
    if now > deadline:
        return _("Registration closed %(when)s.") % {"when": _when(deadline)}
    return None


def is_invited(*, event: Event, email: str, person=None) -> bool:
    """An Invitation for this address exists for the event, or the person has a role in a project
    of an invited portfolio, or carries one of the invited audience tags."""
    if Invitation.objects.filter(event=event, email__iexact=email).exists():
        return True
    if person is None:
        return False
    if ProjectRole.objects.filter(person=person, project__portfolio__events=event).exists():
        return True
    return person.audiences.filter(events=event).exists()


def refusal_for(*, event: Event, email: str, person=None, now=None) -> str | None:
    """Why this person (or guest, when ``person`` is None) may not register now; None if they may."""
    if reason := registration_closed_reason(event, now):
        return reason
    if event.openness == Event.Openness.SIGNED_IN and person is None:
        return _("Sign in to register for this event.")
    if event.openness == Event.Openness.INVITED and not is_invited(event=event, email=email, person=person):
        return _("This event is for invited participants only.")
    return None


def seats(event: Event) -> Seats:
    """Seats taken (registered or awaiting approval) and the waiting list's length, in one query."""
    counts = Registration.objects.filter(event=event).aggregate(
        taken=Count("pk", filter=Q(status__in=Registration.SEAT_STATUSES)),
        waiting=Count("pk", filter=Q(status=Status.WAITING)),
    )
    return Seats(taken=counts["taken"], waiting=counts["waiting"], capacity=event.capacity)


# --- Inside the lock --------------------------------------------------------------------------


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _lock_registration(registration: Registration) -> tuple[Event, Registration]:
    event = _lock(registration.event)
    return event, Registration.objects.select_related("event", "person", "project").get(pk=registration.pk)


def _has_free_seat(event: Event) -> bool:
    return event.capacity is None or event.registrations.holding_seats().count() < event.capacity


def _place(event: Event, registration: Registration, now) -> str:
    """Give the registration a seat, an approval wait or a waiting-list place; returns the mail to send."""
    if not _has_free_seat(event):
        registration.status = Status.WAITING
        registration.waiting_since = now
        return "waiting"
    registration.waiting_since = None
    if event.requires_approval:
        registration.status = Status.PENDING
        return "pending"
    registration.status = Status.REGISTERED
    return "confirmed"


def _mark_invitation_registered(registration: Registration, now) -> None:
    Invitation.objects.filter(event_id=registration.event_id, email__iexact=registration.email).exclude(
        status=Invitation.Status.REGISTERED
    ).update(status=Invitation.Status.REGISTERED, answered_at=now)


def _mail_after_commit(registration: Registration, mail: str) -> None:
    from .tasks import send_registration_mail

    # The stamp of this change keys the mail, so a re-run of the task does not send it twice.
    registration_id, stamp = registration.pk, emails.stamp(registration.updated_at)
    transaction.on_commit(
        lambda: send_registration_mail.enqueue(registration_id=registration_id, mail=mail, stamp=stamp)
    )


def _existing(event: Event, email: str) -> Registration | None:
    return Registration.objects.filter(event=event, email__iexact=email).first()


def _refuse_twice(existing: Registration | None) -> None:
    if existing is None or existing.status == Status.CANCELLED:
        return
    if existing.status == Status.DECLINED:
        raise RegistrationRefused(_("Your registration for this event was not approved."))
    if existing.status == Status.WAITING:
        raise RegistrationRefused(_("You are already on the waiting list for this event."))
    if existing.status == Status.UNCONFIRMED:
        raise RegistrationRefused(
            _("This address is already registered; follow the link in the e-mail we sent to confirm it.")
        )
    raise RegistrationRefused(_("You are already registered for this event."))


def _save_new_or_again(registration: Registration, existing: Registration | None, fields: dict) -> Registration:
    """Fill in a new row, or reuse the cancelled one (the (event, e-mail) constraint allows only one)."""
    if existing is not None:
        registration = existing
    for name, value in fields.items():
        setattr(registration, name, value)
    registration.cancelled_at = None
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        # Only without the lock (never in these workflows) could a twin row slip in; say it plainly.
        raise RegistrationRefused(_("You are already registered for this event.")) from None
    return registration


# --- Workflows --------------------------------------------------------------------------------


def register_person(*, event: Event, person, project=None, consent: bool = False, language: str | None = None) -> Registration:
    """Register a signed-in person for ``event`` in one step.

    Side effects: locks the event row; creates the registration (or reuses the person's cancelled
    one) as registered, pending approval or on the waiting list; marks the person's invitation to
    the event as registered; after commit, enqueues the matching e-mail. Raises RegistrationRefused
    (nothing saved) when registration is closed, the person may not register, or already has.
    """
    if project is not None and not ProjectRole.objects.filter(person=person, project=project).exists():
        raise RegistrationRefused(_("You can only represent a project you take part in."), field="project")
    with transaction.atomic():
        event = _lock(event)
        now = timezone.now()
        if reason := refusal_for(event=event, email=person.email, person=person, now=now):
            raise RegistrationRefused(reason)
        existing = _existing(event, person.email)
        _refuse_twice(existing)
        registration = Registration(event=event)
        mail = _place(event, registration, now)
        registration = _save_new_or_again(
            registration,
            existing,
            {
                "event": event,
                "person": person,
                "name": person.name,
                "email": existing.email if existing else person.email,
                "organisation_name": person.organisation_name,
                "project": project,
                "status": registration.status,
                "waiting_since": registration.waiting_since,
                "consents_to_invitations": consent,
                "language": language or person.language or translation.get_language(),
            },
        )
        _mark_invitation_registered(registration, now)
        _mail_after_commit(registration, mail)
    return registration


def register_guest(
    *,
    event: Event,
    name: str,
    email: str,
    organisation_name: str,
    project=None,
    consent: bool = False,
    language: str | None = None,
) -> Registration:
    """Register a guest (no account): the registration waits for the address to be confirmed.

    Side effects: locks the event row; creates the registration (or reuses a cancelled one for the
    address) as unconfirmed, holding no seat; after commit, enqueues the e-mail with the
    confirmation link. Raises RegistrationRefused (nothing saved) as register_person does.
    """
    email = email.strip()
    with transaction.atomic():
        event = _lock(event)
        if reason := refusal_for(event=event, email=email, person=None):
            raise RegistrationRefused(reason)
        existing = _existing(event, email)
        _refuse_twice(existing)
        registration = _save_new_or_again(
            Registration(event=event),
            existing,
            {
                "person": None,
                "name": name.strip(),
                "email": existing.email if existing else email,
                "organisation_name": organisation_name.strip(),
                "project": project,
                "status": Status.UNCONFIRMED,
                "waiting_since": None,
                "consents_to_invitations": consent,
                "language": language or translation.get_language() or "sv",
            },
        )
        _mail_after_commit(registration, "confirm_email")
    return registration


def confirm_guest(*, registration: Registration) -> Registration:
    """The guest followed the link in the e-mail: give them a seat, an approval wait or a place in line.

    Side effects: locks the event row; sets the status; marks the address's invitation as
    registered; after commit, enqueues the matching e-mail. Confirming twice changes nothing.
    Raises RegistrationRefused when the registration was cancelled or registration has closed.
    """
    with transaction.atomic():
        event, registration = _lock_registration(registration)
        if registration.status != Status.UNCONFIRMED:
            if registration.status in (Status.CANCELLED, Status.DECLINED):
                raise RegistrationRefused(_("This registration is no longer valid."))
            return registration  # already confirmed: the link may be followed twice
        now = timezone.now()
        if reason := registration_closed_reason(event, now):
            raise RegistrationRefused(reason)
        mail = _place(event, registration, now)
        registration.save(update_fields=["status", "waiting_since", "updated_at"])
        _mark_invitation_registered(registration, now)
        _mail_after_commit(registration, mail)
    return registration


def cancel_registration(*, registration: Registration) -> Registration:
    """The person cancels their registration (from the event page or the link in any mail).

    Side effects: locks the event row; the registration becomes cancelled (cancelled_at set); a
    freed seat goes to the first on the waiting list (promote_from_waiting_list). Raises
    RegistrationRefused if it is already cancelled or was declined.
    """
    with transaction.atomic():
        event, registration = _lock_registration(registration)
        if registration.status not in Registration.ACTIVE_STATUSES:
            raise RegistrationRefused(_("This registration is already cancelled."))
        registration.status = Status.CANCELLED
        registration.waiting_since = None
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "waiting_since", "cancelled_at", "updated_at"])
        promote_from_waiting_list(event=event)
    return registration


def approve_registration(*, registration: Registration) -> Registration:
    """A coordinator approves a pending registration (it already holds its seat).

    Side effects: locks the event row; status becomes registered; after commit, enqueues the
    confirmation e-mail. Raises RegistrationRefused if the registration is not pending.
    """
    with transaction.atomic():
        _event, registration = _lock_registration(registration)
        if registration.status != Status.PENDING:
            raise RegistrationRefused(_("Only a registration awaiting approval can be approved."))
        registration.status = Status.REGISTERED
        registration.save(update_fields=["status", "updated_at"])
        _mail_after_commit(registration, "confirmed")
    return registration


def decline_registration(*, registration: Registration) -> Registration:
    """A coordinator declines a pending registration.

    Side effects: locks the event row; status becomes declined and the seat is freed for the
    waiting list (promote_from_waiting_list); after commit, enqueues the "not approved" e-mail.
    Raises RegistrationRefused if the registration is not pending.
    """
    with transaction.atomic():
        event, registration = _lock_registration(registration)
        if registration.status != Status.PENDING:
            raise RegistrationRefused(_("Only a registration awaiting approval can be declined."))
        registration.status = Status.DECLINED
        registration.save(update_fields=["status", "updated_at"])
        _mail_after_commit(registration, "declined")
        promote_from_waiting_list(event=event)
    return registration


def promote_from_waiting_list(*, event: Event) -> list[Registration]:
    """Give every free seat to the first on the waiting list (by waiting_since), one by one.

    Side effects: locks the event row (again, harmlessly, when called inside another workflow);
    the promoted become registered (or pending, when the event needs approval) and leave the
    waiting list; after commit, each gets the "moved up" (or "awaiting approval") e-mail. Returns
    the promoted registrations. Nobody is moved up for a cancelled event or one that has begun.
    """
    promoted = []
    with transaction.atomic():
        event = _lock(event)
        if event.status != Event.Status.PUBLISHED or timezone.now() >= event.starts_at:
            return promoted
        free = None if event.capacity is None else event.capacity - event.registrations.holding_seats().count()
        waiting = event.registrations.waiting()
        if free is not None:
            waiting = waiting[: max(free, 0)]
        for registration in waiting:
            registration.status = Status.PENDING if event.requires_approval else Status.REGISTERED
            registration.waiting_since = None
            registration.save(update_fields=["status", "waiting_since", "updated_at"])
            _mail_after_commit(registration, "pending" if event.requires_approval else "moved_up")
            promoted.append(registration)
    return promoted
