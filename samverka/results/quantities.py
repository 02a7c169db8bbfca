"""An indicator value as a person types it, and its optional breakdown.

``parse_quantity("1 234,5 MWh", indicator)`` reads the number the Swedish way (as the registry's
``cells.py`` reads amounts: spaces or non-breaking spaces between thousands, a decimal comma;
"1,234.5" works too) and checks a unit typed after it against the indicator's unit. A value
that cannot be read raises ``ValidationError`` with the message the person sees.

A breakdown splits a value by a dimension, e.g. ``{"gender": {"women": 3, "men": 4}}`` or
``{"size": {"micro": 5, "small": 2}}``: an object of dimensions, each an object of categories
with numbers, whose parts add up to at most the value itself.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_DIGITS = 16
DECIMAL_PLACES = 3
LIMIT = Decimal(10) ** (MAX_DIGITS - DECIMAL_PLACES)
SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007']+")
# A number (digits with separators, an optional sign) and whatever follows it.
QUANTITY = re.compile(r"^(?P<number>[+\-\u2212]?\s*[0-9][0-9\s\u00a0\u202f\u2009\u2007'.,]*)(?P<unit>.*)$")
NUMBER = re.compile(r"^[+-]?[0-9.,]*[0-9][0-9.,]*$")
KEY = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


def read_number(raw: str) -> Decimal:
    """A Decimal from "1 234,5", "1234.5", "1,234.5", "−3"; ValidationError if it is not one."""
    cleaned = SPACES.sub("", raw.replace("\u2212", "-"))
    if not NUMBER.match(cleaned):
        raise ValidationError(_("“%(value)s” is not a number.") % {"value": raw.strip()}, code="malformed")
    if "," in cleaned and "." in cleaned:
        # Whichever comes last separates the decimals: "1.234,5" or "1,234.5".
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
        raise ValidationError(_("“%(value)s” is not a number.") % {"value": raw.strip()}, code="malformed") from None


def unit_words(unit: str) -> list[str]:
    """``"MWh/year"`` → ``["mwh", "/", "year"]``: the words of a unit, compared case-blind."""
    return re.findall(r"\w+|/", unit.lower().replace("₂", "2"))


def unit_matches(typed: str, indicator) -> bool:
    """A typed unit fits when it is the start of the indicator's unit, word by word, in either
    language: "ton" fits "ton koldioxidekvivalenter", "MWh" fits "MWh/year", "MW" does not."""
    words = unit_words(typed)
    for unit in (indicator.unit_sv, indicator.unit_en):
        spelled = unit_words(unit)
        if words and spelled[: len(words)] == words:
            return True
    return False


def check_value(value: Decimal, indicator) -> Decimal:
    """The value if the indicator can hold it; ValidationError with the reason otherwise."""
    if value < 0 and not indicator.allows_negative:
        raise ValidationError(_("This indicator cannot be negative."), code="negative")
    if abs(value) >= LIMIT:
        raise ValidationError(_("The value is too large."), code="too_large")
    if -value.as_tuple().exponent > DECIMAL_PLACES:
        raise ValidationError(
            _("Write the value with at most %(places)d decimals.") % {"places": DECIMAL_PLACES}, code="decimals"
        )
    return value


def parse_quantity(raw: str, indicator) -> Decimal:
    """The value typed for ``indicator``, checked; a unit after the number must be the indicator's."""
    text = " ".join(str(raw).split())
    match = QUANTITY.match(text)
    if not match:
        raise ValidationError(_("“%(value)s” is not a number.") % {"value": text}, code="malformed")
    unit = match["unit"].strip()
    if unit and not unit_matches(unit, indicator):
        raise ValidationError(
            _("This indicator is measured in %(unit)s.") % {"unit": indicator.unit}, code="wrong_unit"
        )
    return check_value(read_number(match["number"]), indicator)


def validate_breakdown(breakdown, value: Decimal | None = None) -> None:
    """Raise ValidationError unless ``breakdown`` is ``{dimension: {category: number}}`` with
    parts that are not negative and, per dimension, add up to at most ``value``."""
    if breakdown in (None, {}):
        return
    if not isinstance(breakdown, dict):
        raise ValidationError(_("The breakdown must be an object of dimensions."), code="breakdown")
    for dimension, parts in breakdown.items():
        if not KEY.match(str(dimension)) or not isinstance(parts, dict) or not parts:
            raise ValidationError(
                _("Each dimension of the breakdown (such as “gender”) must hold its parts, such as {“women”: 3}."),
                code="breakdown",
            )
        total = Decimal(0)
        for category, number in parts.items():
            if not KEY.match(str(category)) or isinstance(number, bool) or not isinstance(number, (int, float, str)):
                raise ValidationError(
                    _("“%(dimension)s” has a part that is not a name with a number.") % {"dimension": dimension},
                    code="breakdown",
                )
            try:
                part = Decimal(str(number))
            except InvalidOperation:
                part = None
            if part is None or not part.is_finite() or part < 0:
                raise ValidationError(
                    _("“%(dimension)s”: each part must be a number that is not negative.") % {"dimension": dimension},
                    code="breakdown",
                )
            total += part
        if value is not None and total > value:
            raise ValidationError(
                _("The parts of “%(dimension)s” add up to more than the value.") % {"dimension": dimension},
                code="breakdown",
            )
