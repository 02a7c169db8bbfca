"""Tally benchmark: the counting functions of samverka/polls/tally.py on seeded random ballots.

    .venv/bin/python bench/tally_bench.py
    .venv/bin/python bench/tally_bench.py --ranked 10000 --approval 100000 --options 20 --seed 4

No Django and no database: the methods are pure functions over plain data. The ballots are
"realistic": option popularity follows a skewed distribution (a few favourites, a long tail),
ranked ballots rank between 3 and all options (a third rank everything), approval ballots pick
1 to 3 options, dot-voting ballots spread 10 points with at most 5 on one option.

Each method is timed as the median of 5 runs. The baseline, measured in the same run, is a
plain ``collections.Counter`` over each ballot's first choice: the least any count can do.
Target (issue 4, "Must hold"): 10 000 ranked ballots over 20 options (instant runoff, Borda
beside it) under 1 s, and 100 000 approval ballots under 1 s. Instant runoff is also timed on
uniformly random full rankings, the worst case for grouping identical ballots.
"""

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from samverka.polls import tally  # noqa: E402

RUNS = 5
TARGET_S = 1.0


def weights(options, rng):
    """Skewed popularity: a few favourites and a long tail."""
    return [rng.paretovariate(1.2) for _ in options]


def weighted_order(options, popularity, rng):
    """A preference order drawn without replacement by popularity (Efraimidis–Spirakis keys)."""
    return sorted(options, key=lambda o: -rng.random() ** (1 / popularity[o]))


def ranked_ballots(n, options, rng):
    popularity = dict(zip(options, weights(options, rng)))
    ballots = []
    for _ in range(n):
        order = weighted_order(options, popularity, rng)
        length = len(options) if rng.random() < 1 / 3 else rng.randint(3, len(options))
        ballots.append(order[:length])
    return ballots


def approval_ballots(n, options, rng, max_choices=3):
    popularity = dict(zip(options, weights(options, rng)))
    ballots = []
    for _ in range(n):
        order = weighted_order(options, popularity, rng)
        ballots.append(order[: rng.randint(1, max_choices)])
    return ballots


def score_ballots(n, options, rng, points_total=10, points_per_option=5):
    popularity = dict(zip(options, weights(options, rng)))
    ballots = []
    for _ in range(n):
        order = weighted_order(options, popularity, rng)
        left, ballot = points_total, {}
        for option in order:
            if not left:
                break
            points = min(left, rng.randint(1, points_per_option))
            ballot[option] = points
            left -= points
        ballots.append(ballot)
    return ballots


def timed(function, *args):
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def first_choices(ballots):
    return Counter(next(iter(ballot), None) for ballot in ballots)


def report(label, n, seconds, baseline, target=None):
    verdict = ""
    if target is not None:
        verdict = "  OK" if seconds < target else f"  TOO SLOW (target {target:.1f} s)"
    ratio = seconds / baseline if baseline else float("nan")
    print(f"{label:<42} {n:>8} ballots {seconds:8.4f} s {n / seconds:>12,.0f} ballots/s"
          f"  x{ratio:6.1f} baseline{verdict}")
    return target is None or seconds < target


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ranked", type=int, default=10_000)
    parser.add_argument("--approval", type=int, default=100_000)
    parser.add_argument("--single", type=int, default=100_000)
    parser.add_argument("--score", type=int, default=100_000)
    parser.add_argument("--options", type=int, default=20)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    options = list(range(1, args.options + 1))
    ranked = ranked_ballots(args.ranked, options, rng)
    approvals = approval_ballots(args.approval, options, rng)
    singles = [ballot[0] for ballot in approval_ballots(args.single, options, rng, max_choices=1)]
    dots = score_ballots(args.score, options, rng)

    print(f"Tally benchmark: {args.options} options, seed {args.seed}, median of {RUNS} runs "
          f"(Python {sys.version.split()[0]})")
    ok = True

    base, _ = timed(first_choices, ranked)
    report("baseline: Counter of first choices", len(ranked), base, base)
    seconds, result = timed(tally.instant_runoff, ranked, options)
    ok &= report("instant runoff (+ Borda beside it)", len(ranked), seconds, base, TARGET_S)
    print(f"{'':<42} {len(result.rounds)} rounds, winner {result.winner}")
    uniform = [rng.sample(options, len(options)) for _ in range(args.ranked)]
    seconds, result = timed(tally.instant_runoff, uniform, options)
    ok &= report("instant runoff, uniform full rankings", len(uniform), seconds, base, TARGET_S)
    print(f"{'':<42} (worst case: no two ballots alike) {len(result.rounds)} rounds")
    seconds, _ = timed(tally.borda, ranked, options)
    report("Borda count alone", len(ranked), seconds, base)

    base, _ = timed(first_choices, approvals)
    report("baseline: Counter of first choices", len(approvals), base, base)
    seconds, result = timed(tally.approval, approvals, options, 3)
    ok &= report("approval (up to 3)", len(approvals), seconds, base, TARGET_S)

    base, _ = timed(Counter, singles)
    report("baseline: Counter of the choices", len(singles), base, base)
    seconds, _ = timed(tally.plurality, singles, options)
    report("plurality", len(singles), seconds, base)

    base, _ = timed(first_choices, dots)
    report("baseline: Counter of first choices", len(dots), base, base)
    seconds, _ = timed(tally.score, dots, options, 10, 5)
    report("dot voting (10 points, at most 5 each)", len(dots), seconds, base)

    print("All targets met." if ok else "A target was missed.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
