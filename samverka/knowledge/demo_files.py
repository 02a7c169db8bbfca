"""Small files for the demo, written in pure Python: a PDF of text pages and a PNG bar chart.

The demo's news item about the 2020 meetings carries each meeting's notes as a PDF, its
evaluation reports carry their report, and a news item shows a bar chart. Both writers are
deliberately small and make files that any reader opens and that pass ``samverka/uploads.py``:

- ``text_pdf()``: PDF 1.4, A4 pages set in the standard Helvetica fonts (no font embedded) with
  WinAnsiEncoding, so å, ä, ö and é print correctly; lines are broken using Helvetica's own
  glyph widths; the cross-reference table carries the exact byte offset of every object.
- ``bar_chart_png()``: an 8-bit RGB PNG with one bar per value, drawn row by row and deflated.
"""

import struct
import zlib
from dataclasses import dataclass

# A4 in points, and the text area inside the margins.
PAGE_WIDTH, PAGE_HEIGHT = 595, 842
MARGIN = 56
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN

# Helvetica's advance widths (per 1000 units of font size) for ASCII 32–126, from Adobe's
# font metrics; the Swedish letters have the widths of the letters they are built on.
_ASCII_WIDTHS = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)
WIDTHS = {chr(32 + offset): width for offset, width in enumerate(_ASCII_WIDTHS)}
WIDTHS.update({"å": 556, "ä": 556, "ö": 556, "é": 556, "Å": 667, "Ä": 667, "Ö": 778, "É": 667})
WIDTHS.update({"–": 556, "—": 1000, "’": 222, "“": 333, "”": 333, "•": 350, "…": 1000})
# Helvetica-Bold is a little wider than Helvetica; measuring bold text at this factor keeps
# headings inside the margin without a second width table.
BOLD_FACTOR = 1.08


@dataclass(frozen=True)
class Style:
    size: float
    bold: bool = False
    space_before: float = 0
    indent: float = 0


STYLES = {
    "title": Style(18, bold=True),
    "h2": Style(13, bold=True, space_before=14),
    "p": Style(10.5, space_before=6),
    "li": Style(10.5, space_before=3, indent=14),  # with a bullet
    "ol": Style(10.5, space_before=3, indent=14),  # its text starts with its number
    "small": Style(9, space_before=4),
}
LEADING = 1.35


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The printed width of ``text`` in points."""
    units = sum(WIDTHS.get(char, 556) for char in text)
    return units * size / 1000 * (BOLD_FACTOR if bold else 1)


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` points, at spaces."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, size, bold=bold) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def _literal(text: str) -> bytes:
    """A PDF string literal in WinAnsiEncoding (Windows-1252); what it cannot hold becomes "?"."""
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _text_string(text: str) -> bytes:
    """A PDF text string (for the document's title) in UTF-16 with its byte-order mark."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _layout(blocks) -> list[list[tuple[str, float, float, float, str]]]:
    """Pages of (font, size, x, y, text) lines from (style, text) blocks."""
    pages, lines = [], []
    y = PAGE_HEIGHT - MARGIN
    bottom = MARGIN + 24  # room for the page number
    for style_name, text in blocks:
        style = STYLES[style_name]
        leading = style.size * LEADING
        x = MARGIN + style.indent
        wrapped = wrap(text, TEXT_WIDTH - style.indent, style.size, bold=style.bold)
        # A heading is kept with the two lines that follow it.
        needed = style.space_before + leading * (len(wrapped) + (2 if style_name == "h2" else 0))
        if lines and y - needed < bottom and (style_name == "h2" or len(wrapped) <= 3):
            pages.append(lines)
            lines, y = [], PAGE_HEIGHT - MARGIN
        y -= style.space_before if lines else 0
        for number, line in enumerate(wrapped):
            if y - leading < bottom:
                pages.append(lines)
                lines, y = [], PAGE_HEIGHT - MARGIN
            y -= leading
            font = "F2" if style.bold else "F1"
            if style_name == "li" and number == 0:
                lines.append((font, style.size, x - 10, y, "•"))
            lines.append((font, style.size, x, y, line))
    if lines or not pages:
        pages.append(lines)
    return pages


def _content(lines, number: int, total: int) -> bytes:
    out = [b"BT"]
    for font, size, x, y, text in lines:
        out.append(b"/%s %s Tf 1 0 0 1 %.2f %.2f Tm %s Tj" % (font.encode(), _num(size), x, y, _literal(text)))
    footer = f"{number} / {total}"
    x = PAGE_WIDTH - MARGIN - text_width(footer, 9)
    out.append(b"/F1 9 Tf 1 0 0 1 %.2f %d Tm %s Tj" % (x, MARGIN, _literal(footer)))
    out.append(b"ET")
    return b"\n".join(out) + b"\n"


def _num(value: float) -> bytes:
    return (f"{value:g}").encode("ascii")


def text_pdf(*, title: str, blocks) -> bytes:
    """A PDF of the ``blocks`` — (style, text) pairs, style one of title, h2, p, li, ol, small —
    set on as many A4 pages as they need, with the page number at the foot of each page."""
    pages = _layout(blocks)
    # Objects: 1 catalogue, 2 page tree, 3 Helvetica, 4 Helvetica-Bold, 5 document information,
    # then a page and its content stream for each page.
    first_page = 6
    page_ids = [first_page + 2 * index for index in range(len(pages))]
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % page_id for page_id in page_ids), len(pages)),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        5: b"<< /Title %s /Producer (Samverka) >>" % _text_string(title),
    }
    for number, (page_id, lines) in enumerate(zip(page_ids, pages, strict=True), start=1):
        stream = _content(lines, number, len(pages))
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>"
            % (PAGE_WIDTH, PAGE_HEIGHT, page_id + 1)
        )
        objects[page_id + 1] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)

    # A binary comment on the second line tells transfer tools the file is not plain text.
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for object_id in sorted(objects):
        offsets[object_id] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (object_id, objects[object_id])
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for object_id in range(1, size):
        out += b"%010d 00000 n \n" % offsets[object_id]
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bar_chart_png(values, *, width: int = 640, height: int = 320, colour=(11, 93, 59)) -> bytes:
    """A PNG with one vertical bar per value (tallest bar = the plot's height), on white with
    faint grid lines at each quarter and a dark base line. Labels and figures belong in the
    image's alt text and caption, which is where people read them."""
    margin, gap = 24, 16
    plot_height = height - 2 * margin
    bar_width = (width - 2 * margin - gap * (len(values) - 1)) // len(values)
    top = max(values) or 1
    heights = [round(plot_height * value / top) for value in values]
    white, grid, base = b"\xff\xff\xff", b"\xdd\xe3\xdf", b"\x1b\x1f\x23"
    bar = bytes(colour)
    rows = []
    for y in range(height):
        level = height - margin - y  # points above the base line
        if level == 0:
            row = white * margin + base * (width - 2 * margin) + white * margin
        elif 0 < level <= plot_height:
            background = grid if level % (plot_height // 4) == 0 else white
            row = bytearray(white * margin)
            for index, bar_height in enumerate(heights):
                row += (bar if level <= bar_height else background) * bar_width
                if index < len(heights) - 1:
                    row += background * gap
            row += background * (width - margin - len(row) // 3) + white * margin
            row = bytes(row)
        else:
            row = white * width
        rows.append(b"\x00" + row)  # filter type 0: the row as it is
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _chunk(b"IEND", b"")
    )
