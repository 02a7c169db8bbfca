"""Background work for meetings: thin tasks that take ids, fetch again and do one thing.

Each part of the meetings app adds its tasks here.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from samverka import emails

from .models import Registration

# --- Registration mails (services.py enqueues them after commit) ------------------------------

# mail → (template, the statuses in which it still makes sense to send it)
REGISTRATION_MAILS = {
    "confirm_email": ("meetings_registration_confirm_email", {Registration.Status.UNCONFIRMED}),
    "confirmed": ("meetings_registration_confirmed", {Registration.Status.REGISTERED}),
    "waiting": ("meetings_registration_waiting", {Registration.Status.WAITING}),
    "moved_up": ("meetings_registration_moved_up", {Registration.Status.REGISTERED}),
    "pending": ("meetings_registration_pending", {Registration.Status.PENDING}),
    "declined": ("meetings_registration_declined", {Registration.Status.DECLINED}),
}
# The mails that carry the event's calendar file (with the video link, for a registered seat).
WITH_CALENDAR = {"confirmed", "moved_up"}


def registration_links(registration: Registration) -> dict:
    """Full addresses for the registration's own pages, in the registration's language."""
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        return {
            "event_link": settings.SITE_URL + reverse("meetings:event", kwargs={"pk": registration.event_id}),
            "manage_link": settings.SITE_URL + reverse("meetings:registration", kwargs={"token": registration.token}),
            "confirm_link": settings.SITE_URL
            + reverse("meetings:registration_confirm", kwargs={"token": registration.token}),
        }


def calendar_attachments_for_registration(registration: Registration) -> list[tuple[str, str, str]]:
    """The event's .ics file for this registration (the video link in it only for a registered seat)."""
    from .calendars import ics_attachment

    return [ics_attachment(registration.event, registration=registration)]


def registration_mail_id(registration: Registration, mail: str, stamp: int | None = None) -> str:
    """The mail's stable Message-ID: the mail, the registration and the time of the change that
    asked for it (``updated_at`` when enqueued), so registering again after cancelling is a new
    mail while a second run of the same task is not."""
    if stamp is None:
        stamp = emails.stamp(registration.updated_at)
    return emails.message_id("registration", mail, registration.pk, stamp)


def send_registration_mail_now(*, registration: Registration, mail: str, stamp: int | None = None) -> bool:
    """Send one registration mail; returns False (nothing sent) when the registration has moved on
    or this mail was already sent (see :func:`registration_mail_id`).

    Side effects: one multipart e-mail (subject, text, HTML) in the registration's language to its
    address, recorded as sent; the confirmed and moved-up mails carry the calendar file.
    """
    template, statuses = REGISTRATION_MAILS[mail]
    if registration.status not in statuses or registration.erased_at:
        return False  # e.g. cancelled before the worker got to it
    attachments = calendar_attachments_for_registration(registration) if mail in WITH_CALENDAR else None
    sent = emails.send(
        template,
        to=registration.email,
        context={"registration": registration, "event": registration.event, **registration_links(registration)},
        language=registration.language,
        attachments=attachments,
        once=registration_mail_id(registration, mail, stamp),
    )
    return bool(sent)


@task()
def send_registration_mail(*, registration_id: int, mail: str, stamp: int | None = None):
    """``stamp``: the registration's ``updated_at`` when the mail was asked for (tasks queued
    before it existed go without and use the current one)."""
    registration = Registration.objects.select_related("event", "project").filter(pk=registration_id).first()
    if registration is None:
        return
    send_registration_mail_now(registration=registration, mail=mail, stamp=stamp)


# --- Invitations and event mails (invitations.py, event_mails.py define them next to their
# workflows; named here so every meetings task can be found in one place) ---------------------

from .event_mails import send_event_cancelled_mail  # noqa: E402, F401
from .invitations import send_invitation_task  # noqa: E402, F401
