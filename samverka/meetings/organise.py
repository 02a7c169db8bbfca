"""The coordinator's workflows for events: copy an event, and repeat it as a series.

Times are Europe/Stockholm wall-clock times: an event at 10.00 on a Tuesday in March repeats at
10.00 on Tuesdays in April too, although summer time moved it an hour in UTC.
"""

import datetime
import uuid

from django.db import transaction
from django.utils import timezone

from .models import AgendaItem, Event

MAX_OCCURRENCES = 26


def _local(moment: datetime.datetime | None) -> datetime.datetime | None:
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def _aware(naive: datetime.datetime | None) -> datetime.datetime | None:
    return timezone.make_aware(naive) if naive else None


def _shifted(event: Event, new_start: datetime.datetime) -> dict:
    """The event's times moved so it starts at ``new_start`` (naive, local), same wall-clock
    lengths and offsets for the end, registration opening and deadline."""
    start = _local(event.starts_at)

    def move(moment):
        local = _local(moment)
        return _aware(new_start + (local - start)) if local else None

    return {
        "starts_at": _aware(new_start),
        "ends_at": move(event.ends_at),
        "registration_opens_at": move(event.registration_opens_at),
        "registration_deadline": move(event.registration_deadline),
    }


def _draft_copy(event: Event, *, starts: datetime.datetime, series: uuid.UUID | None, created_by) -> Event:
    copy = Event.objects.get(pk=event.pk)
    copy.pk = copy.id = None
    copy.uid = uuid.uuid4()
    copy.sequence = 0
    copy.series = series
    copy.status = Event.Status.DRAFT
    copy.reminder_sent_at = copy.follow_up_sent_at = copy.guests_erased_at = None
    copy.created_by = created_by
    copy._state.adding = True
    for field, value in _shifted(event, starts).items():
        setattr(copy, field, value)
    copy.save()
    copy.invited_portfolios.set(event.invited_portfolios.all())
    copy.invited_audiences.set(event.invited_audiences.all())
    AgendaItem.objects.bulk_create(
        AgendaItem(
            event=copy, starts_at=item.starts_at, ends_at=item.ends_at, title=item.title, description=item.description
        )
        for item in event.agenda.all()
    )
    return copy


def copy_event(*, event: Event, starts: datetime.datetime, created_by=None) -> Event:
    """A draft copy of ``event`` starting at ``starts`` (naive, Europe/Stockholm wall clock).

    Side effects: creates one event (new UID, sequence 0, status draft, no series) with the
    same agenda, invited portfolios and audiences. Registrations, invitations, attachments,
    groups and the survey are not copied.
    """
    with transaction.atomic():
        return _draft_copy(event, starts=starts, series=None, created_by=created_by)


def series_starts(
    *, event: Event, every_weeks: int, occurrences: int | None = None, until: datetime.date | None = None
) -> list[datetime.datetime]:
    """The naive local start times of a series beginning with ``event`` itself: every
    ``every_weeks`` weeks, same weekday and wall-clock time, ``occurrences`` in all or as many
    as fall on or before ``until`` (never more than 26)."""
    first = _local(event.starts_at)
    step = datetime.timedelta(weeks=every_weeks)
    starts = []
    while len(starts) < MAX_OCCURRENCES:
        moment = first + step * len(starts)
        if occurrences is not None and len(starts) >= occurrences:
            break
        if until is not None and moment.date() > until:
            break
        starts.append(moment)
    return starts


def create_series(*, event: Event, starts: list[datetime.datetime], created_by=None) -> list[Event]:
    """Repeat ``event`` at each of ``starts`` after the first (the first is the event itself).

    Side effects, in one atomic block: gives ``event`` a series UUID if it has none and creates
    a draft copy (as :func:`copy_event`) for every later start, all sharing that UUID.
    Returns the whole series, the original first.
    """
    with transaction.atomic():
        if event.series is None:
            event.series = uuid.uuid4()
            event.save(update_fields=["series", "updated_at"])
        copies = [_draft_copy(event, starts=start, series=event.series, created_by=created_by) for start in starts[1:]]
    return [event, *copies]
