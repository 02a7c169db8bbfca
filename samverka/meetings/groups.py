"""Discussion groups: splitting an event's people into groups, moving one person, the notes.

:func:`assign` is pure (plain tuples in, lists of ids out) so its promises can be tested as
properties; :func:`split` reads the registrations, calls it and writes the groups.

The promises of ``assign``:
- everyone is in exactly one group;
- with ``strategy="mix"`` the group sizes differ by at most one, and people from the same
  project are kept apart whenever there are at least as many groups as the largest project
  has people (otherwise they are spread as evenly as the groups allow);
- ``strategy="mix"`` spreads each portfolio over the groups; ``"by_portfolio"`` gives each
  portfolio groups of its own when there are at least as many groups as portfolios;
- the result depends only on the people and the seed, never on the order they come in.
"""

import random
from collections import defaultdict
from collections.abc import Iterable
from typing import Literal

from django.db import transaction
from django.utils import timezone

from .models import DiscussionGroup, Event, Registration

Person = tuple[int, int | None, int | None]  # (registration id, project id, portfolio id)
Strategy = Literal["mix", "by_portfolio"]
Source = Literal["attendees", "registrants"]

STRATEGIES = ("mix", "by_portfolio")
SOURCES = ("attendees", "registrants")
MAX_GROUPS = 50


def _project_teams(people: list[Person], rng: random.Random) -> list[list[Person]]:
    """People side by side with their project colleagues; a person without a project is alone.

    Teams come largest first (they are the hardest to keep apart), and among teams of one size
    the portfolios take turns, so consecutive placements mix portfolios.
    """
    teams: dict[tuple, list[Person]] = defaultdict(list)
    for person in people:
        registration_id, project_id, _portfolio_id = person
        key = ("project", project_id) if project_id is not None else ("alone", registration_id)
        teams[key].append(person)
    ordered = sorted(teams.values(), key=lambda team: team[0][0])  # canonical, before the shuffle
    rng.shuffle(ordered)

    by_size: dict[int, dict] = defaultdict(lambda: defaultdict(list))
    for team in ordered:
        by_size[len(team)][team[0][2]].append(team)
    result = []
    for size in sorted(by_size, reverse=True):
        queues = list(by_size[size].values())
        while any(queues):
            for queue in queues:
                if queue:
                    result.append(queue.pop(0))
    return result


def _mix(people: list[Person], number_of_groups: int, rng: random.Random) -> list[list[int]]:
    """Balanced groups, projects apart, portfolios spread.

    Each team of k colleagues goes to the k groups that are smallest at that moment (a team
    larger than the number of groups goes round in turns). Adding one person to each of the k
    smallest groups keeps every size within one of the others, so the sizes stay balanced and
    no two colleagues meet while a team fits in the groups. Among groups of equal size, the one
    with fewest people from the same portfolio wins, then a seeded order.
    """
    groups: list[list[int]] = [[] for _ in range(number_of_groups)]
    portfolio_counts = [defaultdict(int) for _ in range(number_of_groups)]
    tie_break = list(range(number_of_groups))
    rng.shuffle(tie_break)
    for team in _project_teams(people, rng):
        for start in range(0, len(team), number_of_groups):
            chunk = team[start : start + number_of_groups]
            portfolio = chunk[0][2]
            chosen = sorted(
                range(number_of_groups),
                key=lambda index: (len(groups[index]), portfolio_counts[index][portfolio], tie_break[index]),
            )[: len(chunk)]
            for index, (registration_id, _project_id, portfolio_id) in zip(chosen, chunk):
                groups[index].append(registration_id)
                portfolio_counts[index][portfolio_id] += 1
    return groups


