"""The knowledge demo, loaded once for a module, and a strict reader for the PDFs it writes."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, media_root):
    """``load_demo`` run once for the module (it takes seconds), committed; each test still runs
    in its own transaction on top of it. The tables are emptied again when the module is done.
    Returns what the command printed."""
    with override_settings(MEDIA_ROOT=media_root), django_db_blocker.unblock():
        try:
            out = StringIO()
            call_command("load_demo", stdout=out, verbosity=2)
            yield out.getvalue()
        finally:
            call_command("flush", interactive=False, verbosity=0)
            _empty_search_table()


def _empty_search_table():
    # flush empties the models' tables and starts their ids again at 1, but not SQLite's FTS5
    # table of the search index, whose rows would then clash with the next tests' entries.
    from django.db import connection

    from samverka.knowledge.search import FTS_TABLE, is_postgresql

    if not is_postgresql():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608 — the table's own name


XREF = re.compile(rb"xref\n0 (\d+)\n")
STARTXREF = re.compile(rb"startxref\n(\d+)\n%%EOF\n\Z")
STREAM = re.compile(rb"<< /Length (\d+) >>\nstream\n")
SHOWN_TEXT = re.compile(rb"\(((?:\\.|[^\\)])*)\) Tj")
ESCAPE = re.compile(rb"\\(.)")


def read_pdf(data: bytes) -> str:
    """Check the structure of a PDF from ``demo_files.text_pdf`` and return its text, one line per
    shown string: the header, every cross-reference entry pointing at its ``N 0 obj``, the
    trailer, each stream's length, and WinAnsi (Windows-1252) strings."""
    assert data.startswith(b"%PDF-1.4\n")
    start = int(STARTXREF.search(data).group(1))
    table = XREF.match(data, start)
    assert table, "startxref does not point at the cross-reference table"
    size, position = int(table.group(1)), table.end()
    entries = [data[position + 20 * number : position + 20 * (number + 1)] for number in range(size)]
    assert entries[0] == b"0000000000 65535 f \n"
    for number, entry in enumerate(entries[1:], start=1):
        assert entry[10:] == b" 00000 n \n"
        offset = int(entry[:10])
        assert data[offset:].startswith(b"%d 0 obj\n" % number), f"object {number} is not at {offset}"
    trailer = data[position + 20 * size :]
    assert trailer.startswith(b"trailer\n<< /Size %d /Root 1 0 R" % size)
    for stream in STREAM.finditer(data):
        end = stream.end() + int(stream.group(1))
        assert data[end : end + 10] == b"\nendstream"
    assert data.count(b"/Encoding /WinAnsiEncoding") == 2
    return "\n".join(ESCAPE.sub(rb"\1", text).decode("cp1252") for text in SHOWN_TEXT.findall(data))


@pytest.fixture(name="read_pdf")
def read_pdf_fixture():
    return read_pdf
