"""Reads shared by the public and participant pages: each a queryset with a fixed number of queries."""

from django.db.models import Count, Prefetch, Q

from samverka.accounts.models import Audience
from samverka.registry.models import Portfolio

from .models import AgendaItem, Attachment, Event, Registration

SEATS = Q(registrations__status__in=Registration.SEAT_STATUSES)
WAITING = Q(registrations__status=Registration.Status.WAITING)


def with_seats(events):
    """Annotate ``seats_taken`` and ``waiting_count`` (one grouped query, however many registrations)."""
    return events.annotate(
        seats_taken=Count("registrations", filter=SEATS),
        waiting_count=Count("registrations", filter=WAITING),
    )


def filter_events(events, *, kind=None, format=None, portfolio=None):
    if kind:
        events = events.filter(kind=kind)
    if format:
        events = events.filter(format=format)
    if portfolio:
        # EXISTS rather than a join, so the seat counts are not multiplied.
        events = events.filter(pk__in=Event.invited_portfolios.through.objects.filter(portfolio=portfolio).values("event_id"))
    return events


def events_for_list(*, past=False, **filters):
    """Published (and cancelled) events, upcoming or past, with their seats counted."""
    events = Event.objects.published()
    events = events.past() if past else events.upcoming()
    return with_seats(filter_events(events, **filters))


def event_for_page(pk: int):
    """The event page's event with its agenda, attachments, invited portfolios and audiences, and seats."""
    return with_seats(Event.objects.filter(pk=pk)).prefetch_related(
        Prefetch("agenda", queryset=AgendaItem.objects.order_by("starts_at", "pk")),
        Prefetch("attachments", queryset=Attachment.objects.order_by("uploaded_at", "pk")),
        Prefetch("invited_portfolios", queryset=Portfolio.objects.order_by("order", "name")),
        Prefetch("invited_audiences", queryset=Audience.objects.order_by("pk")),
    )


def registration_of(person, event) -> Registration | None:
    """The signed-in person's own registration for the event (any status), or None."""
    if not person.is_authenticated:
        return None
    return (
        Registration.objects.filter(event=event)
        .filter(Q(person=person) | Q(email__iexact=person.email))
        .select_related("project")
        .order_by("-person_id")
        .first()
    )


def registrations_of(person):
    """A person's registrations, the next event first, then the past ones."""
    return (
        Registration.objects.filter(Q(person=person) | Q(email__iexact=person.email))
        .select_related("event", "project")
        .order_by("-event__starts_at", "-pk")
    )


def registrations_for_coordinator(event):
    """Everyone who registered for the event, pending first, then seats, waiting list, the rest."""
    return event.registrations.select_related("project", "person").order_by("status", "waiting_since", "created_at", "pk")
