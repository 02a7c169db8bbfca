"""Small formatting helpers for the public meeting pages."""

from django import template

register = template.Library()


@register.simple_tag
def seats_left(taken: int, capacity: int | None):
    """Seats still free (never below zero); None for an event without a limit."""
    if capacity is None:
        return None
    return max(capacity - taken, 0)
