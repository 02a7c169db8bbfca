"""Figures on the statistics pages: amounts in the chosen currency and indicator values, the Swedish way."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext

from samverka.registry.templatetags.registry_format import format_amount
from samverka.results.statistics import convert as to_currency

register = template.Library()


def format_money(value, currency: str) -> str:
    """A whole amount in SEK ("1 234 567 kr") or EUR ("EUR 112,233" / "112 233 euro")."""
    amount = Decimal(value or 0).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if currency != "EUR":
        return format_amount(amount)
    number = number_format(amount, decimal_pos=0, use_l10n=True, force_grouping=True)
    # Translators: an amount of money in euros; the Swedish form is "1 234 567 euro".
    return gettext("EUR %(amount)s") % {"amount": number}


def format_quantity(value) -> str:
    """``1234.500`` → ``1 234,5``: grouped, without trailing zeros; empty for no value."""
    if value is None or value == "":
        return ""
    number = Decimal(value).normalize()
    places = max(0, -number.as_tuple().exponent)
    return number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.filter
def money(value, currency="SEK") -> str:
    return format_money(value, currency)


@register.filter
def quantity(value) -> str:
    return format_quantity(value)


@register.filter
def convert(value, currency="SEK"):
    """An amount in SEK in the page's currency, exact (see statistics.convert)."""
    return to_currency(value, currency)
