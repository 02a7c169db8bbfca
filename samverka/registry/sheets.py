"""Read an uploaded list of operations, CSV or XLSX, into rows of cell values.

CSV may be UTF-8 (with or without a byte-order mark) or Windows-1252, separated by commas,
semicolons or tabs; the separator is the one the header line uses most. XLSX is read from
its first sheet with openpyxl in read-only mode. Anything else raises SheetError with the
message the person will see.
"""

import csv
import io

from django.utils.translation import gettext as _

DELIMITERS = (",", ";", "\t")
# Signatures of files people upload by mistake: PDF, PNG, JPEG, GIF, old Excel (OLE2).
BINARY_SIGNATURES = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class SheetError(ValueError):
    """The file as a whole cannot be read; the message says why."""


def malformed() -> SheetError:
    return SheetError(_("The file could not be read: upload a list of operations as CSV or XLSX."))


def read_rows(data: bytes) -> list[list]:
    """Every row of the file as a list of cell values (text for CSV, typed values for XLSX)."""
    if not data or not data.strip():
        raise SheetError(_("The file is empty."))
    if data.startswith(b"PK\x03\x04"):
        rows = _xlsx_rows(data)
    else:
        rows = _csv_rows(_decode(data))
    if not any(any(cell not in (None, "") for cell in row) for row in rows):
        raise SheetError(_("The file is empty."))
    return rows


def _xlsx_rows(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign zip file
        raise malformed() from None
    try:
        sheet = workbook.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    except Exception:
        raise malformed() from None
    finally:
        workbook.close()
    return [[cell.strip() if isinstance(cell, str) else cell for cell in row] for row in rows]


def _decode(data: bytes) -> str:
    if data.startswith(BINARY_SIGNATURES):
        raise malformed()
    if data.startswith(UTF16_BOMS):
        raise _unknown_encoding()
    if b"\x00" in data[:4096]:
        raise malformed()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _unknown_encoding()


def _unknown_encoding() -> SheetError:
    return SheetError(_("The file's character encoding is unknown: save it as UTF-8 or Windows-1252 and try again."))


def _csv_rows(content: str) -> list[list]:
    # The separator the header uses most; the header may sit below a title line or two.
    first_lines = content.splitlines()[:10]
    delimiter = max(DELIMITERS, key=lambda mark: max((line.count(mark) for line in first_lines), default=0))
    try:
        reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
        return [[cell.strip() for cell in row] for row in reader]
    except csv.Error:
        raise malformed() from None
