"""Counting a poll: one pure function per voting method, over plain Python data.

Every function takes the ballots and ``options``, the poll's option ids in the order the
poll lists them, and returns a :class:`Result`. Nothing here touches the database, so the
functions are tested with hypothesis and timed by ``bench/tally_bench.py`` on their own.

Ballots, by method:

- :func:`plurality` (single choice): an option id;
- :func:`approval` (pick up to k): a collection of option ids, at most ``max_choices`` of them;
- :func:`instant_runoff` and :func:`borda` (ranked choice): a list of option ids, best first,
  each at most once; a ballot need not rank every option;
- :func:`score` (dot voting): a dict option id -> whole points, none negative, at most
  ``points_per_option`` on one option and at most ``points_total`` in all.

A ballot naming an id that is not among ``options``, or breaking its method's limits, raises
``ValueError`` with a message naming the rule; nothing is counted then.

Scores: plurality and approval count votes, score counts points, Borda gives an option ranked
i-th (from 0) on a ballot ``len(options) - 1 - i`` points and an unranked option none. In
instant runoff an option's score is its vote count in the last round it took part in.

Ties (``TIE_RULES`` holds the rule as plain data, ``TIE_RULE_TEXT`` in English words):

- between options with the same score, the option listed first in the poll ranks higher and,
  when they share the top score, wins;
- in instant runoff, when several options have the fewest votes in a round, the one among them
  with fewer votes in the earliest round where their counts differ is eliminated (round 1
  counts are first choices); when their counts never differed, the one listed last.

One option is eliminated a round; counting stops when an option has more than half of the
ballots that still rank a remaining option, or one option remains. A winner needs at least one
vote (or point): when nobody scored anything, ``winners`` is empty.

``Result.tie_break`` is ``None`` when no tie decided anything; otherwise a dict
``{"rule": ..., "between": [...], "chosen": ...}`` (with ``"round"`` in instant runoff, where each
round also carries its own ``tie_break`` and the result's is the last one applied).
"""

from collections import Counter
from dataclasses import dataclass, field

TIE_RULES = {
    # Equal scores: the option listed first in the poll ranks higher (and wins a shared top).
    "order": "listed_first",
    # Instant runoff, equal fewest votes in a round: these tests in turn decide who goes.
    "elimination": ("fewer_votes_in_earliest_differing_round", "listed_last"),
}


def gettext_noop(text):
    """Marks a string for the catalogue (makemessages knows this name) without importing Django."""
    return text


# English; the page shows it translated with gettext(TIE_RULE_TEXT).
TIE_RULE_TEXT = gettext_noop(
    "Ties are broken in favour of the option listed first in the poll. In instant runoff, when "
    "several options have the fewest votes in a round, the one with fewer votes in the earliest "
    "round where their counts differ is eliminated; if their counts never differed, the one "
    "listed last is eliminated."
)

RULE_LISTED_FIRST = "listed_first"
RULE_EARLIER_ROUND = "fewer_votes_in_earliest_differing_round"
RULE_LISTED_LAST = "listed_last"


@dataclass(frozen=True)
class Round:
    """One instant-runoff round: votes per remaining option, who goes, ballots run dry."""

    number: int
    counts: dict  # option id -> votes, in the poll's order, remaining options only
    eliminated: list  # option ids eliminated after this round (empty in the last round)
    exhausted: int  # ballots that rank no remaining option
    tie_break: dict | None = None


@dataclass(frozen=True)
class Result:
    method: str
    winners: list
    scores: dict  # option id -> score, every option, in the poll's order
    ranking: list  # option ids, best first
    ballots: int  # ballots counted
    tie_break: dict | None = None
    rounds: list = field(default_factory=list)  # instant runoff only
    borda: dict | None = None  # ranked choice: Borda scores beside the runoff

    @property
    def winner(self):
        return self.winners[0] if self.winners else None


