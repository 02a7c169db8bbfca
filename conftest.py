"""Shared test fixtures: the named people of every test and a small registry.

People: the coordinator (Cora), the leader of project A (Alva), the leader of project B
(Bengt), a regional development official (Olof), a signed-in participant with no role
(Petra), and the anonymous visitor (the plain ``client``).
"""

import datetime
from decimal import Decimal
from itertools import count

import pytest

PASSWORD = "correct-horse-battery-9"


def pytest_configure(config):
    # WhiteNoise warns at start-up when STATIC_ROOT is missing, as it is on a fresh checkout.
    from django.conf import settings

    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    # This process's own cache in memory, not var/cache's files (shared with a running `make run`
    # and with other test runs); tests of Redis set it themselves.
    from django.test.utils import override_settings

    override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}).enable()


@pytest.fixture(autouse=True)
def _default_language():
    # A request through the test client leaves its language active in this thread (LocaleMiddleware
    # activates, nothing deactivates); every test starts in the default language, Swedish.
    from django.utils import translation

    translation.activate("sv")
    yield
    translation.activate("sv")


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate limits (allauth counts sign-ins per address and per IP) live in the cache; one
    # test's sign-ins must not count against the next one's.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    # Tests serve static files from the finders; the manifest exists only after collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests change data and look again at once; the page cache (samverka/ops/page_cache.py) has
    # its own tests in tests/ops/test_page_cache.py.
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(scope="session")
def media_root(tmp_path_factory):
    """One temporary directory for the files a test run stores (see ``_media_outside_the_checkout``)."""
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _media_outside_the_checkout(settings, media_root):
    # Files stored by a test (attachments, and the PDFs and chart that load_demo adds) go to a
    # temporary directory, never to var/media; a test may still point MEDIA_ROOT elsewhere.
    settings.MEDIA_ROOT = media_root


@pytest.fixture
def period(db):
    from samverka.registry.models import ProgrammePeriod

    return ProgrammePeriod.objects.create(name="2014–2020", start_year=2014, end_year=2020)


@pytest.fixture
def area(db):
    from samverka.registry.models import Region

    return Region.objects.create(kind=Region.Kind.AREA, code="SE33", name="Övre Norrland", slug="ovre-norrland")


@pytest.fixture
def other_area(db):
    from samverka.registry.models import Region

    return Region.objects.create(kind=Region.Kind.AREA, code="SE22", name="Skåne-Blekinge", slug="skane-blekinge")


@pytest.fixture
def county(area):
    from samverka.registry.models import Region

    return Region.objects.create(kind=Region.Kind.COUNTY, code="25", name="Norrbottens län", slug="norrbottens-lan", parent=area)


@pytest.fixture
def theme(period):
    from samverka.registry.models import ThemeArea

    return ThemeArea.objects.create(
        period=period, code="TO4", name="Koldioxidsnål ekonomi", name_en="Low-carbon economy"
    )


@pytest.fixture
def portfolio(theme):
    from samverka.registry.models import Portfolio

    return Portfolio.objects.create(
        theme=theme, name="Förnybar energi", name_en="Renewable energy", slug="fornybar-energi", order=2
    )


@pytest.fixture
def other_portfolio(theme):
    from samverka.registry.models import Portfolio

    return Portfolio.objects.create(
        theme=theme, name="Hållbara transporter", name_en="Sustainable transport", slug="hallbara-transporter", order=1
    )


@pytest.fixture
def programme(period, area):
    from samverka.registry.models import Programme

    return Programme.objects.create(
        period=period,
        name="Regionalfondsprogram Övre Norrland",
        cci="2014SE16RFOP008",
        managing_authority="Tillväxtverket",
        area=area,
    )


@pytest.fixture
def organisation(db):
    from samverka.registry.models import Organisation

    return Organisation.objects.create(name="Norrbottens energikontor", org_number="556036-0793")


@pytest.fixture
def make_project(programme, organisation, portfolio, theme, area, county):
    """Build projects with sensible defaults; override any field by keyword."""
    from samverka.registry.models import Project

    numbers = count(20200001)

    def make(**fields):
        counties = fields.pop("counties", [county])
        values = {
            "programme": programme,
            "case_number": str(next(numbers)),
            "title": "Solceller på lantgårdar",
            "summary": "Projektet hjälper lantbruk att producera egen el.",
            "owner": organisation,
            "portfolio": portfolio,
            "theme": theme,
            "area": area,
            "start_date": datetime.date(2019, 1, 1),
            "end_date": datetime.date(2022, 12, 31),
            "total_budget": Decimal("10000000.00"),
            "eu_funding": Decimal("4000000.00"),
        }
        values.update(fields)
        project = Project.objects.create(**values)
        project.counties.set(counties)
        return project

    return make


@pytest.fixture
def project_a(make_project):
    return make_project(title="Vätgas i Norrbotten", case_number="20200181")


@pytest.fixture
def project_b(make_project):
    return make_project(title="Energismarta småföretag", case_number="20200182")


def _person(email, name, **extra):
    from samverka.accounts.models import User

    return User.objects.create_user(email=email, password=PASSWORD, name=name, **extra)


@pytest.fixture
def coordinator(db):
    return _person("cora@example.org", "Cora Koordinator", is_staff=True)


