"""People for the scale data (``python manage.py generate_scale_data``): accounts that register
for events and vote in polls.

Obviously fictional: first names and invented surnames from the demo, addresses
``deltagare<id>@example.org`` (a running number, the person's id, so a second run never
clashes), no usable password (nobody signs in as them). Each gets an audience tag; most are
project leaders of one of the new projects (the role itself is the registry's row, written by
``registry.scale_data.generate_project_roles``).
"""

import random
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from samverka.registry.demo_data import geography, people
from samverka.registry.scale_data import next_id, reset_sequences, write_rows

from .models import Audience, User

TITLES = ["Projektledare", "Projektledare", "Projektledare", "Projektmedarbetare", "Kommunikatör",
          "Energi- och klimatrådgivare", "Utvecklingsstrateg", "Verksamhetsutvecklare", "Hållbarhetschef"]
ORGANISATION_KINDS = ["kommun", "Energikontor", "Region", "Energi AB", "Teknikpark", "Ekonomisk förening", "Högskola"]
# Audience code and how likely a person has it.
AUDIENCES = [(Audience.Code.PROJECT_LEADER, 0.8), (Audience.Code.REGIONAL_OFFICIAL, 0.12), (Audience.Code.OTHER_ACTOR, 0.08)]


def email_of(person_id: int) -> str:
    return f"deltagare{person_id:07d}@example.org"


@dataclass
class People:
    """The people one run added: ids ``first .. first + count - 1``; ``projects[n]`` is the
    project the n-th leads (or None), ``names`` and ``organisations`` what registrations copy."""

    first: int = 0
    names: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    projects: list[int | None] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.names)

    @property
    def ids(self) -> range:
        return range(self.first, self.first + self.count)

    def row(self, person_id: int) -> tuple[str, str, str, int | None]:
        """(name, e-mail, organisation, project) of one of these people."""
        n = person_id - self.first
        return self.names[n], email_of(person_id), self.organisations[n], self.projects[n]


def generate_people(count: int, *, seed: int = 1, project_ids: range | None = None) -> People:
    """Add ``count`` people with an audience tag each; return who they are.

    Leaders (the project-leader audience) are spread over ``project_ids`` without two on one
    project, as long as there are projects left. Side effects: inserts users and their
    audience links in one transaction, then moves the id sequence on.
    """
    result = People()
    if count <= 0:
        return result
    rng = random.Random(f"{seed}-people")
    places = [place for pairs in geography.PLACES.values() for place, _county in pairs]
    codes, weights = zip(*AUDIENCES, strict=True)
    audience_ids = {}
    for code in codes:
        audience_ids[code] = Audience.objects.get_or_create(code=code)[0].pk
    codes_drawn = rng.choices(codes, weights, k=count)
    leaders = sum(code == Audience.Code.PROJECT_LEADER for code in codes_drawn)
    pool = project_ids or range(0)
    projects = rng.sample(pool, min(leaders, len(pool)))
    now = timezone.now()
    with transaction.atomic():
        result.first = next_id(User)
        tags = []
        rows = []
        for n in range(count):
            person_id = result.first + n
            name = f"{rng.choice(people.FIRST_NAMES)} {rng.choice(people.SURNAMES)}"
            place = rng.choice(places)
            kind = rng.choice(ORGANISATION_KINDS)
            organisation = f"{place} {kind}" if kind != "kommun" else f"{place}s kommun"
            code = codes_drawn[n]
            project = projects.pop() if code == Audience.Code.PROJECT_LEADER and projects else None
            title = "Projektledare" if project else rng.choice(TITLES)
            result.names.append(name)
            result.organisations.append(organisation)
            result.projects.append(project)
            tags.append((person_id, audience_ids[code]))
            rows.append((person_id, "!", False, False, True, now, email_of(person_id), name, "", organisation,
                         title, "sv"))
        write_rows(User, ["id", "password", "is_superuser", "is_staff", "is_active", "date_joined", "email", "name",
                          "phone", "organisation_name", "title", "language"], rows)
        write_rows(User.audiences.through, ["user_id", "audience_id"], tags)
    reset_sequences(User, User.audiences.through)
    return result
