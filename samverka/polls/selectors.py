"""Reads for the poll pages: chainable querysets and the counted results (one query for the votes)."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from . import tally
from .models import Ballot, Poll, PollOption, Vote


def published_polls():
    return Poll.objects.filter(status=Poll.Status.PUBLISHED)


def polls_for_list(now=None):
    """Published polls that have opened (open ones and closed ones), soonest closing first."""
    now = now or timezone.now()
    return published_polls().filter(opens_at__lte=now).select_related("event").order_by("-closes_at", "-pk")


def polls_of_event(event_id: int):
    return published_polls().filter(event_id=event_id).order_by("closes_at", "pk")


def approved_options(poll: Poll) -> list[PollOption]:
    return list(poll.options.filter(status=PollOption.Status.APPROVED))


def proposed_options(poll: Poll) -> list[PollOption]:
    return list(poll.options.filter(status=PollOption.Status.PROPOSED).select_related("proposed_by"))


@dataclass
class Row:
    option: PollOption
    score: int
    percent: int
    width: int  # the bar's width in 5 % steps, for a CSS class
    position: int
    winner: bool


@dataclass
class Outcome:
    result: tally.Result
    rows: list
    rounds: list  # instant runoff: [(round number, [(option, votes)], eliminated options, exhausted)]
    voters: int
    eligible: int | None
    options: dict
    borda: list | None = None  # ranked choice: [(option, Borda points)], best first


def _ballots(poll: Poll, option_ids: set) -> list:
    marks = defaultdict(list)
    rows = Vote.objects.filter(ballot__poll=poll, option_id__in=option_ids).values_list(
        "ballot_id", "option_id", "rank", "points"
    )
    for ballot_id, option_id, rank, points in rows:
        marks[ballot_id].append((option_id, rank, points))
    method = poll.method
    ballots = []
    for ballot in marks.values():
        if method == Poll.Method.SINGLE:
            ballots.append(ballot[0][0])
        elif method == Poll.Method.APPROVAL:
            ballots.append([option for option, _rank, _points in ballot])
        elif method == Poll.Method.RANKED:
            ballots.append([option for option, _rank, _points in sorted(ballot, key=lambda mark: mark[1] or 0)])
        else:
            ballots.append({option: points or 0 for option, _rank, points in ballot})
    return ballots


def eligible_count(poll: Poll) -> int | None:
    """How many people may vote, where that can be counted (attendees and audiences); else None."""
    from samverka.accounts.models import User
    from samverka.meetings.models import Registration

    if poll.eligibility == Poll.Eligibility.ATTENDEES and poll.event_id:
        return Registration.objects.filter(event_id=poll.event_id, attended=True, person__isnull=False).values(
            "person"
        ).distinct().count()
    if poll.eligibility == Poll.Eligibility.AUDIENCES:
        return User.objects.filter(is_active=True, audiences__polls=poll).distinct().count()
    if poll.eligibility == Poll.Eligibility.SIGNED_IN:
        return User.objects.filter(Q(is_active=True)).count()
    return None


def outcome(poll: Poll) -> Outcome:
    """The poll counted by its method (samverka/polls/tally.py), with rows for the page."""
    options = approved_options(poll)
    by_id = {option.pk: option for option in options}
    ids = [option.pk for option in options]
    ballots = _ballots(poll, set(ids))
    if poll.method == Poll.Method.SINGLE:
        result = tally.plurality(ballots, ids)
    elif poll.method == Poll.Method.APPROVAL:
        result = tally.approval(ballots, ids, poll.max_choices)
    elif poll.method == Poll.Method.RANKED:
        result = tally.instant_runoff(ballots, ids)
    else:
        result = tally.score(ballots, ids, poll.points_total, poll.points_per_option)
    total = sum(result.scores.values()) or 0
    if poll.method == Poll.Method.RANKED and result.rounds:
        total = sum(result.rounds[0].counts.values())
    rows = []
    for position, option_id in enumerate(result.ranking, start=1):
        score = result.scores.get(option_id, 0)
        percent = round(100 * score / total) if total else 0
        rows.append(Row(by_id[option_id], score, percent, min(100, 5 * round(percent / 5)), position,
                        option_id in result.winners))
    rounds = [
        (r.number, [(by_id[o], votes) for o, votes in r.counts.items()], [by_id[o] for o in r.eliminated], r.exhausted)
        for r in result.rounds
    ]
    voters = Ballot.objects.filter(poll=poll).count()
    borda = None
    if result.borda:
        borda = sorted(((by_id[o], points) for o, points in result.borda.items()), key=lambda pair: -pair[1])
    return Outcome(result, rows, rounds, voters, eligible_count(poll), by_id, borda)
