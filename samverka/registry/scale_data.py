"""Registries at national or EU scale for benchmarks: many projects, fast.

``generate_projects(count)`` adds ``count`` projects (with a county and co-financing each) on the
demo's frame of periods, areas, portfolios and programmes, with realistic Swedish text from the
demo's building blocks. Rows get explicit ids and are written in batches: PostgreSQL's
``COPY`` there, ``bulk_create`` on SQLite. No model signals fire; whoever needs derived data
(the search index) rebuilds it afterwards. The projects are recognisable by their case numbers,
which start with 9 and have eight digits, so a second run adds after the first.
"""

import datetime
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from .demo_data import geography, load_frame, texts
from .models import CoFinancing, Organisation, Project

CASE_PREFIX = "9"
MAX_PROJECTS = 9_999_999
OWNER_KINDS = ["Energikontor", "Kommun", "Region", "Energi AB", "Fastigheter AB", "Högskola", "Teknikpark", "Ekonomisk förening"]


@dataclass
class Frame:
    programmes: list  # (programme, area id, counties)
    portfolios: list
    themes: dict
    places: dict  # county id → towns and the county's own name
    bodies: dict  # county id → the regional body that co-finances there


def _frame() -> Frame:
    periods, regions, themes, portfolios, programmes = load_frame()
    counties_by_area: dict[int, list] = {}
    for (kind, _code), region in regions.items():
        if kind == "county":
            counties_by_area.setdefault(region.parent_id, []).append(region)
    every_county = [region for (kind, _c), region in regions.items() if kind == "county"]
    rows = []
    for programme in programmes.values():
        counties = counties_by_area.get(programme.area_id, every_county)
        rows.append((programme, programme.area_id, counties))
    county_ids = {region.code: region.pk for region in every_county}
    places: dict[int, list[str]] = {}
    for pairs in geography.PLACES.values():
        for place, county_code in pairs:
            if county_code:  # a few places span several counties
                places.setdefault(county_ids[county_code], []).append(place)
    bodies = {
        county_ids[code]: body for _a, _n, _s, counties in geography.AREAS for code, _name, _slug, body in counties
    }
    return Frame(
        programmes=rows, portfolios=list(portfolios.values()), themes=themes, places=places, bodies=bodies
    )


def _texts(rng: random.Random, portfolio_slug: str, place: str):
    title, summary, purpose, target_groups, expected = rng.choice(texts.TOPICS[portfolio_slug])
    background = rng.choice(texts.BACKGROUNDS[portfolio_slug])
    return (
        title.format(place=place),
        summary.format(place=place),
        background.format(place=place) if "{place}" in background else background,
        purpose,
        target_groups,
        expected,
    )


def _next_case_number() -> int:
    last = (
        Project.objects.filter(case_number__startswith=CASE_PREFIX, case_number__regex=r"^9[0-9]{7}$")
        .order_by("-case_number")
        .values_list("case_number", flat=True)
        .first()
    )
    return int(last[1:]) + 1 if last else 1


