"""Outgoing mail: one e-mail is three templates side by side.

    emails/<name>_subject.txt   one line
    emails/<name>.txt           the plain-text body
    emails/<name>.html          the HTML body

``send("invitation", to=["alva@example.org"], context={...}, language="en")`` renders all
three in the recipient's language (Swedish by default) and sends one multipart message.
Call it after the transaction commits (``transaction.on_commit`` or a task), never inside one.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


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
) -> int:
    """Render and send one multipart message; returns the number sent (1), raising on SMTP errors.

    ``attachments`` is a list of ``(filename, content, mimetype)``, e.g.
    ``[("event.ics", ics_text, "text/calendar")]``; ``headers`` are extra header lines, e.g.
    ``{"List-Unsubscribe": "<https://…>"}``.
    """
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
    return message.send()


def message_id(*parts) -> str:
    """A Message-ID made of ``parts`` and the site's host name, the same every time a mail is
    sent again (after a worker died between the SMTP server's answer and recording it), so a
    receiving system can tell the second copy for the same message:
    ``message_id("invitation", 7, 1767225600)`` → ``<invitation.7.1767225600@samverka.example.org>``."""
    host = urlsplit(settings.SITE_URL).hostname or "samverka.invalid"
    return "<{}@{}>".format(".".join(str(part) for part in parts), host)


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
