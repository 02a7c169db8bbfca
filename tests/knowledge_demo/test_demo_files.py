"""The demo's file writers: a PDF of text pages and a PNG bar chart, in pure Python."""

import re
import struct
import zlib

from django.core.files.base import ContentFile

from samverka.knowledge.demo import markdown_blocks
from samverka.knowledge.demo_files import TEXT_WIDTH, bar_chart_png, text_pdf, text_width, wrap
from samverka.uploads import PDF, PNG, validate_upload

LONG = (
    "Åkerier och lantbrukare i Östergötland har ont om tid, så korta träffar på gården fungerar "
    "bättre än långa seminarier – säger projektledaren, och lägger till att “en frukost räcker”. "
)


def test_a_short_pdf_is_well_formed_and_keeps_swedish_letters(read_pdf):
    data = text_pdf(title="Anteckningar från träffen", blocks=[("title", "Anteckningar från träffen"), ("p", "Åäö éÉ – (hej) \\ slut")])
    text = read_pdf(data)
    assert "Anteckningar från träffen" in text
    assert "Åäö éÉ – (hej) \\ slut" in text
    assert b"\xc5\xe4\xf6" in data  # å, ä, ö as WinAnsi bytes, not UTF-8
    assert validate_upload(ContentFile(data, name="notes.pdf")) == PDF
    # The title is stored as UTF-16 so that readers show it with its letters.
    assert "Anteckningar från träffen".encode("utf-16-be").hex().upper().encode() in data


def test_a_long_text_flows_onto_more_pages_with_page_numbers(read_pdf):
    blocks = [("title", "Rapport")] + [("h2", f"Avsnitt {n}") if n % 5 == 0 else ("p", LONG * 3) for n in range(60)]
    data = text_pdf(title="Rapport", blocks=blocks)
    pages = int(re.search(rb"/Count (\d+)", data).group(1))
    assert pages >= 3
    text = read_pdf(data)
    assert f"1 / {pages}" in text and f"{pages} / {pages}" in text
    assert data.count(b"/Type /Page ") == pages


def test_lines_are_broken_inside_the_margins():
    for size in (10.5, 13):
        lines = wrap(LONG * 4, TEXT_WIDTH, size)
        assert len(lines) > 4
        assert all(text_width(line, size) <= TEXT_WIDTH for line in lines)
        assert " ".join(lines) == " ".join((LONG * 4).split())


def test_a_word_wider_than_the_line_stands_alone():
    assert wrap("a " + "x" * 200 + " b", 100, 10) == ["a", "x" * 200, "b"]


def test_markdown_becomes_headings_paragraphs_and_lists():
    text = "## Rubrik\n\nEn **fet** mening\nsom fortsätter.\n\n- punkt ett\n  fortsätter\n- punkt två\n\n1. först\n2. sedan\n\n> citat"
    assert markdown_blocks(text) == [
        ("h2", "Rubrik"),
        ("p", "En fet mening som fortsätter."),
        ("li", "punkt ett fortsätter"),
        ("li", "punkt två"),
        ("ol", "1. först"),
        ("ol", "2. sedan"),
        ("p", "citat"),
    ]


def _chunks(data: bytes):
    position = 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind, body = data[position + 4 : position + 8], data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        yield kind, body
        position += 12 + length


def test_the_bar_chart_is_a_valid_png_with_one_bar_per_value():
    data = bar_chart_png([10, 40, 20], width=200, height=100)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    chunks = list(_chunks(data))
    assert [kind for kind, _body in chunks] == [b"IHDR", b"IDAT", b"IEND"]
    width, height, depth, colour_type, *_rest = struct.unpack(">IIBBBBB", chunks[0][1])
    assert (width, height, depth, colour_type) == (200, 100, 8, 2)
    raw = zlib.decompress(chunks[1][1])
    rows = [raw[y * (1 + 3 * width) : (y + 1) * (1 + 3 * width)] for y in range(height)]
    assert len(raw) == height * (1 + 3 * width) and all(row[0] == 0 for row in rows)
    green = bytes((11, 93, 59))

    def bars(row):
        pixels = [row[1 + 3 * x : 4 + 3 * x] for x in range(width)]
        runs = re.findall(r"g+", "".join("g" if pixel == green else "." for pixel in pixels))
        return len(runs)

    # Just above the base line all three bars stand; near the top only the tallest.
    assert bars(rows[height - 25]) == 3
    assert bars(rows[26]) == 1
    assert validate_upload(ContentFile(data, name="chart.png"), images_only=True) == PNG
