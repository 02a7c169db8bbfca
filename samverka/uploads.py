"""Uploaded files, checked by what they contain, not by their name.

A file is accepted when its first bytes (or, for the office formats, the parts inside its ZIP
container) show it is one of the allowed types, when it is not empty and not over the size
limit (setting ``UPLOAD_MAX_BYTES``). Its name is made safe and given the extension of the
type found. The type and size stored are those checked here, never what the browser said.
Meetings, knowledge items and news keep their attachments and images through these checks.
"""

import unicodedata
import zipfile
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.text import get_valid_filename
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

DEFAULT_MAX_BYTES = 20 * 1000 * 1000
MAX_NAME_LENGTH = 120
KILO = 1000
MEGA = 1000 * 1000


@dataclass(frozen=True)
class FileType:
    name: str  # as shown to people: "PDF"
    content_type: str
    extension: str


PDF = FileType("PDF", "application/pdf", "pdf")
PNG = FileType("PNG", "image/png", "png")
JPEG = FileType("JPEG", "image/jpeg", "jpg")
DOCX = FileType("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
PPTX = FileType("PPTX", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx")
XLSX = FileType("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
ODT = FileType("ODT", "application/vnd.oasis.opendocument.text", "odt")
FILE_TYPES = (PDF, DOCX, PPTX, XLSX, ODT, PNG, JPEG)
BY_CONTENT_TYPE = {file_type.content_type: file_type for file_type in FILE_TYPES}

MAGIC = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))
OFFICE_PARTS = (("word/", DOCX), ("ppt/", PPTX), ("xl/", XLSX))
ZIP_MAGIC = b"PK\x03\x04"

IMAGE_TYPES = (PNG, JPEG)

WRONG_TYPE = _("The file is not one of PDF, DOCX, PPTX, XLSX, ODT, PNG or JPEG.")
WRONG_IMAGE_TYPE = _("The image is not a PNG or JPEG file.")
EMPTY = _("The file is empty.")
TOO_LARGE = _("The file is %(size)s; the largest allowed is %(limit)s.")


def max_bytes() -> int:
    return getattr(settings, "UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES)


def _office_type(file) -> FileType | None:
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            if entries and entries[0].filename == "mimetype":
                # ODF puts an uncompressed "mimetype" entry first, naming the document kind.
                if archive.read(entries[0]).strip() == ODT.content_type.encode():
                    return ODT
                return None
            names = [entry.filename for entry in entries]
            if "[Content_Types].xml" not in names:
                return None
            for prefix, file_type in OFFICE_PARTS:
                if any(name.startswith(prefix) for name in names):
                    return file_type
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, RuntimeError):
        return None
    return None


def detect(file) -> FileType | None:
    """The allowed type ``file`` holds by its content, or None. Leaves the file at position 0."""
    file.seek(0)
    head = file.read(8)
    try:
        for magic, file_type in MAGIC:
            if head.startswith(magic):
                return file_type
        if head.startswith(ZIP_MAGIC):
            file.seek(0)
            return _office_type(file)
        return None
    finally:
        file.seek(0)


def validate_upload(file, *, images_only: bool = False) -> FileType:
    """The checked type of an uploaded file; ValidationError with a message for people otherwise.

    With ``images_only`` the file must be a PNG or JPEG picture.
    """
    if not file.size:
        raise ValidationError(EMPTY, code="empty")
    limit = max_bytes()
    if file.size > limit:
        raise ValidationError(
            TOO_LARGE, code="too_large", params={"size": format_size(file.size), "limit": format_size(limit)}
        )
    file_type = detect(file)
    if images_only and file_type not in IMAGE_TYPES:
        raise ValidationError(WRONG_IMAGE_TYPE, code="wrong_type")
    if file_type is None:
        raise ValidationError(WRONG_TYPE, code="wrong_type")
    return file_type


def safe_filename(name: str, file_type: FileType) -> str:
    """``Anteckningar från träffen (slutlig).exe`` → ``Anteckningar_fran_traffen_slutlig.pdf``.

    Letters are folded to ASCII (å, ä → a; ö → o), anything but letters, digits, dash, dot and
    underscore dropped, the length capped, and the extension is that of the type found.
    """
    stem = PurePath(name.replace("\\", "/")).name
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    folded = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    try:
        cleaned = get_valid_filename(folded.strip(" ._"))
    except Exception:  # SuspiciousFileOperation for names that come out empty or as "." / ".."
        cleaned = ""
    cleaned = cleaned.strip("._-")[: MAX_NAME_LENGTH - len(file_type.extension) - 1] or "bilaga"
    return f"{cleaned}.{file_type.extension}"


def _number(value: Decimal) -> str:
    value = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    decimals = 0 if value == value.to_integral_value() else 1
    return number_format(value, decimal_pos=decimals, use_l10n=True)


def format_size(size: int) -> str:
    """``271000`` → ``271 kB``, ``254800`` → ``254,8 kB`` (Swedish) and ``1 500 000`` → ``1,5 MB``.

    Decimal units (1 kB = 1 000 bytes); one decimal, left out when it is zero.
    """
    if size >= MEGA:
        # Translators: a file size in megabytes, e.g. "1,5 MB".
        return gettext("%(number)s MB") % {"number": _number(Decimal(size) / MEGA)}
    # Translators: a file size in kilobytes, e.g. "254,8 kB".
    return gettext("%(number)s kB") % {"number": _number(Decimal(size) / KILO)}


def type_name(content_type: str) -> str:
    file_type = BY_CONTENT_TYPE.get(content_type)
    return file_type.name if file_type else content_type
