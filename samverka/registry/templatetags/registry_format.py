"""Registry formatting for templates: amounts the Swedish way, shares in per cent, localised names."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext

from samverka.registry.forms import localised_name

register = template.Library()


def format_amount(value) -> str:
    """``1234567`` → ``1 234 567 kr`` in Swedish, ``SEK 1,234,567`` in English; öre only when there are any."""
    amount = Decimal(value or 0)
    decimals = 0 if amount == amount.to_integral_value() else 2
    number = number_format(amount, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    # Translators: an amount of money in Swedish kronor; the Swedish form is "1 234 567 kr".
    return gettext("SEK %(amount)s") % {"amount": number}


def share_of(part, whole) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part or 0) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@register.filter
def sek(value) -> str:
    return format_amount(value)


@register.filter
def percent(value) -> str:
    """``40.5`` → ``40,5 %`` (Swedish) or ``40.5%`` (English); empty for no value."""
    if value is None or value == "":
        return ""
    number = number_format(Decimal(value), decimal_pos=1, use_l10n=True)
    # Translators: a share in per cent; Swedish writes a space before the sign: "40,5 %".
    return gettext("%(number)s%%") % {"number": number}


@register.filter
def share(part, whole) -> str:
    """The share of ``part`` in ``whole`` in per cent, formatted: ``{{ line.amount|share:total }}``."""
    return percent(share_of(part, whole))


@register.filter
def localised(obj) -> str:
    return localised_name(obj) if obj is not None else ""
