"""Fixtures for the import tests: a small registry and files built in the test itself."""

import csv
import datetime
import io

import pytest
from django.utils import translation

# The Swedish managing authority's project bank export.
BANK_HEADER = [
    "Ärende-ID", "Stödmottagare", "Organisationsnummer", "Projektnamn", "Projektbeskrivning",
    "Beviljat belopp", "Total budget", "Offentlig medfinansiering", "Privat medfinansiering",
    "Projektstart", "Projektslut", "Län", "Kommuner", "Område", "Insatsområde", "Tematiskt mål", "Portfölj",
]
TO4_WORDS = "Att stödja övergången till en koldioxidsnål ekonomi inom alla sektorer"


def bank_row(case="20200181", **values):
    row = {
        "Ärende-ID": case,
        "Stödmottagare": "Luleå tekniska universitet",
        "Organisationsnummer": "202100-2841",
        "Projektnamn": "Vätgas i Norrbotten",
        "Projektbeskrivning": "Projektet prövar vätgas i tunga transporter.",
        "Beviljat belopp": "4 000 000",
        "Total budget": "10 000 000",
        "Offentlig medfinansiering": "5 000 000",
        "Privat medfinansiering": "1 000 000",
        "Projektstart": "2019-01-01",
        "Projektslut": "2021-12-31",
        "Län": "Norrbottens län",
        "Kommuner": "Luleå",
        "Område": "Övre Norrland",
        "Insatsområde": "Att stödja övergången till en koldioxidsnål ekonomi",
        "Tematiskt mål": TO4_WORDS,
        "Portfölj": "Förnybar energi",
    }
    row.update(values)
    return row


def table(rows, header=None):
    """Rows of dicts as a list of lists with a header row first."""
    header = header or list(rows[0])
    return [header] + [[row.get(name, "") for name in header] for row in rows]


def csv_bytes(rows, *, encoding="utf-8", delimiter=";"):
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    text = buffer.getvalue()
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode(encoding)


def xlsx_bytes(rows):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _english():
    # Messages are asserted in English; one test checks the Swedish wording.
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def registry(programme, county, portfolio, other_portfolio, other_area):
    """One programme (Övre Norrland 2014–2020, CCI 2014SE16RFOP008), Norrbottens län, two portfolios."""
    from samverka.registry.models import Programme, ProgrammePeriod, Region

    later = ProgrammePeriod.objects.create(name="2021–2027", start_year=2021, end_year=2027)
    Programme.objects.create(period=later, name="Övre Norrland", cci="2021SE16FFPR001", area=programme.area)
    Programme.objects.create(
        period=programme.period, name="Skåne-Blekinge", cci="2014SE16RFOP002", area=other_area
    )
    Region.objects.create(kind=Region.Kind.COUNTY, code="12", name="Skåne län", slug="skane-lan", parent=other_area)
    return programme


def import_bytes(data, **options):
    from samverka.registry.import_jobs import import_file

    return import_file(data, **options)


def messages(outcome):
    return [(problem.row, problem.column, problem.message) for problem in outcome.problems]


DATE = datetime.date


@pytest.fixture
def files():
    """The helpers above, for tests (test modules cannot import conftest under importlib mode)."""
    from types import SimpleNamespace

    return SimpleNamespace(
        BANK_HEADER=BANK_HEADER,
        TO4_WORDS=TO4_WORDS,
        bank_row=bank_row,
        table=table,
        csv=csv_bytes,
        xlsx=xlsx_bytes,
        run=import_bytes,
        messages=messages,
    )
