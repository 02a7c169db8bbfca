"""Engagement: per project, the events it was invited to and the events it came to.

A project is invited to an event when an invitation names it, or when the event invites the
project's portfolio. It attended when someone registered for it was marked as attended. Only
published events that have ended count: an upcoming event cannot yet have been missed.

Everything is computed in the database (subqueries per row, EXISTS for the filters), so a page of
the list costs the same few queries with ten projects or ten thousand.
"""

from django.db.models import Exists, IntegerField, OuterRef, Subquery
from django.utils import timezone

from samverka.registry.models import Project

from .models import Event, Invitation, Registration

EventPortfolio = Event.invited_portfolios.through


class SubqueryCount(Subquery):
    """The number of rows a subquery returns, as an integer column."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


def past_events(now=None):
    return Event.objects.filter(status=Event.Status.PUBLISHED, ends_at__lt=now or timezone.now()).order_by()


def _invited_events(now):
    """Past events inviting the outer project, by name or through its portfolio."""
    return past_events(now).filter(
        Exists(Invitation.objects.filter(event=OuterRef("pk"), project=OuterRef(OuterRef("pk"))))
        | Exists(EventPortfolio.objects.filter(event=OuterRef("pk"), portfolio=OuterRef(OuterRef("portfolio_id"))))
    )


def _attended_events(now):
    return (
        Registration.objects.filter(project=OuterRef("pk"), attended=True, event__in=past_events(now))
        .order_by()
        .values("event_id")
        .distinct()
    )


def was_invited(now=None):
    """True for a project invited to at least one past event."""
    events = past_events(now)
    return Exists(Invitation.objects.filter(project=OuterRef("pk"), event__in=events)) | Exists(
        EventPortfolio.objects.filter(portfolio=OuterRef("portfolio_id"), event__in=events)
    )


def has_attended(now=None):
    return Exists(Registration.objects.filter(project=OuterRef("pk"), attended=True, event__in=past_events(now)))


def project_engagement(*, portfolio=None, now=None):
    """Projects with ``invited`` and ``attended`` (numbers of past events), in portfolio order."""
    now = now or timezone.now()
    projects = Project.objects.select_related("portfolio")
    if portfolio is not None:
        projects = projects.filter(portfolio=portfolio)
    return projects.annotate(
        invited=SubqueryCount(_invited_events(now).values("pk")),
        attended=SubqueryCount(_attended_events(now)),
    ).order_by("portfolio__order", "portfolio__name", "title", "pk")


def never_attended(*, portfolio=None, now=None):
    """Projects invited to at least one past event that came to none."""
    now = now or timezone.now()
    return project_engagement(portfolio=portfolio, now=now).filter(was_invited(now)).exclude(has_attended(now))
