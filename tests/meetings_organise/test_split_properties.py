"""Properties of the group split (groups.assign), checked over many generated crowds."""

import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from samverka.meetings.groups import assign


@st.composite
def crowds(draw):
    """People as (registration id, project id, portfolio id); each project in one portfolio."""
    project_count = draw(st.integers(min_value=0, max_value=12))
    portfolio_of = {project: draw(st.sampled_from([1, 2, 3, None])) for project in range(1, project_count + 1)}
    size = draw(st.integers(min_value=0, max_value=60))
    people = []
    for registration_id in draw(st.lists(st.integers(1, 10_000), min_size=size, max_size=size, unique=True)):
        project = draw(st.sampled_from([None, *portfolio_of])) if portfolio_of else None
        portfolio = portfolio_of.get(project) if project else draw(st.sampled_from([1, 2, 3, None]))
        people.append((registration_id, project, portfolio))
    return people


groups_counts = st.integers(min_value=1, max_value=12)
strategies = st.sampled_from(["mix", "by_portfolio"])


@settings(max_examples=300, deadline=None)
@given(crowds(), groups_counts)
def test_mixed_sizes_differ_by_at_most_one(people, number_of_groups):
    sizes = [len(group) for group in assign(people, number_of_groups=number_of_groups, strategy="mix")]
    assert len(sizes) == number_of_groups
    assert max(sizes) - min(sizes) <= 1


@settings(max_examples=300, deadline=None)
@given(crowds(), groups_counts, strategies)
def test_everyone_is_in_exactly_one_group(people, number_of_groups, strategy):
    groups = assign(people, number_of_groups=number_of_groups, strategy=strategy)
    placed = Counter(registration_id for group in groups for registration_id in group)
    assert placed == Counter(registration_id for registration_id, _, _ in people)
    assert len(groups) == number_of_groups


@settings(max_examples=300, deadline=None)
@given(crowds(), groups_counts)
def test_colleagues_are_kept_apart_when_the_groups_allow(people, number_of_groups):
    project_sizes = Counter(project for _, project, _ in people if project is not None)
    if project_sizes and max(project_sizes.values()) > number_of_groups:
        return
    project_of = {registration_id: project for registration_id, project, _ in people}
    for group in assign(people, number_of_groups=number_of_groups, strategy="mix"):
        projects = [project_of[registration_id] for registration_id in group if project_of[registration_id] is not None]
        assert len(projects) == len(set(projects))


@settings(max_examples=300, deadline=None)
@given(crowds(), groups_counts, strategies, st.randoms(use_true_random=False), st.integers(0, 2**31))
def test_order_of_the_people_changes_nothing(people, number_of_groups, strategy, shuffler, seed):
    shuffled = list(people)
    shuffler.shuffle(shuffled)
    first = assign(people, number_of_groups=number_of_groups, strategy=strategy, seed=seed)
    assert assign(shuffled, number_of_groups=number_of_groups, strategy=strategy, seed=seed) == first


@settings(max_examples=200, deadline=None)
@given(crowds(), groups_counts)
def test_one_portfolio_per_group_when_there_are_enough_groups(people, number_of_groups):
    portfolios = {portfolio for _, _, portfolio in people}
    if len(portfolios) > number_of_groups:
        return
    portfolio_of = {registration_id: portfolio for registration_id, _, portfolio in people}
    for group in assign(people, number_of_groups=number_of_groups, strategy="by_portfolio"):
        assert len({portfolio_of[registration_id] for registration_id in group}) <= 1


def test_the_reference_case_mixes_three_portfolios():
    # 42 projects from three portfolios, two people from some, in six groups.
    rng = random.Random(1)
    people, registration_id = [], 0
    for project in range(1, 43):
        for _ in range(rng.choice([1, 1, 2])):
            registration_id += 1
            people.append((registration_id, project, project % 3 + 1))
    groups = assign(people, number_of_groups=6, strategy="mix", seed=17)
    portfolio_of = {registration_id: portfolio for registration_id, _, portfolio in people}
    for group in groups:
        assert {portfolio_of[registration_id] for registration_id in group} == {1, 2, 3}


def test_the_seed_decides_and_is_repeatable():
    people = [(number, None, number % 2) for number in range(1, 21)]
    assert assign(people, number_of_groups=4, seed=1) == assign(people, number_of_groups=4, seed=1)
