"""Poll workflows: cast (or change) a ballot, read one's own ballot, propose options and decide on them.

Every workflow is keyword-only, runs in one transaction and lists its side effects.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Ballot, Poll, PollOption, Vote
from .rules import can_moderate_proposals, can_vote


@dataclass(frozen=True)
class Mark:
    """One mark on a ballot: an option id with its rank (ranked) or points (score), or neither."""

    option: int
    rank: int | None = None
    points: int | None = None


def _check_open(poll: Poll, now) -> None:
    if poll.status != Poll.Status.PUBLISHED or now < poll.opens_at:
        raise ValidationError(_("This poll has not opened yet."), code="not_open")
    if poll.is_closed(now):
        raise ValidationError(_("This poll has closed."), code="closed")


def _check_marks(poll: Poll, marks: list[Mark]) -> list[Mark]:
    """The marks as the method allows them, or ValidationError with the rule broken."""
    approved = set(poll.options.filter(status=PollOption.Status.APPROVED).values_list("pk", flat=True))
    ids = [mark.option for mark in marks]
    unknown = [option for option in ids if option not in approved]
    if unknown:
        if PollOption.objects.filter(pk__in=unknown, poll=poll).exists():
            raise ValidationError(_("That option has not been approved for this poll."), code="unapproved")
        raise ValidationError(_("That option does not belong to this poll."), code="foreign_option")
    if len(set(ids)) != len(ids):
        if poll.method == Poll.Method.RANKED:
            raise ValidationError(_("Each option can be ranked only once."), code="ranked_twice")
        raise ValidationError(_("Each option can be chosen only once."), code="duplicate")
    method = poll.method
    if method == Poll.Method.SINGLE:
        if len(marks) != 1:
            raise ValidationError(_("Choose one option."), code="single")
        return [Mark(option=ids[0])]
    if method == Poll.Method.APPROVAL:
        if not marks:
            raise ValidationError(_("Choose at least one option."), code="empty")
        if len(marks) > poll.max_choices:
            raise ValidationError(
                ngettext("Choose at most %(count)d option.", "Choose at most %(count)d options.", poll.max_choices)
                % {"count": poll.max_choices},
                code="too_many",
            )
        return [Mark(option=option) for option in ids]
    if method == Poll.Method.RANKED:
        if not marks:
            raise ValidationError(_("Rank at least one option."), code="empty")
        ranks = sorted(mark.rank or 0 for mark in marks)
        if len(set(ranks)) != len(ranks) or ranks[0] < 1:
            raise ValidationError(_("Each rank can be given to only one option."), code="rank_twice")
        ordered = sorted(marks, key=lambda mark: mark.rank)
        return [Mark(option=mark.option, rank=position) for position, mark in enumerate(ordered, start=1)]
    # Dot voting.
    marks = [mark for mark in marks if mark.points]
    for mark in marks:
        if mark.points < 0 or mark.points > poll.points_per_option:
            raise ValidationError(
                ngettext(
                    "At most %(count)d point on one option.",
                    "At most %(count)d points on one option.",
                    poll.points_per_option,
                )
                % {"count": poll.points_per_option},
                code="per_option",
            )
    total = sum(mark.points for mark in marks)
    if total > poll.points_total:
        raise ValidationError(
            ngettext("At most %(count)d point in all.", "At most %(count)d points in all.", poll.points_total)
            % {"count": poll.points_total},
            code="total",
        )
    if total == 0:
        raise ValidationError(_("Give at least one point."), code="empty")
    return [Mark(option=mark.option, points=mark.points) for mark in marks]


def _store(poll: Poll, person, marks: list[Mark]) -> Ballot:
    with transaction.atomic():
        ballot, created = Ballot.objects.select_for_update().get_or_create(
            poll=poll,
            key=poll.ballot_key(person),
            defaults={"voter": None if poll.anonymous else person},
        )
        if not created:
            ballot.votes.all().delete()
        Vote.objects.bulk_create(
            Vote(ballot=ballot, option_id=mark.option, rank=mark.rank, points=mark.points) for mark in marks
        )
    return ballot


def cast_ballot(*, poll: Poll, person, marks: list[Mark], now=None) -> Ballot:
    """Cast ``person``'s ballot in ``poll``, or replace the one they cast before.

    Raises ValidationError (nothing changed) when the poll is not open, the person may not vote,
    or the marks break the method's rules or name an option not approved in this poll.

    Side effects: creates the person's Ballot (found by ``poll.ballot_key(person)``; one ballot a
    person, also under double submits: the unique (poll, key) constraint backs get_or_create and
    a lost race is retried once) or deletes its Votes; creates one Vote a mark. ``voter`` is set
    only in a poll that is not anonymous.
    """
    now = now or timezone.now()
    _check_open(poll, now)
    if not can_vote(person, poll):
        raise ValidationError(_("You may not vote in this poll."), code="not_eligible")
    marks = _check_marks(poll, list(marks))
    try:
        return _store(poll, person, marks)
    except IntegrityError:
        return _store(poll, person, marks)


def own_ballot(*, poll: Poll, person) -> list[Mark]:
    """The marks on ``person``'s ballot in ``poll`` (empty when they have not voted). No side effects."""
    if not getattr(person, "is_authenticated", False):
        return []
    votes = Vote.objects.filter(ballot__poll=poll, ballot__key=poll.ballot_key(person)).order_by("rank", "option__order", "option_id")
    return [Mark(option=vote.option_id, rank=vote.rank, points=vote.points) for vote in votes]


def propose_option(*, poll: Poll, person, title: str, description: str = "", now=None) -> PollOption:
    """Propose an option for ``poll``, awaiting a coordinator's approval.

    Raises ValidationError when the poll takes no proposals, is not open, or the person may not vote.
    Side effects: creates a PollOption with status "proposed" and ``proposed_by`` the person.
    """
    if not poll.allow_proposals:
        raise ValidationError(_("This poll does not take proposals."), code="no_proposals")
    _check_open(poll, now or timezone.now())
    if not can_vote(person, poll):
        raise ValidationError(_("You may not propose options in this poll."), code="not_eligible")
    with transaction.atomic():
        order = (poll.options.order_by("-order").values_list("order", flat=True).first() or 0) + 1
        return PollOption.objects.create(
            poll=poll, title=title.strip(), description=description.strip(), order=order,
            status=PollOption.Status.PROPOSED, proposed_by=person,
        )


def decide_proposal(*, option: PollOption, person, approve: bool) -> PollOption:
    """Approve or reject a proposed option (coordinators only; PermissionDenied otherwise).

    Side effects: sets the option's status to "approved" or "rejected".
    """
    if not can_moderate_proposals(person, option.poll):
        raise PermissionDenied
    with transaction.atomic():
        option.status = PollOption.Status.APPROVED if approve else PollOption.Status.REJECTED
        option.save(update_fields=["status"])
    return option
