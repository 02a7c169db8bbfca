"""Read the participant reports that video platforms export after a meeting.

Pure functions: bytes in, rows out; nothing here touches the database. Recognised:

- Zoom's participant CSV, with or without the meeting header block that the "export with
  meeting data" option puts first ("Meeting ID,Topic,Start Time,…", one data row, a blank line);
- Microsoft Teams' attendance report: UTF-16 with a byte-order mark, tab-separated, with a
  "1. Summary" section, a "2. Participants" section (one row a person, the first join, the
  last leave and the time in the meeting) and perhaps "3. In-Meeting Activities";
- Teams' older attendance list ("Full Name, User Action, Timestamp": one row per join or
  leave), whose joins and leaves are paired into sessions.

Anything else raises ``ReportError`` with a message fit to show next to the file field.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

ZOOM = "zoom"
TEAMS = "teams"

MAX_BYTES = 5 * 1024 * 1024

EMPTY = _("The file is empty.")
TOO_LARGE = _("The file is larger than 5 MB. A participant report is much smaller: check that you chose the right file.")
SPREADSHEET = _(
    "This is a spreadsheet (XLSX or XLS), not a participant report. Download the report from Zoom or Teams "
    "as CSV and upload that file."
)
NOT_TEXT = _(
    "The file could not be read as text. Upload the participant report from Zoom or the attendance report "
    "from Teams just as it was downloaded."
)
FOREIGN = _(
    "This file is not a participant report from Zoom or Teams: it has no columns for the participants' "
    "names and times."
)
NO_ROWS = _("The report lists no participants.")


class ReportError(ValueError):
    """The file is not a participant report we can read; ``message`` says why, for the person."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ParticipantRow:
    """One line of a report: a person's stay in the meeting (a person may have several)."""

    name: str
    email: str
    minutes: int
    joined: datetime.datetime | None
    left: datetime.datetime | None


@dataclass(frozen=True)
class ParsedReport:
    platform: str
    rows: list[ParticipantRow]


def parse_report(data: bytes) -> ParsedReport:
    """The platform and the participant rows of a report file, or ``ReportError``."""
    if not data or not data.strip():
        raise ReportError(EMPTY)
    if len(data) > MAX_BYTES:
        raise ReportError(TOO_LARGE)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReportError(SPREADSHEET)
    text = _decode(data)
    table = _read_table(text)
    for index, row in enumerate(table):
        cells = [_header(cell) for cell in row]
        if {"name", "first join", "last leave"} <= set(cells):
            return ParsedReport(TEAMS, _nonempty(_teams_participants(cells, _section(table, index + 1))))
        if {"full name", "user action", "timestamp"} <= set(cells):
            return ParsedReport(TEAMS, _nonempty(_teams_legacy(cells, _section(table, index + 1))))
        if {"join time", "leave time"} <= set(cells) and _column(cells, "duration (minutes)", "duration (minute)") is not None:
            return ParsedReport(ZOOM, _nonempty(_zoom(cells, _section(table, index + 1))))
    raise ReportError(FOREIGN)


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReportError(NOT_TEXT) from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        # UTF-16 without a byte-order mark shows as every other byte zero; anything else is binary.
        if len(data) % 2 == 0 and data[1::2].count(0) > len(data) // 4:
            try:
                return data.decode("utf-16-le")
            except UnicodeDecodeError:
                pass
        raise ReportError(NOT_TEXT)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # A report saved again by a spreadsheet program on Windows; refuse what is plainly not text.
    if re.search(rb"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]", data):
        raise ReportError(NOT_TEXT)
    return data.decode("cp1252", errors="replace")


