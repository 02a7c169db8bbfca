"""Invitations to an event: who is invited, sending in the background, and the answers.

    invite(event=, portfolios=, audiences=, addresses=, invited_by=)   create rows, send after commit
    deliver_invitation(invitation_id=)     what the task does: send once, record success or failure
    retry_invitations(event=, ids=)        a coordinator sends failed (or stuck) ones again
    mark_opened(invitation=) / decline(invitation=)                    the invited person's answers

Sending is once per invitation: the task takes the invitation's id, locks the row, and sends
only while the invitation is queued or failed, marking it sent in the same transaction. A worker
stopped before a task ran leaves the task queued for the next worker. A worker killed while
sending leaves the invitation queued (its transaction is rolled back) and its task running;
``manage.py requeue_stuck_tasks`` queues the task again (samverka/ops/stuck_tasks.py). Only if
the worker died after the SMTP server accepted the mail and before the commit does a second copy
go; it has the same Message-ID. A failed send is retried by the task itself (a delay, at most
``MAX_ATTEMPTS`` tries) and can be retried by hand.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from samverka import emails
from samverka.accounts.models import User
from samverka.registry.models import ProjectRole

from .calendars import ics_attachment
from .models import Event, Invitation

MAX_ATTEMPTS = 3
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=10))  # before the 2nd and the 3rd try
# A queued invitation this old has lost its task (a worker stopped mid-way): a retry may send it.
STUCK_AFTER = timedelta(minutes=15)
SENDABLE = (Invitation.Status.QUEUED, Invitation.Status.FAILED)


def parse_addresses(text: str) -> list[str]:
    """The addresses in pasted text (one a line, or separated by commas, semicolons or spaces),
    lower-cased, duplicates merged, in their first order. ``Name <address>`` is read as the address.

    Raises ValidationError naming every address that is not valid, each in its own message.
    """
    addresses, bad = emails.split_addresses(text)
    if bad:
        raise ValidationError(
            [ValidationError(_("“%(address)s” is not a valid e-mail address."), params={"address": b}) for b in bad]
        )
    return addresses


def recipients(*, portfolios=(), audiences=(), addresses=()) -> list[tuple[str, User | None, int | None]]:
    """(email, person, project id) for everyone chosen, one per address (case-insensitively):
    first the leaders of the portfolios' projects, then the audiences' people, then the addresses.
    Two queries at most, whatever the number of people."""
    chosen: dict[str, tuple[str, User | None, int | None]] = {}
    if portfolios:
        roles = (
            ProjectRole.objects.filter(role=ProjectRole.Role.LEADER, project__portfolio__in=portfolios)
            .filter(person__is_active=True, person__erased_at__isnull=True)
            .select_related("person")
            .order_by("project__portfolio__order", "project__case_number", "pk")
        )
        for role in roles:
            chosen.setdefault(role.person.email.lower(), (role.person.email, role.person, role.project_id))
    if audiences:
        people = (
            User.objects.filter(audiences__in=audiences, is_active=True, erased_at__isnull=True)
            .distinct()
            .order_by("email")
        )
        for person in people:
            chosen.setdefault(person.email.lower(), (person.email, person, None))
    pasted = [address for address in addresses if address.lower() not in chosen]
    known = (
        {p.email.lower(): p for p in User.objects.annotate(address=Lower("email")).filter(address__in=pasted)}
        if pasted
        else {}
    )
    for address in pasted:
        chosen.setdefault(address.lower(), (address, known.get(address.lower()), None))
    return list(chosen.values())


def invite(*, event: Event, portfolios=(), audiences=(), addresses=(), invited_by) -> list[Invitation]:
    """Invite the leaders of every project in ``portfolios``, the people tagged with ``audiences``
    and the pasted ``addresses`` to ``event``; returns the new invitations.

    Side effects: validates ``addresses`` (a list, or pasted text) first and raises
    ValidationError({"addresses": [...]}) naming each bad one, saving nothing; creates one
    Invitation (status queued) per address not yet invited to the event (existing rows are kept
    as they are); after commit, enqueues one ``send_invitation_task`` per new invitation.
    ``invited_by`` is the coordinator (kept for the record in the log only).
    """
    if isinstance(addresses, str):
        try:
            addresses = parse_addresses(addresses)
        except ValidationError as error:
            raise ValidationError({"addresses": error.error_list}) from None
    else:
        addresses = parse_addresses("\n".join(addresses)) if addresses else []
    chosen = recipients(portfolios=portfolios, audiences=audiences, addresses=addresses)
    with transaction.atomic():
        already = {email.lower() for email in Invitation.objects.filter(event=event).values_list("email", flat=True)}
        new = [
            Invitation(event=event, email=email, person=person, project_id=project_id)
            for email, person, project_id in chosen
            if email.lower() not in already
        ]
        created = Invitation.objects.bulk_create(new)
        ids = [invitation.pk for invitation in created]
        transaction.on_commit(lambda: enqueue_sending(ids))
    return created


def enqueue_sending(ids, *, delay: timedelta | None = None) -> None:
    """One sending task per invitation id (call it after commit)."""
    sender = send_invitation_task
    if delay:
        sender = sender.using(run_after=timezone.now() + delay)
    for pk in ids:
        sender.enqueue(invitation_id=pk)


def invitation_language(invitation: Invitation) -> str:
    if invitation.person_id and invitation.person.language:
        return invitation.person.language[:2]
    return settings.LANGUAGE_CODE


def invitation_links(invitation: Invitation, language: str) -> dict:
    with translation.override(language):
        return {
            "invitation_link": settings.SITE_URL + reverse("meetings:invitation", kwargs={"token": invitation.token}),
            "decline_link": settings.SITE_URL
            + reverse("meetings:invitation_decline", kwargs={"token": invitation.token}),
        }


def send_invitation_mail(invitation: Invitation) -> None:
    """The invitation mail (raises on SMTP errors): the event, the registration and decline links
    and the public .ics (no video link)."""
    language = invitation_language(invitation)
    emails.send(
        "meetings_invitation",
        to=invitation.email,
        context={
            "invitation": invitation,
            "event": invitation.event,
            "person": invitation.person,
            **invitation_links(invitation, language),
        },
        language=language,
        attachments=[ics_attachment(invitation.event)],
        # The same for every try: a copy sent again after a worker died can be merged.
        headers={"Message-ID": emails.message_id("invitation", invitation.pk, int(invitation.created_at.timestamp()))},
    )


def deliver_invitation(*, invitation_id: int) -> str:
    """Send one invitation unless it has been sent already; returns "sent", "failed" or "skipped".

    Side effects: locks the invitation; sends the mail; on success sets status sent, ``sent_at``
    and ``attempts``; on an error sets status failed, ``attempts`` and ``last_error`` and, below
    ``MAX_ATTEMPTS``, enqueues itself again after a delay (after commit).
    """
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("event", "person")
            .filter(pk=invitation_id, status__in=SENDABLE)
            .first()
        )
        if invitation is None or invitation.event.status == Event.Status.CANCELLED:
            return "skipped"
        invitation.attempts += 1
        try:
            send_invitation_mail(invitation)
        except Exception as error:  # SMTP, socket or template: recorded for the coordinator
            invitation.status = Invitation.Status.FAILED
            invitation.last_error = f"{type(error).__name__}: {error}"[:2000]
            invitation.save(update_fields=["status", "attempts", "last_error"])
            if invitation.attempts < MAX_ATTEMPTS:
                delay = RETRY_DELAYS[min(invitation.attempts, len(RETRY_DELAYS)) - 1]
                transaction.on_commit(lambda: enqueue_sending([invitation_id], delay=delay))
            return "failed"
        invitation.status = Invitation.Status.SENT
        invitation.sent_at = timezone.now()
        invitation.last_error = ""
        invitation.save(update_fields=["status", "attempts", "sent_at", "last_error"])
        return "sent"


@task()
def send_invitation_task(*, invitation_id: int):
    """Send one event invitation (fetched again; skipped when already sent)."""
    deliver_invitation(invitation_id=invitation_id)


def retryable(event: Event, now=None):
    """The event's invitations a coordinator may send again: failed ones, and queued ones whose
    task was lost (queued longer than ``STUCK_AFTER``)."""
    now = now or timezone.now()
    failed = event.invitations.filter(status=Invitation.Status.FAILED)
    stuck = event.invitations.filter(status=Invitation.Status.QUEUED, created_at__lt=now - STUCK_AFTER)
    return failed | stuck


def retry_invitations(*, event: Event, ids=None) -> int:
    """Send the event's failed (or stuck) invitations again, all or those in ``ids``; returns how many.

    Side effects: sets them queued with ``attempts`` back at 0 (``last_error`` stays until a send
    succeeds); enqueues one task each after commit.
    """
    with transaction.atomic():
        chosen = retryable(event)
        if ids is not None:
            chosen = chosen.filter(pk__in=ids)
        pks = list(chosen.values_list("pk", flat=True))
        Invitation.objects.filter(pk__in=pks).update(status=Invitation.Status.QUEUED, attempts=0)
        transaction.on_commit(lambda: enqueue_sending(pks))
    return len(pks)


def mark_opened(*, invitation: Invitation) -> Invitation:
    """The invited person followed the link. Side effects: status opened and ``opened_at`` (the
    first time only); an invitation already answered (registered, declined) keeps its status."""
    now = timezone.now()
    Invitation.objects.filter(pk=invitation.pk, opened_at__isnull=True).update(opened_at=now)
    Invitation.objects.filter(
        pk=invitation.pk, status__in=(*SENDABLE, Invitation.Status.SENT)
    ).update(status=Invitation.Status.OPENED)
    invitation.refresh_from_db(fields=["status", "opened_at"])
    return invitation


def decline(*, invitation: Invitation) -> Invitation:
    """The invited person declines. Side effects: status declined, ``answered_at`` (and
    ``opened_at`` if not yet set). A registration, if any, is not touched: cancelling it is the
    registration's own link."""
    now = timezone.now()
    invitation.status = Invitation.Status.DECLINED
    invitation.answered_at = now
    invitation.opened_at = invitation.opened_at or now
    invitation.save(update_fields=["status", "answered_at", "opened_at"])
    return invitation


def status_counts(event: Event) -> dict[str, int]:
    """{status: count} for the event's invitations, every status present (zero when none); one query."""
    counts = dict.fromkeys(Invitation.Status.values, 0)
    for row in event.invitations.values("status").annotate(n=Count("pk")).order_by():
        counts[row["status"]] = row["n"]
    return counts
