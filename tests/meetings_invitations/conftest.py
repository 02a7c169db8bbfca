"""Fixtures for invitations and calendars: an upcoming webinar with a video link, registrations,
and a small strict iCalendar (RFC 5545) reader: CRLF only, lines of at most 75 octets, BEGIN/END
nested and matched, every content line NAME[;PARAM=...]:VALUE."""

import datetime
import re

import pytest
from django.utils import timezone

VIDEO = "https://zoom.example.org/j/81234567890?pwd=hemligt"


@pytest.fixture
def webinar(db):
    """A published knowledge webinar a week from now, 9–11 Stockholm time, with a video link."""
    from samverka.meetings.models import Event

    day = timezone.localdate() + datetime.timedelta(days=7)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))
    return Event.objects.create(
        kind=Event.Kind.KNOWLEDGE_WEBINAR,
        title="Kunskapswebbinarium: Vätgas, el och värme",
        description="Om energiomställning; för projektledare, tjänstepersoner och andra aktörer.",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        status=Event.Status.PUBLISHED,
        video_url=VIDEO,
        dial_in="Ring +46 8 123 456 78, kod 812 3456 7890",
    )


@pytest.fixture
def register(webinar):
    """``register(name, email, status="registered", event=webinar, **fields)``."""
    from samverka.meetings.models import Registration

    def make(name, email, status=Registration.Status.REGISTERED, event=None, **fields):
        return Registration.objects.create(event=event or webinar, name=name, email=email, status=status, **fields)

    return make



NAME = re.compile(r"^[A-Z0-9-]+$")


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\":
            nxt = value[i + 1]
            assert nxt in "\\;,nN", f"bad escape \\{nxt}"
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


class Component:
    def __init__(self, name):
        self.name = name
        self.properties = []  # (name, params, value)
        self.children = []

    def get(self, name, default=None):
        for prop, _, value in self.properties:
            if prop == name:
                return value
        return default

    def params(self, name):
        for prop, params, _ in self.properties:
            if prop == name:
                return params
        return None

    def all(self, name):
        return [c for c in self.children if c.name == name]

    def text(self, name):
        value = self.get(name)
        return None if value is None else unescape(value)


def parse(data: str) -> Component:
    assert data.endswith("\r\n"), "must end with CRLF"
    raw_lines = data[:-2].split("\r\n")
    assert all("\n" not in line and "\r" not in line for line in raw_lines), "bare LF or CR"
    for line in raw_lines:
        assert len(line.encode("utf-8")) <= 75, f"line longer than 75 octets: {line!r}"
    lines = []
    for line in raw_lines:
        if line.startswith((" ", "\t")):
            assert lines, "continuation without a line"
            lines[-1] += line[1:]
        else:
            lines.append(line)
    stack, root = [], None
    for line in lines:
        head, sep, value = line.partition(":")
        # A parameter value may hold ':' inside quotes.
        if '"' in head:
            match = re.match(r'^((?:[^:"]|"[^"]*")*):(.*)$', line)
            head, value = match.group(1), match.group(2)
        else:
            assert sep, f"no colon: {line!r}"
        name, *raw_params = re.findall(r'(?:[^;"]|"[^"]*")+', head)
        assert NAME.match(name), f"bad name {name!r}"
        params = {}
        for raw in raw_params:
            key, _, pvalue = raw.partition("=")
            params[key] = pvalue.strip('"')
        if name == "BEGIN":
            component = Component(value)
            if stack:
                stack[-1].children.append(component)
            else:
                assert root is None, "two calendars"
                root = component
            stack.append(component)
        elif name == "END":
            assert stack and stack[-1].name == value, f"END:{value} does not match"
            stack.pop()
        else:
            assert stack, "property outside a component"
            stack[-1].properties.append((name, params, value))
    assert not stack, "unclosed component"
    assert root.name == "VCALENDAR"
    assert root.get("VERSION") == "2.0" and root.get("PRODID")
    for vevent in root.all("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART"):
            assert vevent.get(required), f"VEVENT without {required}"
    return root


@pytest.fixture
def parse_ics():
    """The strict reader above: ``parse_ics(text)`` returns the VCALENDAR component."""
    return parse


@pytest.fixture
def run_worker():
    """Run the real django-tasks-db worker over what is queued (``max_tasks`` stops it early)."""
    from django.core.management import call_command

    def run(max_tasks=None):
        options = {"batch": True, "no_startup_delay": True, "verbosity": 0}
        if max_tasks:
            options["max_tasks"] = max_tasks
        call_command("db_worker", **options)

    return run


@pytest.fixture
def closed_port():
    """A port on 127.0.0.1 nothing listens on."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
