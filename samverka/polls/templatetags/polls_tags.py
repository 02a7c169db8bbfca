"""The polls of an event, for the event page: one query, whatever the number of polls."""

from django import template
from django.utils import timezone

from samverka.polls.selectors import polls_of_event

register = template.Library()


@register.inclusion_tag("polls/event_polls.html")
def event_polls(event):
    """The event's published polls that have opened."""
    return {"polls": list(polls_of_event(event.pk).filter(opens_at__lte=timezone.now()).only("pk", "title"))}