def _check_options(options) -> dict:
    """Each option id's place in the poll's order (ValueError on an id listed twice)."""
    position = {}
    for index, option in enumerate(options):
        if option in position:
            raise ValueError(f"option {option!r} is listed twice in the poll")
        position[option] = index
    return position


def _unknown(option):
    return ValueError(f"a ballot names option {option!r}, which is not in this poll")


def _decide(method, scores, position, ballots, **extra) -> Result:
    """Ranking by score (ties: listed first) and the winner; no winner when nobody scored."""
    ranking = sorted(scores, key=lambda option: (-scores[option], position[option]))
    winners, tie_break = [], None
    if ranking and scores[ranking[0]] > 0:
        top = scores[ranking[0]]
        tied = [option for option in ranking if scores[option] == top]
        winners = [ranking[0]]
        if len(tied) > 1:
            tie_break = {"rule": RULE_LISTED_FIRST, "between": tied, "chosen": ranking[0]}
    return Result(method=method, winners=winners, scores=scores, ranking=ranking, ballots=ballots,
                  tie_break=tie_break, **extra)


def plurality(ballots, options) -> Result:
    """Single choice: each ballot is one option id; the most votes win."""
    position = _check_options(options)
    counted = Counter(ballots)
    for option in counted:
        if option not in position:
            raise _unknown(option)
    scores = {option: counted.get(option, 0) for option in options}
    return _decide("plurality", scores, position, sum(counted.values()))


def approval(ballots, options, max_choices) -> Result:
    """Approval: each ballot is a collection of up to ``max_choices`` option ids; most approvals win."""
    position = _check_options(options)
    scores = dict.fromkeys(options, 0)
    total = 0
    for choice, count in Counter(map(tuple, ballots)).items():
        if len(choice) > max_choices:
            raise ValueError(
                f"an approval ballot chooses {len(choice)} options, more than max_choices={max_choices}"
            )
        if len(set(choice)) != len(choice):
            raise ValueError(f"an approval ballot chooses option {_first_repeat(choice)!r} twice")
        for option in choice:
            if option not in position:
                raise _unknown(option)
            scores[option] += count
        total += count
    return _decide("approval", scores, position, total)


def _first_repeat(choice):
    seen = set()
    for option in choice:
        if option in seen:
            return option
        seen.add(option)
    return None


def _ranked_groups(ballots, position) -> Counter:
    """Identical ranked ballots grouped, each checked once (ValueError on repeats or strangers)."""
    groups = Counter(map(tuple, ballots))
    for ranking in groups:
        if len(set(ranking)) != len(ranking):
            raise ValueError(f"a ranked ballot ranks option {_first_repeat(ranking)!r} twice")
        for option in ranking:
            if option not in position:
                raise _unknown(option)
    return groups


def _borda_scores(groups, options) -> dict:
    top = len(options) - 1
    scores = dict.fromkeys(options, 0)
    for ranking, count in groups.items():
        for place, option in enumerate(ranking):
            scores[option] += count * (top - place)
    return scores


def borda(ballots, options) -> Result:
    """Borda count: on each ranked ballot the i-th option (from 0) gets ``len(options) - 1 - i`` points."""
    position = _check_options(options)
    groups = _ranked_groups(ballots, position)
    scores = _borda_scores(groups, options)
    return _decide("borda", scores, position, sum(groups.values()), borda=dict(scores))


