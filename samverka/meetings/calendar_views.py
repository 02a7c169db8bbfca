"""Calendar files: one event's (public, or the registrant's own), a person's secret feed, and the
public feed of upcoming events. Only the registrant's own file and the person's feed carry the
video link, and only for a registered seat (see calendars.py).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .calendars import event_ics, feed_ics
from .models import CalendarFeed, Event, Registration, new_token

CONTENT_TYPE = "text/calendar; charset=utf-8"
# A personal feed also keeps the events of the last weeks, so they do not vanish from calendars at once.
FEED_KEEPS_PAST = timedelta(days=90)
PUBLIC_FEED_LIMIT = 500


def _calendar_response(text: str, *, filename: str | None = None, private: bool = False) -> HttpResponse:
    response = HttpResponse(text, content_type=CONTENT_TYPE)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=300"
    if private:
        response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def event_calendar(request, pk: int):
    """The public .ics of a published (or cancelled) event; never the video link; 404 for drafts."""
    event = get_object_or_404(Event.objects.published(), pk=pk)
    return _calendar_response(event_ics(event), filename=f"event-{event.pk}.ics")


@require_GET
def registration_calendar(request, token: str):
    """The registrant's own .ics: with the video link while the registration holds a registered seat."""
    registration = get_object_or_404(Registration.objects.select_related("event"), token=token)
    return _calendar_response(
        event_ics(registration.event, registration=registration),
        filename=f"event-{registration.event_id}.ics",
        private=True,
    )


@require_GET
def personal_feed(request, token: str):
    """A person's secret feed: the events they are registered for (or waiting for), upcoming and recent."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("person"), token=token)
    registrations = (
        Registration.objects.filter(person=feed.person, status__in=Registration.ACTIVE_STATUSES)
        .filter(event__status__in=(Event.Status.PUBLISHED, Event.Status.CANCELLED))
        .filter(event__ends_at__gte=timezone.now() - FEED_KEEPS_PAST)
        .select_related("event")
        .order_by("event__starts_at", "event__pk")
    )
    registrations = list(registrations)
    text = feed_ics(
        [r.event for r in registrations],
        registrations={r.event_id: r for r in registrations},
        name=_("%(site)s: my events") % {"site": settings.SITE_NAME},
    )
    return _calendar_response(text, private=True)


@require_GET
def public_feed(request):
    """Upcoming published events (cancelled ones stay, marked cancelled); no video links."""
    events = Event.objects.published().upcoming()[:PUBLIC_FEED_LIMIT]
    return _calendar_response(feed_ics(events, name=_("%(site)s: events") % {"site": settings.SITE_NAME}))


def feed_address(request, feed: CalendarFeed) -> str:
    """The feed's full address, the same whatever language the page is read in."""
    with translation.override(settings.LANGUAGE_CODE):
        return request.build_absolute_uri(reverse("meetings:calendar_feed", kwargs={"token": feed.token}))


@login_required
@require_http_methods(["GET", "POST"])
def calendar_feed_link(request):
    """GET: the signed-in person's feed address (made the first time). POST: a new address; the
    old one stops working at once."""
    feed, _created = CalendarFeed.objects.get_or_create(person=request.user)
    if request.method == "POST":
        feed.token = new_token()
        feed.save(update_fields=["token"])
        messages.success(request, _("Your calendar has a new address. The old one no longer works."))
        return redirect("meetings:calendar_feed_link")
    return render(request, "meetings/invitations/calendar_feed.html", {"feed": feed, "address": feed_address(request, feed)})