@pytest.fixture
def leader_a(project_a):
    from samverka.registry.models import ProjectRole

    person = _person("alva@example.org", "Alva Ledare")
    ProjectRole.objects.create(project=project_a, person=person, role=ProjectRole.Role.LEADER)
    return person


@pytest.fixture
def leader_b(project_b):
    from samverka.registry.models import ProjectRole

    person = _person("bengt@example.org", "Bengt Ledare")
    ProjectRole.objects.create(project=project_b, person=person, role=ProjectRole.Role.LEADER)
    return person


@pytest.fixture
def official(db):
    from samverka.accounts.models import Audience

    person = _person("olof@example.org", "Olof Tjänsteperson")
    audience, _ = Audience.objects.get_or_create(code=Audience.Code.REGIONAL_OFFICIAL)
    person.audiences.add(audience)
    return person


@pytest.fixture
def participant(db):
    return _person("petra@example.org", "Petra Deltagare")


def _client_for(person):
    from django.test import Client

    client = Client()
    client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def coordinator_client(coordinator):
    return _client_for(coordinator)


@pytest.fixture
def leader_a_client(leader_a):
    return _client_for(leader_a)


@pytest.fixture
def leader_b_client(leader_b):
    return _client_for(leader_b)


@pytest.fixture
def official_client(official):
    return _client_for(official)


@pytest.fixture
def participant_client(participant):
    return _client_for(participant)


class ReceivedMail:
    """The messages a real SMTP server (aiosmtpd) received, parsed with the email package; an
    address put in ``refused`` is refused (550) when a mail is sent to it."""

    def __init__(self, host, port):
        import threading

        self.host = host
        self.port = port
        self.messages = []
        self.refused = set()  # addresses the server answers "550" at RCPT TO, as for a mailbox that is gone
        self._arrived = threading.Condition()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        import email
        from email import policy

        parsed = email.message_from_bytes(envelope.content, policy=policy.default)
        text = parsed.get_body(preferencelist=("plain",))
        html = parsed.get_body(preferencelist=("html",))
        with self._arrived:
            self.messages.append(
                {
                    # A long non-ASCII subject is folded onto the next line; unfolded, it keeps the
                    # fold's space in front, which mail programs do not show either.
                    "subject": str(parsed["Subject"]).strip(),
                    "to": list(envelope.rcpt_tos),
                    "from": str(parsed["From"]),
                    "text": text.get_content() if text else "",
                    "html": html.get_content() if html and html.get_content_type() == "text/html" else "",
                    "message": parsed,
                }
            )
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, count=1, timeout=10.0):
        """Block until ``count`` messages have arrived; return them (fails the test on timeout)."""
        with self._arrived:
            if not self._arrived.wait_for(lambda: len(self.messages) >= count, timeout=timeout):
                pytest.fail(f"expected {count} message(s) at the SMTP server, got {len(self.messages)}")
            return list(self.messages)


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1 at a free port; Django's SMTP backend is pointed at it."""
    import logging
    import socket

    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd narrates every command

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    received = ReceivedMail("127.0.0.1", port)
    controller = Controller(received, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    try:
        yield received
    finally:
        controller.stop()


class Killed(BaseException):
    """What a killed process leaves: nothing after it runs (no ``except Exception`` catches it)."""


@pytest.fixture
def kill_mail_at(monkeypatch):
    """``kill_mail_at(n)``: the process dies as it starts sending its n-th mail (``kill_mail_at.Killed``);
    ``restore()`` sends normally again. Returns the addresses it was asked to send to."""
    from samverka import emails

    send, calls = emails.send, []

    def killed(*args, **kwargs):
        calls.append(kwargs["to"])
        if len(calls) == at[0]:
            raise Killed
        return send(*args, **kwargs)

    at = [0]

    def arm(n):
        at[0] = n
        monkeypatch.setattr(emails, "send", killed)
        return calls

    arm.restore = lambda: monkeypatch.setattr(emails, "send", send)
    arm.Killed = Killed  # the class itself: "from conftest import" would load a second copy
    return arm


@pytest.fixture
def database_for_threads(tmp_path):
    """Let threads share the test database, on SQLite as on PostgreSQL.

    PostgreSQL: nothing to do, each thread opens its own connection to the test database.
    SQLite: the test database lives in memory with a shared cache, where a second writer gets
    "database table is locked" at once instead of waiting. ``share()`` copies it to a file
    (VACUUM INTO) and points this thread's connection at the file; ``for_thread()`` does the same
    in each worker thread. The file has the production settings (WAL, IMMEDIATE transactions,
    a busy timeout), so writers wait their turn as they do in production.
    """
    from types import SimpleNamespace

    from django.db import connections

    original = connections["default"]
    state = {}

    def wrapper():
        return type(original)(state["settings"], alias="default")

    def share():
        if original.vendor != "sqlite":
            return
        path = str(tmp_path / "threads.sqlite3")
        with original.cursor() as cursor:
            cursor.execute("VACUUM INTO '%s'" % path.replace("'", "''"))
        state["settings"] = {**original.settings_dict, "NAME": path}
        connections["default"] = wrapper()

    def for_thread():
        if "settings" in state:
            connections["default"] = wrapper()

    yield SimpleNamespace(share=share, for_thread=for_thread)
    if "settings" in state:
        connections["default"].close()
        connections["default"] = original