def _read_table(text: str) -> list[list[str]]:
    text = text.lstrip("\ufeff")
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if "\t" in first or first.strip() == "1. Summary" else ","
    try:
        return [[_clean(cell) for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error:
        raise ReportError(FOREIGN) from None


def _clean(cell: str) -> str:
    return cell.replace("\u202f", " ").replace("\xa0", " ").strip()


def _header(cell: str) -> str:
    return " ".join(cell.lower().split())


def _section(table, start):
    """The rows from ``start`` up to the first blank row or the next numbered section."""
    for row in table[start:]:
        if not any(row) or (len([cell for cell in row if cell]) == 1 and re.match(r"^\d+\.\s", row[0])):
            return
        yield row


def _column(headers, *names):
    for name in names:
        if name in headers:
            return headers.index(name)
    return None


def _cell(row, index) -> str:
    return row[index] if index is not None and index < len(row) else ""


def _nonempty(rows):
    rows = [row for row in rows if row.name or row.email]
    if not rows:
        raise ReportError(NO_ROWS)
    return rows


def _zoom(headers, rows):
    name = _column(headers, "name (original name)", "name", "participant")
    email = _column(headers, "user email", "email")
    joined = _column(headers, "join time")
    left = _column(headers, "leave time")
    minutes = _column(headers, "duration (minutes)", "duration (minute)")
    for row in rows:
        yield ParticipantRow(
            name=_cell(row, name),
            email=_email(_cell(row, email)),
            minutes=_int(_cell(row, minutes)),
            joined=_when(_cell(row, joined)),
            left=_when(_cell(row, left)),
        )


def _teams_participants(headers, rows):
    name = _column(headers, "name", "full name")
    email = _column(headers, "email")
    upn = _column(headers, "participant id (upn)")
    joined = _column(headers, "first join", "join time")
    left = _column(headers, "last leave", "leave time")
    duration = _column(headers, "in-meeting duration", "duration")
    for row in rows:
        address = _email(_cell(row, email)) or _email(_cell(row, upn))
        yield ParticipantRow(
            name=_cell(row, name),
            email=address,
            minutes=_duration_minutes(_cell(row, duration)),
            joined=_when(_cell(row, joined)),
            left=_when(_cell(row, left)),
        )


def _teams_legacy(headers, rows):
    """Pair each "Joined" with the next "Left" of the same name; a join never left lasts to the end."""
    name = _column(headers, "full name")
    action = _column(headers, "user action")
    stamp = _column(headers, "timestamp")
    open_since: dict[str, datetime.datetime] = {}
    sessions = []
    last = None
    for row in rows:
        person, what, when = _cell(row, name), _cell(row, action).lower(), _when(_cell(row, stamp))
        if not person or when is None:
            continue
        last = max(last, when) if last else when
        if what.startswith("joined"):
            open_since.setdefault(person, when)
        elif what.startswith("left") and person in open_since:
            sessions.append((person, open_since.pop(person), when))
    sessions.extend((person, since, last) for person, since in open_since.items())
    for person, since, until in sessions:
        minutes = round((until - since).total_seconds() / 60)
        yield ParticipantRow(name=person, email="", minutes=max(minutes, 0), joined=since, left=until)


def _email(value: str) -> str:
    value = value.strip()
    return value.lower() if "@" in value else ""


def _int(value: str) -> int:
    try:
        return max(int(float(value.replace(",", "."))), 0)
    except ValueError:
        return 0


def _duration_minutes(value: str) -> int:
    """Teams writes durations as "1h 2m 3s", "58m 12s" or "45s"; an older form is "1:02:03"."""
    parts = dict((unit, int(number)) for number, unit in re.findall(r"(\d+)\s*([hms])", value.lower()))
    if parts:
        seconds = parts.get("h", 0) * 3600 + parts.get("m", 0) * 60 + parts.get("s", 0)
    elif re.fullmatch(r"\d+:\d{2}(:\d{2})?", value):
        numbers = [int(number) for number in value.split(":")]
        seconds = numbers[0] * 3600 + numbers[1] * 60 + (numbers[2] if len(numbers) == 3 else 0)
    else:
        return 0
    return round(seconds / 60)


DATE_FORMATS = (
    "%m/%d/%Y %I:%M:%S %p",  # Zoom: 11/25/2021 08:58:01 AM
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y, %I:%M:%S %p",  # Teams: 11/25/2021, 8:58:01 AM
    "%m/%d/%y, %I:%M:%S %p",  # Teams: 11/25/21, 8:58:01 AM
    "%m/%d/%Y, %H:%M:%S",
    "%m/%d/%y, %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",  # Zoom and Teams with an ISO locale
    "%Y-%m-%d, %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
)


def _when(value: str) -> datetime.datetime | None:
    """A report's local time as written (naive); None when the form is unknown."""
    value = " ".join(value.split())
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, pattern)
        except ValueError:
            continue
    return None
