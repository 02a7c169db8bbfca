"""Outgoing mail: one e-mail is three templates side by side.

    emails/<name>_subject.txt   one line
    emails/<name>.txt           the plain-text body
    emails/<name>.html          the HTML body

``send("invitation", to=["alva@example.org"], context={...}, language="en")`` renders all
three in the recipient's language (Swedish by default) and sends one multipart message.
Call it after the transaction commits (``transaction.on_commit`` or a task), never inside one.

A mail sent from a task or a scheduled command passes ``once=message_id(...)``: the parts that
make this message unique (its kind, the row it is about, and whatever differs when it may
rightly go again). The key is recorded right after the SMTP server accepts the mail, and a key
already recorded is not sent again, so a task that runs a second time (its worker was killed and
``requeue_stuck_tasks`` queued it again), or the next run of a command that failed partway,
sends only what the first run did not.
"""

import datetime
import logging
import re
import smtplib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def render(template_name: str, context: dict, *, language: str | None = None) -> tuple[str, str, str]:
    """Return (subject, text, html) for ``emails/<template_name>*`` rendered in ``language``."""
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{template_name}_subject.txt", context)
        text = render_to_string(f"emails/{template_name}.txt", context)
        html = render_to_string(f"emails/{template_name}.html", context)
    # A subject is one line, whatever the template's whitespace.
    return " ".join(subject.split()), text, html


def send(
    template_name: str,
    *,
    to: list[str] | str,
    context: dict,
    language: str | None = None,
    reply_to: list[str] | None = None,
    attachments: list[tuple[str, str | bytes, str]] | None = None,
    headers: dict[str, str] | None = None,
    once: str | None = None,
) -> int:
    """Render and send one multipart message; returns the number sent (1), raising on SMTP errors.

    ``attachments`` is a list of ``(filename, content, mimetype)``, e.g.
    ``[("event.ics", ics_text, "text/calendar")]``; ``headers`` are extra header lines, e.g.
    ``{"List-Unsubscribe": "<https://…>"}``.

    ``once``: the message's stable id from :func:`message_id`, for mail sent from a task. When
    it is recorded as sent (``ops.SentMail``), nothing is sent and 0 returned (one query);
    otherwise it becomes the Message-ID header (unless ``headers`` give one) and is recorded
    right after the SMTP server accepted the mail. The one window left: the worker dies
    between the server's answer and the record; the next run then sends a second copy with the
    same Message-ID.
    """
    if once is not None:
        from samverka.ops.models import SentMail

        if len(once) > SentMail._meta.get_field("key").max_length:
            raise ValueError(f"message id too long to record: {once}")
        if SentMail.objects.filter(key=once).exists():
            logger.info("mail %s already sent: not sent again", once)
            return 0
        headers = {"Message-ID": once, **(headers or {})}
    subject, text, html = render(template_name, context, language=language)
    recipients = [to] if isinstance(to, str) else list(to)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=reply_to,
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or ():
        message.attach(filename, content, mimetype)
    sent = message.send()
    if once is not None:
        # Another run that sent the same mail at the same moment may have recorded it first.
        SentMail.objects.bulk_create([SentMail(key=once)], ignore_conflicts=True)
    return sent


# The SMTP server refused this one message (its recipient, or what it says): the next may well go.
# Anything else (the server unreachable, the sign-in refused) fails every message alike.
REFUSED = (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError)


def failure(error: Exception) -> str:
    """A failed send in a few words for a log or a command's output, without the recipient's
    address (an ``SMTPRecipientsRefused`` names it; the server's own text often does too)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({str(code) for code, _ in error.recipients.values()})
        return f"SMTPRecipientsRefused {', '.join(codes)}"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{type(error).__name__} {error.smtp_code}"
    return f"{type(error).__name__}: {error}"


def message_id(*parts) -> str:
    """A Message-ID made of ``parts`` and the site's host name, the same every time a mail is
    sent again (after a worker died between the SMTP server's answer and recording it), so a
    receiving system can tell the second copy for the same message:
    ``message_id("invitation", 7, 1767225600)`` → ``<invitation.7.1767225600@samverka.example.org>``.
    ``send(once=…)`` takes it as the message's key."""
    host = urlsplit(settings.SITE_URL).hostname or "samverka.invalid"
    return "<{}@{}>".format(".".join(str(part) for part in parts), host)


EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def stamp(moment: datetime.datetime) -> int:
    """``moment`` as whole microseconds since 1970 (exact, no float): a part of a message id that
    changes when a row changes, e.g. ``stamp(registration.updated_at)``. Plain JSON, so a task
    can carry it."""
    return (moment - EPOCH) // datetime.timedelta(microseconds=1)


def split_addresses(text: str) -> tuple[list[str], list[str]]:
    """Read pasted addresses (one a line, or separated by commas, semicolons or spaces;
    ``Name <address>`` counts as the address): returns (the valid ones lower-cased, duplicates
    merged, in their first order; the invalid ones as written). Callers word their own errors."""
    addresses, bad = [], []
    parts = []
    for chunk in re.split(r"[\n,;]+", text or ""):
        bracketed = re.search(r"<([^<>]*)>", chunk)
        parts.extend([bracketed.group(1)] if bracketed else chunk.split())
    for part in parts:
        address = part.strip().strip("\"'").lower()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError:
            bad.append(part.strip())
            continue
        if address not in addresses:
            addresses.append(address)
    return addresses, bad