def instant_runoff(ballots, options) -> Result:
    """Instant runoff: eliminate the fewest-votes option a round until one has a majority.

    Each ballot counts for its highest-ranked remaining option. Ballots wait in a bucket per
    option, so an elimination moves only the eliminated option's ballots along.
    """
    position = _check_options(options)
    groups = _ranked_groups(ballots, position)
    total = sum(groups.values())

    remaining = set(options)
    counts = dict.fromkeys(options, 0)
    buckets = {option: [] for option in options}  # option -> [(ranking, count, place), ...]
    exhausted = 0
    for ranking, count in groups.items():
        if ranking:
            buckets[ranking[0]].append((ranking, count, 0))
            counts[ranking[0]] += count
        else:
            exhausted += count

    history = []  # each round's counts, for the elimination tie rule
    rounds = []
    scores = dict.fromkeys(options, 0)
    eliminated_order = []
    last_tie_break = None
    while remaining:
        now = {option: counts[option] for option in options if option in remaining}
        history.append(now)
        for option, votes in now.items():
            scores[option] = votes
        continuing = total - exhausted
        leader = max(now, key=lambda option: (now[option], -position[option]))
        if len(now) == 1 or now[leader] * 2 > continuing or continuing == 0:
            rounds.append(Round(number=len(history), counts=now, eliminated=[], exhausted=exhausted))
            break
        loser, tie_break = _choose_elimination(now, history, position)
        if tie_break:
            tie_break["round"] = len(history)
            last_tie_break = tie_break
        rounds.append(Round(number=len(history), counts=now, eliminated=[loser], exhausted=exhausted,
                            tie_break=tie_break))
        eliminated_order.append(loser)
        remaining.discard(loser)
        for ranking, count, place in buckets.pop(loser):
            for next_place in range(place + 1, len(ranking)):
                option = ranking[next_place]
                if option in remaining:
                    buckets[option].append((ranking, count, next_place))
                    counts[option] += count
                    break
            else:
                exhausted += count
        counts[loser] = 0

    final = sorted(remaining, key=lambda option: (-scores[option], position[option]))
    ranking = final + eliminated_order[::-1]
    winners = []
    if final and scores[final[0]] > 0:
        winners = [final[0]]
        tied = [option for option in final if scores[option] == scores[final[0]]]
        if len(tied) > 1:  # only possible when every ballot ran dry before a majority
            last_tie_break = {"rule": RULE_LISTED_FIRST, "between": tied, "chosen": final[0],
                              "round": len(rounds)}
    return Result(method="instant_runoff", winners=winners, scores=scores, ranking=ranking, ballots=total,
                  tie_break=last_tie_break, rounds=rounds, borda=_borda_scores(groups, options))


def _choose_elimination(now, history, position):
    """The option to eliminate this round, and the tie rule used (None when no tie)."""
    fewest = min(now.values())
    tied = [option for option in now if now[option] == fewest]
    if len(tied) == 1:
        return tied[0], None
    between = list(tied)
    for earlier in history[:-1]:
        least = min(earlier[option] for option in tied)
        narrowed = [option for option in tied if earlier[option] == least]
        if len(narrowed) < len(tied):
            tied = narrowed
            if len(tied) == 1:
                return tied[0], {"rule": RULE_EARLIER_ROUND, "between": between, "chosen": tied[0]}
    loser = max(tied, key=position.__getitem__)
    return loser, {"rule": RULE_LISTED_LAST, "between": between, "chosen": loser}


def score(ballots, options, points_total, points_per_option) -> Result:
    """Dot voting: each ballot spreads up to ``points_total`` points, at most ``points_per_option`` on one."""
    position = _check_options(options)
    scores = dict.fromkeys(options, 0)
    total = 0
    for marks, count in Counter(tuple(ballot.items()) for ballot in ballots).items():
        spent = 0
        for option, points in marks:
            if option not in position:
                raise _unknown(option)
            if isinstance(points, bool) or not isinstance(points, int):
                raise ValueError(f"a dot-voting ballot gives {points!r} points to option {option!r}, not a whole number")
            if points < 0:
                raise ValueError(f"a dot-voting ballot gives negative points ({points}) to option {option!r}")
            if points > points_per_option:
                raise ValueError(
                    f"a dot-voting ballot gives {points} points to option {option!r}, "
                    f"more than points_per_option={points_per_option}"
                )
            spent += points
        if spent > points_total:
            raise ValueError(f"a dot-voting ballot gives {spent} points in all, more than points_total={points_total}")
        for option, points in marks:
            scores[option] += count * points
        total += count
    return _decide("score", scores, position, total)


METHODS = {
    "single": plurality,
    "approval": approval,
    "ranked": instant_runoff,
    "score": score,
}
