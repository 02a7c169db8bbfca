"""Template tags for attendance: the "N projects from the portfolios …" sentence on event pages."""

from django import template
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext

from samverka.registry.forms import localised_name

from ..attendance import attendance_summary as summarise

register = template.Library()


@register.simple_tag
def attendance_summary(event):
    """The event's attendance summary once it has ended (two queries); None before, and for a
    cancelled event (no queries)."""
    if event is None or event.is_cancelled or event.ends_at > timezone.now():
        return None
    return summarise(event)


@register.filter
def portfolio_names(portfolios) -> str:
    """"Hållbara transporter, Förnybar energi och Hållbart byggande", English names on English pages."""
    return get_text_list([localised_name(portfolio) for portfolio in portfolios], gettext("and"))