def _by_portfolio(people: list[Person], number_of_groups: int, rng: random.Random) -> list[list[int]]:
    """Groups of one portfolio each when there are enough groups; otherwise whole portfolios are
    packed into the groups, largest portfolio into the smallest group."""
    portfolios: dict = defaultdict(list)
    for person in people:
        portfolios[person[2]].append(person)
    # Largest portfolio first; equal sizes in a canonical order (None sorts as -1).
    names = sorted(portfolios, key=lambda key: (-len(portfolios[key]), -1 if key is None else key))

    if len(names) > number_of_groups:
        groups: list[list[int]] = [[] for _ in range(number_of_groups)]
        for name in names:
            smallest = min(range(number_of_groups), key=lambda index: (len(groups[index]), index))
            for part in _mix(portfolios[name], 1, rng):
                groups[smallest].extend(part)
        return groups

    # Every portfolio one group, then each spare group to the portfolio with most people per group.
    shares = {name: 1 for name in names}
    for _ in range(number_of_groups - len(names)):
        if not names:
            break
        busiest = max(names, key=lambda name: (len(portfolios[name]) / shares[name], -names.index(name)))
        shares[busiest] += 1
    groups = []
    for name in names:
        groups.extend(_mix(portfolios[name], shares[name], rng))
    groups.extend([] for _ in range(number_of_groups - len(groups)))
    return groups


def assign(
    people: Iterable[Person], *, number_of_groups: int, strategy: Strategy = "mix", seed: int = 0
) -> list[list[int]]:
    """Split ``people`` — (registration id, project id, portfolio id) — into ``number_of_groups``
    lists of registration ids. Pure: no database, no side effects; the same people and seed give
    the same groups whatever order the people come in."""
    if number_of_groups < 1:
        raise ValueError("number_of_groups must be at least 1")
    if strategy not in STRATEGIES:
        raise ValueError(f"unknown strategy {strategy!r}")
    canonical = sorted(set(people), key=lambda person: person[0])
    rng = random.Random(seed)
    groups = _mix(canonical, number_of_groups, rng) if strategy == "mix" else _by_portfolio(canonical, number_of_groups, rng)
    return [sorted(group) for group in groups]


def people_for(*, event: Event, source: Source) -> list[Person]:
    """The (registration id, project id, portfolio id) of those who came, or of those registered."""
    registrations = event.registrations.all()
    if source == "attendees":
        registrations = registrations.filter(attended=True)
    else:
        registrations = registrations.filter(status=Registration.Status.REGISTERED)
    return list(registrations.values_list("pk", "project_id", "project__portfolio_id"))


def split(*, event: Event, number_of_groups: int, strategy: Strategy = "mix", source: Source = "attendees") -> list[DiscussionGroup]:
    """Replace the event's discussion groups with ``number_of_groups`` new ones.

    Side effects, in one atomic block: deletes the event's groups (topics, note-takers and notes
    with them), creates groups numbered 1…N and their members. Seeded by the event's id, so the
    same people give the same groups.
    """
    people = people_for(event=event, source=source)
    assignment = assign(people, number_of_groups=number_of_groups, strategy=strategy, seed=event.pk)
    with transaction.atomic():
        event.groups.all().delete()
        groups = DiscussionGroup.objects.bulk_create(
            DiscussionGroup(event=event, number=number) for number in range(1, number_of_groups + 1)
        )
        Membership = DiscussionGroup.members.through
        Membership.objects.bulk_create(
            Membership(discussiongroup_id=group.pk, registration_id=registration_id)
            for group, members in zip(groups, assignment)
            for registration_id in members
        )
    return groups


def move(*, registration: Registration, to: DiscussionGroup) -> None:
    """Move one person to another group of the same event.

    Side effects: removes them from their other groups of that event (and as note-taker there),
    adds them to ``to``.
    """
    with transaction.atomic():
        others = list(registration.groups.filter(event_id=to.event_id).exclude(pk=to.pk))
        for group in others:
            group.members.remove(registration)
            if group.note_taker_id == registration.pk:
                group.note_taker = None
                group.save(update_fields=["note_taker"])
        to.members.add(registration)


def save_notes(*, group: DiscussionGroup, notes: str) -> None:
    """Side effects: stores the group's notes (Markdown) and when they were last changed."""
    group.notes = notes
    group.notes_updated_at = timezone.now()
    group.save(update_fields=["notes", "notes_updated_at"])
