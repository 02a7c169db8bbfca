"""One cell of a list of operations read as an amount, a rate, a date or text.

Swedish forms come first: "1 234 567,50", "12 000 000 kr", non-breaking spaces as thousands
separators, "45 %" or "0,45", "2016-10-01"; Excel's own numbers and date cells work too.
Amounts are Decimal, never float. A cell that cannot be read raises CellError with the
message the person will see.
"""

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

CENT = Decimal("0.01")
AMOUNT_LIMIT = Decimal("999999999999.99")  # the amount fields hold 14 digits, 2 after the point
EXCEL_EPOCH = datetime.date(1899, 12, 30)
SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007']+")
CURRENCY = re.compile(r"(?i)(sek|kronor|kr\.?|:-|€|eur)")
NUMBER = re.compile(r"^[+-]?[0-9.,]*[0-9][0-9.,]*$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
DATE_FORMATS = ("%Y%m%d", "%d.%m.%Y", "%d/%m/%Y", "%Y/%m/%d", "%d-%m-%Y", "%Y.%m.%d")


class CellError(ValueError):
    """The cell's value cannot be read; the message says why."""


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value) -> str:
    """The cell as trimmed text; whole numbers from a spreadsheet lose their ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return " ".join(str(value).split())


def _number(value) -> Decimal:
    """A Decimal from a number cell or a written number in Swedish or English form."""
    if isinstance(value, bool):
        raise CellError(_("“%(value)s” is not an amount.") % {"value": value})
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    raw = str(value).strip()
    cleaned = SPACES.sub("", CURRENCY.sub("", raw.replace("\u2212", "-")))
    if not NUMBER.match(cleaned):
        raise CellError(_("“%(value)s” is not an amount.") % {"value": raw})
    if "," in cleaned and "." in cleaned:
        # Whichever comes last separates the decimals: "1.234.567,50" or "1,234,567.50".
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(decimal_mark, ".")
    elif cleaned.count(",") > 1 or cleaned.count(".") > 1:
        cleaned = cleaned.replace(",", "").replace(".", "")  # only thousands separators
    else:
        cleaned = cleaned.replace(",", ".")  # Swedish decimal comma
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise CellError(_("“%(value)s” is not an amount.") % {"value": raw}) from None


def parse_amount(value) -> Decimal | None:
    """An amount in SEK rounded to öre, or None for an empty cell."""
    if is_blank(value):
        return None
    amount = _number(value)
    if amount < 0:
        raise CellError(_("The amount cannot be negative."))
    if amount > AMOUNT_LIMIT:
        raise CellError(_("The amount is too large."))
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_rate(value) -> Decimal | None:
    """A share as a fraction between 0 and 1 ("45 %", "45", "0,45" all give 0.45), or None."""
    if is_blank(value):
        return None
    raw = text(value)
    percent = isinstance(value, str) and "%" in value
    try:
        rate = _number(value.replace("%", "") if isinstance(value, str) else value)
    except CellError:
        raise CellError(_("“%(value)s” is not a rate; write it as 45 %% or 0,45.") % {"value": raw}) from None
    if percent or rate > 1:
        rate = rate / 100
    if not 0 <= rate <= 1:
        raise CellError(_("The rate must be between 0 and 100 %."))
    return rate


def parse_date(value) -> datetime.date | None:
    """A date from a date cell, an Excel day number or text such as 2016-10-01, or None."""
    if is_blank(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = text(value)
    if isinstance(value, (int, float)) or re.fullmatch(r"\d{5}", raw):
        # Excel counts days from 1899-12-30.
        try:
            days = float(raw)
            if 1 <= days < 2958466:
                return EXCEL_EPOCH + datetime.timedelta(days=int(days))
        except ValueError:
            pass
        raise CellError(_("“%(value)s” is not a date; write it as YYYY-MM-DD, e.g. 2016-10-01.") % {"value": raw})
    match = ISO_DATE.match(raw)
    try:
        if match:
            return datetime.date(*(int(part) for part in match.groups()))
        for date_format in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(raw, date_format).date()
            except ValueError:
                continue
    except ValueError:
        pass
    raise CellError(_("“%(value)s” is not a date; write it as YYYY-MM-DD, e.g. 2016-10-01.") % {"value": raw})