def _next_id(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


next_id = _next_id


# --- Shared by every app's scale-data writer ---------------------------------------------------


def write_rows(model, columns: list[str], rows) -> int:
    """Write ``rows`` (tuples in the order of ``columns``, the fields' attnames) into ``model``'s
    table: PostgreSQL's ``COPY`` there, ``bulk_create`` elsewhere. No signals, no ``save()``;
    a column left out takes the database's default on PostgreSQL (the id's sequence) and the
    field's default on SQLite. Returns the number of rows written."""
    written = 0
    if connection.vendor == "postgresql":
        table = model._meta.db_table
        with connection.cursor() as cursor, cursor.cursor.copy(
            f"COPY {table} ({', '.join(map(connection.ops.quote_name, columns))}) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)
                written += 1
        return written
    batch = []
    for row in rows:
        batch.append(model(**dict(zip(columns, row, strict=True))))
        if len(batch) == 5000:
            model.objects.bulk_create(batch)
            written += len(batch)
            batch = []
    if batch:
        model.objects.bulk_create(batch)
        written += len(batch)
    return written


def reset_sequences(*models) -> None:
    """Move PostgreSQL's id sequences of these models' tables past their rows (after ``COPY`` with
    explicit ids), and refresh the planner's statistics. Nothing to do on SQLite."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 1))"
            )
            cursor.execute(f"ANALYZE {table}")


def _owners(rng: random.Random, count: int) -> list[int]:
    """About one owner for every 25 projects, at least 50, named like the network's owners."""
    wanted = max(50, count // 25)
    places = [place for pairs in geography.PLACES.values() for place, _county in pairs]
    start = _next_id(Organisation)
    owners = [
        Organisation(pk=start + n, name=f"{rng.choice(places)} {rng.choice(OWNER_KINDS)} {start + n}")
        for n in range(wanted)
    ]
    Organisation.objects.bulk_create(owners, batch_size=5000)
    return [owner.pk for owner in owners]


def _paid_out(rng, eu: Decimal, start, end, today) -> Decimal | None:
    """The EU funding paid out so far: unknown for one project in five, nothing before the start,
    most of it once the project has ended, in step with the time gone by in between."""
    if rng.random() < 0.2:
        return None
    if start >= today:
        return Decimal(0)
    gone = 1.0 if end <= today else (today - start).days / max(1, (end - start).days)
    share = Decimal(str(round(min(1.0, gone) * rng.uniform(0.75, 1.0), 2)))
    return (eu * share).quantize(Decimal("1"))


def _rows(count: int, *, seed: int, frame: Frame, owners: list[int]) -> Iterator[tuple[dict, int, list]]:
    """(project fields, county id, co-financing rows) for each new project."""
    rng = random.Random(seed)
    first_case = _next_case_number()
    if first_case + count - 1 > MAX_PROJECTS:
        raise ValueError(f"At most {MAX_PROJECTS} scale projects fit the case-number range.")
    start_id = _next_id(Project)
    now = timezone.now()
    for n in range(count):
        programme, area_id, counties = rng.choice(frame.programmes)
        county = rng.choice(counties)
        portfolio = rng.choice(frame.portfolios)
        period = programme.period.name
        place = rng.choice(frame.places.get(county.pk) or [county.name])
        title, summary, background, purpose, target_groups, expected = _texts(rng, portfolio.slug, place)
        first_year = 2015 if period.startswith("2014") else 2022
        start = datetime.date(rng.randint(first_year, first_year + 4), rng.randint(1, 12), 1)
        end = start + datetime.timedelta(days=rng.randint(365, 365 * 3))
        total = Decimal(rng.randrange(200_000, 60_000_000, 1000))
        eu = (total * Decimal(rng.choice(["0.4", "0.5", "0.6"]))).quantize(Decimal("1"))
        public = ((total - eu) * Decimal("0.7")).quantize(Decimal("1"))
        paid_out = _paid_out(rng, eu, start, end, now.date())
        fields = {
            "id": start_id + n,
            "programme_id": programme.pk,
            "case_number": f"{CASE_PREFIX}{first_case + n:07d}",
            "title": title,
            "summary": summary,
            "background": background,
            "purpose": purpose,
            "target_groups": target_groups,
            "expected_results": expected,
            "owner_id": rng.choice(owners),
            "portfolio_id": portfolio.pk,
            "theme_id": frame.themes[period].pk,
            "area_id": area_id,
            "start_date": start,
            "end_date": end,
            "total_budget": total,
            "eu_funding": eu,
            "paid_out": paid_out,
            "status_override": "",
            "website": "",
            "created_at": now,
            "updated_at": now,
        }
        cofinancing = [
            (frame.bodies.get(county.pk, "Regionen"), CoFinancing.Kind.PUBLIC, public),
            (rng.choice(texts.PRIVATE_FINANCIERS), CoFinancing.Kind.PRIVATE, total - eu - public),
        ]
        yield fields, county.pk, cofinancing


PROJECT_COLUMNS = [
    "id", "programme_id", "case_number", "title", "summary", "background", "purpose", "target_groups",
    "expected_results", "owner_id", "portfolio_id", "theme_id", "area_id", "start_date", "end_date",
    "total_budget", "eu_funding", "paid_out", "status_override", "website", "created_at", "updated_at",
]


def _write_postgresql(batch, counties_through, cofinancing_start):
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg 3: COPY is on the driver's cursor
        with raw.copy(f"COPY registry_project ({', '.join(PROJECT_COLUMNS)}) FROM STDIN") as copy:
            for fields, _county, _co in batch:
                copy.write_row([fields[column] for column in PROJECT_COLUMNS])
        with raw.copy(f"COPY {counties_through} (project_id, region_id) FROM STDIN") as copy:
            for fields, county, _co in batch:
                copy.write_row([fields["id"], county])
        with raw.copy("COPY registry_cofinancing (id, project_id, financier, kind, amount) FROM STDIN") as copy:
            next_id = cofinancing_start
            for fields, _county, cofinancing in batch:
                for financier, kind, amount in cofinancing:
                    copy.write_row([next_id, fields["id"], financier, kind, amount])
                    next_id += 1
    return next_id


def _write_sqlite(batch, counties_model, cofinancing_start):
    Project.objects.bulk_create([Project(**fields) for fields, _c, _co in batch], batch_size=2000)
    counties_model.objects.bulk_create(
        [counties_model(project_id=fields["id"], region_id=county) for fields, county, _co in batch], batch_size=5000
    )
    rows, next_id = [], cofinancing_start
    for fields, _county, cofinancing in batch:
        for financier, kind, amount in cofinancing:
            rows.append(CoFinancing(pk=next_id, project_id=fields["id"], financier=financier, kind=kind, amount=amount))
            next_id += 1
    CoFinancing.objects.bulk_create(rows, batch_size=5000)
    return next_id


def _reset_sequences():
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in ("registry_project", "registry_organisation", "registry_cofinancing"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 1))"
            )


def generate_projects(
    count: int, *, seed: int = 1, batch_size: int = 20_000, progress: Callable[[int, float], None] | None = None
) -> int:
    """Add ``count`` projects on the demo frame and return how many were added.

    Side effects: creates the frame where missing, about ``count / 25`` organisations, the
    projects, one county link and two co-financing rows each, then moves PostgreSQL's id
    sequences past the new rows. Each batch commits on its own, so a long run can be watched
    (``progress(done, seconds)``) and an interrupted one keeps whole batches.
    """
    if count <= 0:
        return 0
    started = time.perf_counter()
    with transaction.atomic():
        frame = _frame()
        owners = _owners(random.Random(seed), count)
    through = Project.counties.through
    write = _write_postgresql if connection.vendor == "postgresql" else _write_sqlite
    target = through._meta.db_table if connection.vendor == "postgresql" else through
    cofinancing_next = _next_id(CoFinancing)
    done, batch = 0, []
    for row in _rows(count, seed=seed, frame=frame, owners=owners):
        batch.append(row)
        if len(batch) == batch_size:
            with transaction.atomic():
                cofinancing_next = write(batch, target, cofinancing_next)
            done += len(batch)
            batch = []
            if progress:
                progress(done, time.perf_counter() - started)
    if batch:
        with transaction.atomic():
            write(batch, target, cofinancing_next)
        done += len(batch)
    _reset_sequences()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE registry_project; ANALYZE registry_cofinancing; ANALYZE registry_organisation")
    if progress and done % batch_size:
        progress(done, time.perf_counter() - started)
    return done


def generate_project_roles(people) -> int:
    """The leader role of each new person who leads a project (``accounts.scale_data.People``).
    Side effects: inserts ``ProjectRole`` rows (never two for one project and person)."""
    from .models import ProjectRole

    rows = [
        (project, person_id, ProjectRole.Role.LEADER)
        for person_id, project in zip(people.ids, people.projects, strict=True)
        if project is not None
    ]
    # In the order of the projects: the foreign-key checks then visit each page of the big
    # project table once instead of at random (several times faster on PostgreSQL at scale).
    rows.sort()
    with transaction.atomic():
        written = write_rows(ProjectRole, ["project_id", "person_id", "role"], rows)
    reset_sequences(ProjectRole)
    return written
