"""Invariants of the tally methods, checked with hypothesis over generated polls and ballots."""

import os
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from samverka.polls import tally

# Many examples, no deadline (a shared machine), no example database left in the working tree;
# POLLS_TALLY_EXAMPLES=5000 for a longer hunt.
examples = settings(max_examples=int(os.environ.get("POLLS_TALLY_EXAMPLES", 150)), deadline=None, database=None)


@st.composite
def poll_options(draw, min_size=1, max_size=7):
    """Option ids as the poll lists them: not in id order, so "listed first" is not "smallest id"."""
    ids = draw(st.lists(st.integers(1, 50), min_size=min_size, max_size=max_size, unique=True))
    return draw(st.permutations(ids))


@st.composite
def ranked_poll(draw):
    options = draw(poll_options())
    ranking = st.permutations(options).flatmap(lambda order: st.integers(0, len(order)).map(lambda k: order[:k]))
    return options, draw(st.lists(ranking, max_size=40))


@st.composite
def approval_poll(draw):
    options = draw(poll_options())
    max_choices = draw(st.integers(1, len(options)))
    ballot = st.lists(st.sampled_from(options), unique=True, max_size=max_choices)
    return options, max_choices, draw(st.lists(ballot, max_size=40))


@st.composite
def score_poll(draw):
    options = draw(poll_options())
    points_total = draw(st.integers(1, 12))
    points_per_option = draw(st.integers(1, points_total))
    ballots = []
    for _ in range(draw(st.integers(0, 30))):
        left, ballot = points_total, {}
        for option in draw(st.permutations(options)):
            points = draw(st.integers(0, min(left, points_per_option)))
            if points or draw(st.booleans()):
                ballot[option] = points
            left -= points
        ballots.append(ballot)
    return options, points_total, points_per_option, ballots


@st.composite
def single_poll(draw):
    options = draw(poll_options())
    return options, draw(st.lists(st.sampled_from(options), max_size=40))


def every_method(draw):
    """(function, ballots, options, extra args) for one method picked by hypothesis."""
    method = draw(st.sampled_from(["single", "approval", "ranked", "borda", "score"]))
    if method == "single":
        options, ballots = draw(single_poll())
        return tally.plurality, ballots, options, ()
    if method == "approval":
        options, max_choices, ballots = draw(approval_poll())
        return tally.approval, ballots, options, (max_choices,)
    if method == "score":
        options, points_total, points_per_option, ballots = draw(score_poll())
        return tally.score, ballots, options, (points_total, points_per_option)
    options, ballots = draw(ranked_poll())
    return (tally.instant_runoff if method == "ranked" else tally.borda), ballots, options, ()


any_poll = st.composite(every_method)


@examples
@given(any_poll(), st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_ballot_order(poll, rng):
    function, ballots, options, extra = poll
    shuffled = list(ballots)
    rng.shuffle(shuffled)

    assert function(shuffled, options, *extra) == function(ballots, options, *extra)


@examples
@given(any_poll())
def test_every_option_has_a_score_in_the_polls_order(poll):
    function, ballots, options, extra = poll

    result = function(ballots, options, *extra)

    assert list(result.scores) == list(options)
    assert all(points >= 0 for points in result.scores.values())


@examples
@given(any_poll())
def test_winners_are_options_and_the_ranking_orders_them_all(poll):
    function, ballots, options, extra = poll

    result = function(ballots, options, *extra)

    assert set(result.winners) <= set(options)
    assert len(result.winners) <= 1
    assert sorted(result.ranking) == sorted(options)
    assert result.winners == result.ranking[: len(result.winners)]
    assert result.ballots == len(ballots)


@examples
@given(any_poll())
def test_a_winner_only_when_somebody_scored(poll):
    function, ballots, options, extra = poll

    result = function(ballots, options, *extra)

    assert bool(result.winners) == any(result.scores.values())


@examples
@given(st.data())
def test_a_majority_first_choice_wins_instant_runoff(data):
    options, others = data.draw(ranked_poll())
    favourite = data.draw(st.sampled_from(options))
    rest = [option for option in options if option != favourite]
    tail = st.permutations(rest).flatmap(lambda order: st.integers(0, len(order)).map(lambda k: order[:k]))
    majority = [[favourite, *ranking] for ranking in data.draw(st.lists(tail, min_size=len(others) + 1,
                                                                        max_size=len(others) + 10))]
    ballots = majority + others
    random.Random(len(ballots)).shuffle(ballots)

    result = tally.instant_runoff(ballots, options)

    assert result.winners == [favourite]
    assert len(result.rounds) == 1


@examples
@given(ranked_poll())
def test_instant_runoff_rounds_account_for_every_ballot(poll):
    options, ballots = poll

    result = tally.instant_runoff(ballots, options)

    for number, round_ in enumerate(result.rounds, start=1):
        assert round_.number == number
        assert sum(round_.counts.values()) + round_.exhausted == len(ballots)
    assert all(len(round_.eliminated) == 1 for round_ in result.rounds[:-1])
    assert result.rounds[-1].eliminated == []
    if len(result.rounds) > 1 or len(options) == 1:
        return
    # Decided in the first round: a majority, one option, or no ballot ranks anything.
    first = result.rounds[0]
    continuing = len(ballots) - first.exhausted
    assert continuing == 0 or max(first.counts.values()) * 2 > continuing


@examples
@given(score_poll())
def test_total_points_never_exceed_points_total_times_voters(poll):
    options, points_total, points_per_option, ballots = poll

    result = tally.score(ballots, options, points_total, points_per_option)

    assert sum(result.scores.values()) <= points_total * len(ballots)
    assert all(points <= points_per_option * len(ballots) for points in result.scores.values())


@examples
@given(ranked_poll())
def test_borda_hands_out_the_points_of_each_ranking(poll):
    options, ballots = poll
    top = len(options) - 1

    result = tally.borda(ballots, options)

    assert sum(result.scores.values()) == sum(top * len(b) - len(b) * (len(b) - 1) // 2 for b in ballots)
    assert tally.instant_runoff(ballots, options).borda == result.scores


@examples
@given(st.data())
def test_removing_a_losing_option_never_changes_the_approval_winner(data):
    options, max_choices, ballots = data.draw(approval_poll())
    before = tally.approval(ballots, options, max_choices)
    losers = [option for option in options if option not in before.winners]
    if not losers:
        return
    loser = data.draw(st.sampled_from(losers))

    after = tally.approval(
        [[option for option in ballot if option != loser] for ballot in ballots],
        [option for option in options if option != loser],
        max_choices,
    )

    assert after.winners == before.winners
