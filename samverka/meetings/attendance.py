"""Who came to an event: the coordinator's list, participant reports and the summary sentence.

Selectors read (``attendance_list``, ``attendance_summary``, ``unmatched_registrations``);
services change (``save_attendance``, ``import_report``, ``match_row``). A report is matched to
the event's registrations by e-mail first, then by name with accents, case and spacing ignored;
the rows that match nobody are kept on the report for the coordinator to match by hand.
"""

import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from samverka.registry.models import Portfolio

from .models import Event, ParticipantReport, Registration
from .participant_reports import ParsedReport, ParticipantRow, parse_report


# Selectors -------------------------------------------------------------------------------------


def attendance_registrations(event: Event):
    """The event's registrations in list order, with what the attendance list shows."""
    return (
        Registration.objects.filter(event=event)
        .select_related("person", "project")
        # Only what the list and the matching read: a big meeting has thousands of rows.
        .only(
            "event_id", "name", "email", "status", "attended", "attended_minutes",
            "person__name", "project__title",
        )
        .order_by("name", "email", "pk")
    )


@dataclass
class AttendanceList:
    """The registrations of an event, in the groups the attendance page shows them."""

    registered: list = field(default_factory=list)
    waiting: list = field(default_factory=list)
    cancelled: list = field(default_factory=list)
    other: list = field(default_factory=list)  # not yet confirmed, awaiting approval, not approved

    @property
    def everyone(self):
        return [*self.registered, *self.waiting, *self.cancelled, *self.other]


def attendance_list(event: Event) -> AttendanceList:
    """One query: the registrations, split by status."""
    groups = AttendanceList()
    by_status = {
        Registration.Status.REGISTERED: groups.registered,
        Registration.Status.WAITING: groups.waiting,
        Registration.Status.CANCELLED: groups.cancelled,
    }
    for registration in attendance_registrations(event):
        registration.display_name = display_name(registration)
        by_status.get(registration.status, groups.other).append(registration)
    return groups


def display_name(registration: Registration) -> str:
    person = registration.person if registration.person_id else None
    return registration.name or (person.name if person else "") or registration.email


@dataclass(frozen=True)
class AttendanceSummary:
    projects: int  # distinct projects with at least one person who attended
    portfolios: list  # those projects' portfolios, in the portfolios' own order
    attendees: int  # people who attended


def attendance_summary(event: Event) -> AttendanceSummary:
    """How many projects took part and from which portfolios; two queries whatever the size.

    Projects are counted, not people: two leaders of one project make one project.
    """
    attended = Registration.objects.filter(event=event, attended=True)
    totals = attended.aggregate(projects=Count("project", distinct=True), attendees=Count("pk"))
    portfolios = list(
        Portfolio.objects.filter(
            projects__registrations__event=event, projects__registrations__attended=True
        ).distinct().order_by("order", "name")
    )
    return AttendanceSummary(projects=totals["projects"], portfolios=portfolios, attendees=totals["attendees"])


def reports_for(event: Event):
    return ParticipantReport.objects.filter(event=event).select_related("uploaded_by").order_by("-uploaded_at", "-pk")


# Matching --------------------------------------------------------------------------------------


