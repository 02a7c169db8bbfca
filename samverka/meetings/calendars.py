"""Calendar files (RFC 5545 iCalendar) for events, written by hand: one event, or a feed of many.

    event_ics(event)                         the public file: no video link
    event_ics(event, registration=r)         a registrant's own: the video link when r is registered
    feed_ics(events, registrations={...})    many events in one calendar (a personal or public feed)

Each event keeps one UID for its whole life ("<Event.uid>@samverka") and carries
``Event.sequence`` as SEQUENCE, which Event.save() raises whenever something a calendar shows
changes, so calendar programs replace the old copy. A cancelled event is sent with
METHOD:CANCEL and STATUS:CANCELLED (a feed keeps METHOD:PUBLISH and says STATUS:CANCELLED).

Times are written in Europe/Stockholm with a TZID and the zone's VTIMEZONE (CET/CEST rules).
Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character.

The video link and dial-in text are written only for a registration holding a registered seat.
"""

from datetime import UTC, datetime
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import NoReverseMatch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Event, Registration

STOCKHOLM = ZoneInfo("Europe/Stockholm")
TZID = "Europe/Stockholm"
PRODID = "-//Samverka//Meetings//SV"

# Europe/Stockholm since 1996 (EU rules): summer time from the last Sunday of March 02:00
# to the last Sunday of October 03:00.
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    f"X-LIC-LOCATION:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, newlines as \\n."""
    value = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def quote_param(value: str) -> str:
    """A parameter value in double quotes (which may not occur inside one)."""
    return '"' + str(value).replace('"', "'").replace("\r", " ").replace("\n", " ") + '"'


def fold(line: str) -> str:
    """Fold one content line at 75 octets (RFC 5545 3.1); continuation lines begin with a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current, limit = [], b"", 75
    for char in line:
        octets = char.encode("utf-8")
        if len(current) + len(octets) > limit:
            parts.append(current.decode("utf-8"))
            current, limit = b"", 74  # the leading space takes one octet
        current += octets
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def local_time(value: datetime) -> str:
    return timezone.localtime(value, STOCKHOLM).strftime("%Y%m%dT%H%M%S")


def utc_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_url(event: Event) -> str:
    """The event page's full address (in Swedish, the site's default language)."""
    with translation.override(settings.LANGUAGE_CODE):
        try:
            path = event.get_absolute_url()
        except NoReverseMatch:  # the event page's route not (yet) there
            path = f"/traffar/{event.pk}/"
    return settings.SITE_URL + path


def shows_video_link(registration: Registration | None) -> bool:
    """Only a registration holding a registered (not pending, waiting or cancelled) seat."""
    return registration is not None and registration.status == Registration.Status.REGISTERED


def _organizer() -> str:
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return f"ORGANIZER;CN={quote_param(name or settings.SITE_NAME)}:mailto:{address}"


def _vevent(event: Event, *, registration: Registration | None, method: str, stamp: datetime) -> list[str]:
    cancelled = event.is_cancelled
    description = event.description.strip()
    location = event.place
    if shows_video_link(registration) and not cancelled:
        extra = []
        if event.video_url:
            extra.append(_("Video meeting: %(url)s") % {"url": event.video_url})
        if event.dial_in.strip():
            extra.append(_("Dial-in: %(details)s") % {"details": event.dial_in.strip()})
        description = "\n\n".join(part for part in [description, *extra] if part)
        if not location and event.video_url:
            location = event.video_url
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}@samverka",
        f"SEQUENCE:{event.sequence}",
        f"DTSTAMP:{utc_time(stamp)}",
        f"DTSTART;TZID={TZID}:{local_time(event.starts_at)}",
        f"DTEND;TZID={TZID}:{local_time(event.ends_at)}",
        f"SUMMARY:{escape_text(event.title)}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    lines.append(f"URL:{event_url(event)}")
    lines.append(_organizer())
    if method == "CANCEL" and registration is not None:
        lines.append(
            f"ATTENDEE;CN={quote_param(registration.name or registration.email)}:mailto:{registration.email}"
        )
    if event.created_at:
        lines.append(f"CREATED:{utc_time(event.created_at)}")
    if event.updated_at:
        lines.append(f"LAST-MODIFIED:{utc_time(event.updated_at)}")
    lines.append("STATUS:CANCELLED" if cancelled else "STATUS:CONFIRMED")
    lines.append("TRANSP:OPAQUE")
    lines.append("END:VEVENT")
    return lines


def _calendar(vevents: list[list[str]], *, method: str, name: str | None = None) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", f"METHOD:{method}"]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
        lines.append(f"X-WR-TIMEZONE:{TZID}")
        lines.append("REFRESH-INTERVAL;VALUE=DURATION:PT1H")
    lines.extend(VTIMEZONE)
    for vevent in vevents:
        lines.extend(vevent)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def event_ics(event: Event, *, registration: Registration | None = None, method: str = "PUBLISH") -> str:
    """One event as an iCalendar file. A cancelled event always gets METHOD:CANCEL.

    The video link and dial-in text are included only when ``registration`` holds a registered
    seat. Reads only the event (and the registration given): no queries.
    """
    if event.is_cancelled:
        method = "CANCEL"
    vevent = _vevent(event, registration=registration, method=method, stamp=timezone.now())
    return _calendar([vevent], method=method)


def feed_ics(
    events, *, registrations: dict[int, Registration] | None = None, name: str | None = None
) -> str:
    """Many events in one calendar (METHOD:PUBLISH; cancelled ones say STATUS:CANCELLED).

    ``registrations`` maps an event's id to the reader's registration for it: the video link is
    written for those that hold a registered seat, never otherwise.
    """
    registrations = registrations or {}
    stamp = timezone.now()
    vevents = [
        _vevent(event, registration=registrations.get(event.pk), method="PUBLISH", stamp=stamp) for event in events
    ]
    return _calendar(vevents, method="PUBLISH", name=name)


def ics_attachment(event: Event, *, registration: Registration | None = None) -> tuple[str, str, str]:
    """The (filename, content, mimetype) that emails.send(attachments=[...]) takes."""
    return ("event.ics", event_ics(event, registration=registration), "text/calendar")
