"""Known elections counted by hand, the tie rules at work, and each refused ballot with its exact message.

No database: the tally functions take plain data.
"""

import pytest

from samverka.polls import tally

# The Tennessee capital example, as in the textbooks: 100 voters, four cities.
MEMPHIS, NASHVILLE, CHATTANOOGA, KNOXVILLE = "M", "N", "C", "K"
CITIES = [MEMPHIS, NASHVILLE, CHATTANOOGA, KNOXVILLE]
TENNESSEE = (
    [[MEMPHIS, NASHVILLE, CHATTANOOGA, KNOXVILLE]] * 42
    + [[NASHVILLE, CHATTANOOGA, KNOXVILLE, MEMPHIS]] * 26
    + [[CHATTANOOGA, KNOXVILLE, NASHVILLE, MEMPHIS]] * 15
    + [[KNOXVILLE, CHATTANOOGA, NASHVILLE, MEMPHIS]] * 17
)


def refusal(call, *args) -> str:
    with pytest.raises(ValueError) as error:
        call(*args)
    return str(error.value)


# Known elections


def test_instant_runoff_tennessee_knoxville_wins_in_the_third_round():
    result = tally.instant_runoff(TENNESSEE, CITIES)

    assert result.winners == [KNOXVILLE]
    assert [r.counts for r in result.rounds] == [
        {MEMPHIS: 42, NASHVILLE: 26, CHATTANOOGA: 15, KNOXVILLE: 17},
        {MEMPHIS: 42, NASHVILLE: 26, KNOXVILLE: 32},
        {MEMPHIS: 42, KNOXVILLE: 58},
    ]
    assert [r.eliminated for r in result.rounds] == [[CHATTANOOGA], [NASHVILLE], []]
    assert [r.exhausted for r in result.rounds] == [0, 0, 0]
    assert result.scores == {MEMPHIS: 42, NASHVILLE: 26, CHATTANOOGA: 15, KNOXVILLE: 58}
    assert result.ranking == [KNOXVILLE, MEMPHIS, NASHVILLE, CHATTANOOGA]
    assert result.tie_break is None
    assert result.ballots == 100


def test_instant_runoff_shows_borda_beside_it():
    result = tally.instant_runoff(TENNESSEE, CITIES)

    assert result.borda == {MEMPHIS: 126, NASHVILLE: 194, CHATTANOOGA: 173, KNOXVILLE: 107}


def test_borda_tennessee_nashville_wins():
    result = tally.borda(TENNESSEE, CITIES)

    assert result.winners == [NASHVILLE]
    assert result.scores == {MEMPHIS: 126, NASHVILLE: 194, CHATTANOOGA: 173, KNOXVILLE: 107}
    assert result.ranking == [NASHVILLE, CHATTANOOGA, MEMPHIS, KNOXVILLE]
    assert result.borda == result.scores


def test_borda_gives_unranked_options_nothing():
    result = tally.borda([[3], [2, 3]], [1, 2, 3])

    # Three options: first place 2 points, second place 1.
    assert result.scores == {1: 0, 2: 2, 3: 3}


def test_plurality_counts_each_option_also_those_without_votes():
    result = tally.plurality([2, 2, 3, 2, 3], [1, 2, 3, 4])

    assert result.winners == [2]
    assert result.scores == {1: 0, 2: 3, 3: 2, 4: 0}
    assert result.ranking == [2, 3, 1, 4]
    assert result.ballots == 5


def test_approval_counts_each_pick():
    result = tally.approval([{1, 2}, [2], (2, 3), []], [1, 2, 3], 2)

    assert result.winners == [2]
    assert result.scores == {1: 1, 2: 3, 3: 1}
    assert result.ballots == 4


def test_dot_voting_adds_the_points():
    result = tally.score([{1: 5, 2: 5}, {2: 3, 3: 4}, {}], [1, 2, 3], 10, 5)

    assert result.winners == [2]
    assert result.scores == {1: 5, 2: 8, 3: 4}
    assert result.ranking == [2, 1, 3]


def test_instant_runoff_ballots_run_dry():
    ballots = [["a"]] * 4 + [["b"]] * 3 + [["c", "b"]] * 2 + [["d"]] * 2

    result = tally.instant_runoff(ballots, ["a", "b", "c", "d"])

    # Round 1: a 4, b 3, c 2, d 2; c and d tie, never differed: d (listed last) goes, its 2 run dry.
    # Round 2: a 4, b 3, c 2 of 9; c goes, its 2 move to b. Round 3: b 5 of 9.
    assert [r.eliminated for r in result.rounds] == [["d"], ["c"], []]
    assert [r.exhausted for r in result.rounds] == [0, 2, 2]
    assert result.winners == ["b"]
    assert result.ranking == ["b", "a", "c", "d"]


# Ties


def test_tie_rule_is_plain_data_and_text():
    assert tally.TIE_RULES == {
        "order": "listed_first",
        "elimination": ("fewer_votes_in_earliest_differing_round", "listed_last"),
    }
    assert tally.TIE_RULE_TEXT.startswith("Ties are broken in favour of the option listed first in the poll.")


