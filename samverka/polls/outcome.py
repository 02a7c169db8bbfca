"""A closed poll's outcome: the chosen topic, and the draft webinar made from it.

    record_outcome(poll=, option=, note=, by=)                       the coordinator's decision
    create_webinar_from_option(poll=, option=, invite_voters=, by=)  a draft knowledge webinar
    supporters(poll=, option=)                                       who voted for an option (open polls)
"""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.accounts.models import Audience, User
from samverka.meetings.models import Event

from .models import Poll, PollOption, Vote

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
WEEKS_AHEAD = 4


def _check(poll: Poll, option: PollOption) -> None:
    if not poll.is_closed():
        raise ValidationError({"option": _("The outcome can be recorded only after the poll has closed.")})
    if option.poll_id != poll.pk:
        raise ValidationError({"option": _("That option belongs to another poll.")})
    if option.status != PollOption.Status.APPROVED:
        raise ValidationError({"option": _("Only an approved option can be the outcome.")})


def record_outcome(*, poll: Poll, option: PollOption, note: str = "", by: User) -> Poll:
    """Record ``option`` as the poll's chosen topic, with the coordinator's ``note``.

    Side effects: saves poll.outcome_option and poll.outcome_note. Raises ValidationError
    ({"option": ...}) while the poll is still open, or for an option of another poll or one
    that is not approved. ``by`` is the coordinator (for the record).
    """
    _check(poll, option)
    poll.outcome_option = option
    poll.outcome_note = note
    poll.save(update_fields=["outcome_option", "outcome_note"])
    return poll


def supporters(*, poll: Poll, option: PollOption) -> list[User]:
    """The voters whose ballot supports ``option``: marked (single, approval), ranked first
    (ranked choice) or given any points (dot voting). Open polls only: an anonymous poll's
    ballots name nobody, so this raises ValidationError there."""
    if poll.anonymous:
        raise ValidationError(
            {"invite_voters": _("This poll is anonymous: nobody knows who voted for what, so its voters cannot be invited.")}
        )
    votes = Vote.objects.filter(ballot__poll=poll, option=option, ballot__voter__isnull=False)
    if poll.method == Poll.Method.RANKED:
        votes = votes.filter(rank=1)
    elif poll.method == Poll.Method.SCORE:
        votes = votes.filter(points__gt=0)
    ids = votes.values("ballot__voter")
    return list(User.objects.filter(pk__in=ids, is_active=True, erased_at__isnull=True).order_by("email"))


def webinar_start(today: datetime.date | None = None) -> datetime.datetime:
    """A few weeks ahead, at 10:00 in Stockholm."""
    today = today or timezone.localdate()
    day = today + datetime.timedelta(weeks=WEEKS_AHEAD)
    return datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=STOCKHOLM)


def create_webinar_from_option(*, poll: Poll, option: PollOption, invite_voters: bool = False, by: User) -> Event:
    """Create a draft knowledge webinar from ``option`` and link it as the poll's resulting event.

    Side effects: checks like record_outcome (and, with ``invite_voters``, refuses an
    anonymous poll before saving anything); refuses a poll that already has a resulting event
    (the poll row is locked, so a double submit makes one webinar); records ``option`` as the outcome if none is;
    creates a draft, digital Event open to anyone (title and description from the option,
    invited audiences from the poll's, or all three when the poll has none; a few weeks ahead
    at 10:00 Stockholm time, one hour) created by ``by``; sets poll.outcome_event; with
    ``invite_voters``, invites the option's supporters through meetings' invitations.invite
    (queued invitations, sent after commit). Returns the event.
    """
    _check(poll, option)
    people = supporters(poll=poll, option=option) if invite_voters else []
    starts_at = webinar_start()
    with transaction.atomic():
        # One webinar a poll, also under a double click: the poll row is locked while checking.
        locked = Poll.objects.select_for_update().get(pk=poll.pk)
        if locked.outcome_event_id is not None:
            raise ValidationError({"option": _("A webinar has already been created from this poll.")})
        event = Event.objects.create(
            kind=Event.Kind.KNOWLEDGE_WEBINAR,
            format=Event.Format.DIGITAL,
            title=option.title,
            description=option.description,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=1),
            status=Event.Status.DRAFT,
            openness=Event.Openness.ANYONE,
            created_by=by,
        )
        audiences = list(poll.audiences.all()) or [
            Audience.objects.get_or_create(code=code)[0] for code in Audience.Code.values
        ]
        event.invited_audiences.set(audiences)
        poll.outcome_event = event
        fields = ["outcome_event"]
        if poll.outcome_option_id is None:
            poll.outcome_option = option
            fields.append("outcome_option")
        poll.save(update_fields=fields)
        if people:
            from samverka.meetings.invitations import invite

            invite(event=event, addresses=[person.email for person in people], invited_by=by)
    return event


def leading_option_id(*, poll: Poll, options) -> int | None:
    """The tally's winner among ``options`` (the poll's approved options, in order), to preselect
    on the outcome page; None when nobody voted or the ballots cannot be counted. One query."""
    result = count(poll=poll, options=options)
    return result.winners[0] if result and result.winners else None


def count(*, poll: Poll, options):
    """The tally's Result for ``options`` (approved, in the poll's order), or None when the
    ballots cannot be counted. One query."""
    from . import tally

    ids = [option.pk for option in options]
    ballots: dict[int, list] = {}
    rows = (
        Vote.objects.filter(ballot__poll=poll, option_id__in=ids)
        .order_by("ballot_id", "rank", "pk")
        .values_list("ballot_id", "option_id", "rank", "points")
    )
    for ballot_id, option_id, rank, points in rows:
        ballots.setdefault(ballot_id, []).append((option_id, rank, points))
    try:
        if poll.method == Poll.Method.SINGLE:
            result = tally.plurality([marks[0][0] for marks in ballots.values()], ids)
        elif poll.method == Poll.Method.APPROVAL:
            chosen = [[option for option, _rank, _points in marks] for marks in ballots.values()]
            result = tally.approval(chosen, ids, max(poll.max_choices, max(map(len, chosen), default=0)))
        elif poll.method == Poll.Method.RANKED:
            result = tally.instant_runoff([[option for option, _rank, _points in marks] for marks in ballots.values()], ids)
        else:
            marked = [{option: points or 0 for option, _rank, points in marks} for marks in ballots.values()]
            result = tally.score(marked, ids, poll.points_total, poll.points_per_option)
    except (ValueError, TypeError):
        return None
    return result