def normalise_name(name: str) -> str:
    """"  Åsa  ÖBERG " and "asa oberg" are the same name: no accents, no case, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().split())


def name_keys(name: str) -> list[str]:
    """The names a report row may stand for: Zoom writes "Renamed (Original Name)", Teams
    appends "(Guest)" or "(External)"; try the whole, the part in brackets and the part before."""
    keys = [normalise_name(name)]
    bracket = re.fullmatch(r"\s*(.*?)\s*\(([^()]*)\)\s*", name)
    if bracket:
        keys += [normalise_name(bracket.group(2)), normalise_name(bracket.group(1))]
    return [key for key in dict.fromkeys(keys) if key]


class Matcher:
    """Finds the registration a report row belongs to: by e-mail, then by an unambiguous name."""

    def __init__(self, registrations):
        self.by_email = {}
        names = defaultdict(list)
        for registration in registrations:
            for address in {registration.email, registration.person.email if registration.person_id else ""}:
                if address:
                    self.by_email.setdefault(address.strip().lower(), registration)
            names[normalise_name(display_name(registration))].append(registration)
        # Two registrations with the same name cannot be told apart by name alone.
        self.by_name = {key: found[0] for key, found in names.items() if key and len(found) == 1}

    def find(self, row: ParticipantRow):
        if row.email and row.email.lower() in self.by_email:
            return self.by_email[row.email.lower()]
        for key in name_keys(row.name):
            if key in self.by_name:
                return self.by_name[key]
        return None


def _unmatched_entry(number: int, rows: list[ParticipantRow]) -> dict:
    """Rows that match nobody, merged per person (same e-mail, else same name), for the JSON field.
    ``id`` stays with the entry while others are matched away, so a form names it safely."""
    first = rows[0]
    joined = [row.joined for row in rows if row.joined]
    left = [row.left for row in rows if row.left]
    return {
        "id": number,
        "name": first.name,
        "email": first.email,
        "minutes": sum(row.minutes for row in rows),
        "joined": min(joined).isoformat() if joined else "",
        "left": max(left).isoformat() if left else "",
    }


# Services --------------------------------------------------------------------------------------


def save_attendance(*, event: Event, attended_ids) -> int:
    """Set who attended from the list's checkboxes: the ticked ones attended, the others did not.

    Side effects: two UPDATEs on the event's registrations (ids of other events are ignored);
    minutes from a report stay on those still ticked and are cleared on those unticked.
    Returns how many are now marked as attended.
    """
    ids = {int(value) for value in attended_ids if str(value).isdigit()}
    registrations = Registration.objects.filter(event=event)
    with transaction.atomic():
        marked = registrations.filter(pk__in=ids).update(attended=True, updated_at=timezone.now())
        registrations.exclude(pk__in=ids).filter(Q(attended=True) | Q(attended_minutes__isnull=False)).update(
            attended=False, attended_minutes=None, updated_at=timezone.now()
        )
    return marked


@dataclass(frozen=True)
class ImportResult:
    report: ParticipantReport
    created: bool  # False: the very same file was uploaded before and nothing changed


def report_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def import_report(*, event: Event, data: bytes, filename: str, uploaded_by=None, parsed: ParsedReport | None = None) -> ImportResult:
    """Read a participant report and mark who attended, in one transaction.

    Side effects: a ParticipantReport row (with the rows that matched nobody); matched
    registrations get attended=True and attended_minutes (a person who joined several times gets
    the sum). A file uploaded before for this event (same digest) changes nothing.
    Raises ``ReportError`` for a file that is not a readable report; then nothing is saved.
    """
    digest = report_digest(data)
    existing = ParticipantReport.objects.filter(event=event, digest=digest).first()
    if existing:
        return ImportResult(existing, created=False)
    parsed = parsed or parse_report(data)
    matcher = Matcher(attendance_registrations(event))
    minutes: dict[int, int] = defaultdict(int)
    matched: dict[int, Registration] = {}
    leftovers: dict[str, list[ParticipantRow]] = defaultdict(list)
    for row in parsed.rows:
        registration = matcher.find(row)
        if registration is None:
            leftovers[row.email or normalise_name(row.name)].append(row)
            continue
        matched[registration.pk] = registration
        minutes[registration.pk] += row.minutes
    now = timezone.now()
    for pk, registration in matched.items():
        registration.attended = True
        registration.attended_minutes = minutes[pk]
        registration.updated_at = now
    try:
        with transaction.atomic():
            report = ParticipantReport.objects.create(
                event=event,
                filename=filename[:255],
                digest=digest,
                platform=parsed.platform,
                rows=len(parsed.rows),
                matched=len(matched),
                unmatched=[_unmatched_entry(number, rows) for number, rows in enumerate(leftovers.values(), start=1)],
                uploaded_by=uploaded_by,
            )
            Registration.objects.bulk_update(matched.values(), ["attended", "attended_minutes", "updated_at"])
    except IntegrityError:
        # The same file, uploaded at the same moment by someone else: theirs counts.
        return ImportResult(ParticipantReport.objects.get(event=event, digest=digest), created=False)
    return ImportResult(report, created=True)


class MatchError(ValueError):
    pass


def unmatched_registrations(registrations):
    """Of the given registrations, those a report row may still be matched to by hand."""
    return [registration for registration in registrations if not registration.attended]


def match_row(*, report: ParticipantReport, row_id: int, registration: Registration) -> Registration:
    """Match an unmatched report row to a registration by hand.

    Side effects: the registration is marked attended with the row's minutes added; the row
    leaves the report's unmatched list and the report's matched count rises by one.
    Raises ``MatchError`` when the row is gone (matched meanwhile) or the registration belongs
    to another event.
    """
    if registration.event_id != report.event_id:
        raise MatchError("registration of another event")
    with transaction.atomic():
        report = ParticipantReport.objects.select_for_update().get(pk=report.pk)
        position = next((index for index, entry in enumerate(report.unmatched) if entry.get("id") == row_id), None)
        if position is None:
            raise MatchError("row gone")
        entry = report.unmatched.pop(position)
        report.matched += 1
        report.save(update_fields=["unmatched", "matched"])
        registration.attended = True
        registration.attended_minutes = (registration.attended_minutes or 0) + int(entry.get("minutes") or 0)
        registration.save(update_fields=["attended", "attended_minutes", "updated_at"])
    return registration