def test_plurality_tie_goes_to_the_option_listed_first():
    result = tally.plurality([3, 1, 3, 1, 2], [3, 2, 1])

    assert result.winners == [3]
    assert result.ranking == [3, 1, 2]
    assert result.tie_break == {"rule": "listed_first", "between": [3, 1], "chosen": 3}


def test_listed_order_not_id_order_breaks_the_tie():
    result = tally.approval([[1, 2]], [2, 1], 2)

    assert result.winners == [2]
    assert result.tie_break == {"rule": "listed_first", "between": [2, 1], "chosen": 2}


def test_no_ballots_no_winner():
    result = tally.plurality([], [1, 2])

    assert result.winners == []
    assert result.winner is None
    assert result.scores == {1: 0, 2: 0}
    assert result.ranking == [1, 2]
    assert result.tie_break is None


def test_instant_runoff_no_ballots_no_winner():
    result = tally.instant_runoff([], [1, 2])

    assert result.winners == []
    assert len(result.rounds) == 1
    assert result.scores == {1: 0, 2: 0}


def test_instant_runoff_elimination_tie_decided_by_the_earliest_round_where_they_differ():
    ballots = (
        [["a"]] * 6
        + [["b"]] * 4
        + [["c"]] * 3
        + [["e", "c"]] * 1
        + [["d"]] * 2
        + [["f", "d"]] * 2
    )
    # Round 1: a 6, b 4, c 3, d 2, e 1, f 2 -> e goes, to c. Round 2: a 6, b 4, c 4, d 2, f 2:
    # d and f tie at 2, and tied in round 1 too: f (listed last) goes, to d. Round 3: a 6, b 4, c 4, d 4:
    # b, c, d tie at 4; round 1 had b 4, c 3, d 2: d goes.
    result = tally.instant_runoff(ballots, ["a", "b", "c", "d", "e", "f"])

    assert [r.eliminated for r in result.rounds][:3] == [["e"], ["f"], ["d"]]
    assert result.rounds[1].tie_break == {"rule": "listed_last", "between": ["d", "f"], "chosen": "f", "round": 2}
    assert result.rounds[2].tie_break == {
        "rule": "fewer_votes_in_earliest_differing_round", "between": ["b", "c", "d"], "chosen": "d", "round": 3,
    }


def test_instant_runoff_even_split_of_two_goes_to_the_listed_first():
    result = tally.instant_runoff([["x", "y"], ["y", "x"]], ["x", "y"])

    assert result.winners == ["x"]
    assert result.rounds[0].eliminated == ["y"]
    assert result.tie_break == {"rule": "listed_last", "between": ["x", "y"], "chosen": "y", "round": 1}


# Refused ballots, each with its message


def test_option_listed_twice_in_the_poll():
    assert refusal(tally.plurality, [1], [1, 2, 1]) == "option 1 is listed twice in the poll"


def test_plurality_unknown_option():
    assert refusal(tally.plurality, [1, 9], [1, 2]) == "a ballot names option 9, which is not in this poll"


def test_approval_more_than_max_choices():
    assert refusal(tally.approval, [[1, 2, 3]], [1, 2, 3], 2) == (
        "an approval ballot chooses 3 options, more than max_choices=2"
    )


def test_approval_same_option_twice():
    assert refusal(tally.approval, [[2, 2]], [1, 2, 3], 3) == "an approval ballot chooses option 2 twice"


def test_approval_unknown_option():
    assert refusal(tally.approval, [["x"]], [1, 2], 2) == "a ballot names option 'x', which is not in this poll"


def test_ranked_same_option_twice():
    assert refusal(tally.instant_runoff, [[1, 2, 1]], [1, 2]) == "a ranked ballot ranks option 1 twice"


def test_borda_same_option_twice():
    assert refusal(tally.borda, [[2, 2]], [1, 2]) == "a ranked ballot ranks option 2 twice"


def test_ranked_unknown_option():
    assert refusal(tally.instant_runoff, [[1, 7]], [1, 2]) == "a ballot names option 7, which is not in this poll"


def test_dot_voting_more_than_points_total():
    assert refusal(tally.score, [{1: 5, 2: 5, 3: 1}], [1, 2, 3], 10, 5) == (
        "a dot-voting ballot gives 11 points in all, more than points_total=10"
    )


def test_dot_voting_more_than_points_per_option():
    assert refusal(tally.score, [{1: 6}], [1, 2], 10, 5) == (
        "a dot-voting ballot gives 6 points to option 1, more than points_per_option=5"
    )


def test_dot_voting_negative_points():
    assert refusal(tally.score, [{1: 5, 2: -1}], [1, 2], 10, 5) == (
        "a dot-voting ballot gives negative points (-1) to option 2"
    )


def test_dot_voting_points_not_a_whole_number():
    assert refusal(tally.score, [{1: 1.5}], [1, 2], 10, 5) == (
        "a dot-voting ballot gives 1.5 points to option 1, not a whole number"
    )


def test_dot_voting_unknown_option():
    assert refusal(tally.score, [{3: 1}], [1, 2], 10, 5) == "a ballot names option 3, which is not in this poll"


def test_result_is_frozen():
    result = tally.plurality([1], [1])

    with pytest.raises(AttributeError):
        result.winners = [2]
