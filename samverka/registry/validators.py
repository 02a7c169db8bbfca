"""Validators for Swedish identifiers used in the registry."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORG_NUMBER_RE = re.compile(r"^(\d{6})-?(\d{4})$")
CASE_NUMBER_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z./-]{0,31}$")


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise_org_number(value: str) -> str:
    """Return the organisation number as NNNNNN-NNNN, or raise ValidationError."""
    value = (value or "").strip().replace(" ", "")
    match = ORG_NUMBER_RE.match(value)
    if not match:
        raise ValidationError(
            _("Enter the organisation number as ten digits, NNNNNN-NNNN."), code="org_number_format"
        )
    digits = match.group(1) + match.group(2)
    if not luhn_ok(digits):
        raise ValidationError(
            _("The organisation number %(value)s has a wrong check digit."),
            code="org_number_check_digit",
            params={"value": f"{match.group(1)}-{match.group(2)}"},
        )
    return f"{match.group(1)}-{match.group(2)}"


def validate_org_number(value: str) -> None:
    if value:
        normalise_org_number(value)


def validate_case_number(value: str) -> None:
    if not CASE_NUMBER_RE.match(value or ""):
        raise ValidationError(
            _("A case number is made of digits and letters, at most 32 characters, e.g. 20200181."),
            code="case_number_format",
        )


def is_personal_identity_number(org_number: str) -> bool:
    """True when the number is a person's (a sole trader's organisation number is the owner's
    personal identity number). Legal persons have 2 or more in the third digit; people have
    the month there, 0 or 1."""
    digits = (org_number or "").replace("-", "")
    return len(digits) == 10 and digits[2] in "01"


def public_org_number(org_number: str) -> str:
    """The organisation number as it may be published: never a person's identity number."""
    return "" if is_personal_identity_number(org_number) else org_number
