"""Projects like yours: refreshing one source at 10 000 and 100 000 documents, and rebuilding
everything at 10 000, on PostgreSQL.

    .venv/bin/python bench/similarity_bench.py
    .venv/bin/python bench/similarity_bench.py --sizes 10000 --refreshes 50 --seed 3

For each size it migrates a fresh PostgreSQL database (samverka_bench_similar, created and
dropped; the server from DATABASE_URL if it is PostgreSQL, else postgres://postgres@127.0.0.1),
bulk-inserts that many projects and builds the stored index (profiles, document frequencies,
postings: ``related.refresh_all(lists=False)``), then times ``related.refresh_source`` (forced,
so each run does the whole work: stem the text, move the frequencies, replace the postings,
find candidates through the index, rank them, replace the lists) for randomly chosen projects.
At the first size (10 000 by default) it also times ``related.refresh_all()``.

The texts are built from the demo's hand-written topics (texts.py) mixed with words drawn from
a 30 000-word synthetic vocabulary with a Zipf-like spread, so that the index sees both the
common words of the theme and a long tail, as real project descriptions have.

Baselines, measured in the same run:
- for one source: the least any refresh must do, reading the one text, stemming it and
  replacing its stored list with ready rows, without finding any neighbour;
- for the full rebuild: reading and stemming every text, without weights, index or lists.
Each refresh is timed as the median (and 95th percentile) of ``--refreshes`` sources.
Target (issue 5): one refresh must not grow with the corpus as re-stemming it would.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DB_NAME = "samverka_bench_similar"
SYLLABLES = "ka la ne ri so ta ve mi lo gra sk str and en ing ar or ern het lig be för ut".split()


def vocabulary(rng, size=30_000):
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def seed(count: int, rng: random.Random) -> list[int]:
    """``count`` projects with text, in six portfolios over two theme areas. Returns their ids."""
    import datetime
    from decimal import Decimal

    from samverka.registry.demo_data import texts
    from samverka.registry.models import Organisation, Portfolio, Programme, ProgrammePeriod, Project, Region, ThemeArea

    period = ProgrammePeriod.objects.create(name="2014–2020", start_year=2014, end_year=2020)
    themes = [ThemeArea.objects.create(period=period, code=code, name=code) for code in ("TO4", "PO2")]
    area = Region.objects.create(kind=Region.Kind.AREA, code="SE33", name="Övre Norrland", slug="ovre-norrland")
    programme = Programme.objects.create(period=period, name="Program", cci="2014SE16RFOP008", area=area)
    owner = Organisation.objects.create(name="Energikontoret")
    slugs = list(texts.TOPICS)
    portfolios = {
        slug: Portfolio.objects.create(theme=themes[0], name=slug, slug=slug, order=order)
        for order, slug in enumerate(slugs)
    }
    words = vocabulary(rng)
    weights = [1 / (rank + 1) for rank in range(len(words))]
    places = ["Kiruna", "Luleå", "Umeå", "Växjö", "Kalmar", "Malmö", "Karlstad", "Falun", "Gävle", "Visby"]
    batch = []
    for number in range(count):
        slug = slugs[number % len(slugs)]
        title, summary, purpose, target_groups, results = rng.choice(texts.TOPICS[slug])
        place = rng.choice(places)
        extra = " ".join(rng.choices(words, weights=weights, k=rng.randint(20, 60)))
        batch.append(Project(
            programme=programme, case_number=f"{30000000 + number}", title=title.format(place=place),
            summary=summary.format(place=place), purpose=purpose, target_groups=target_groups,
            expected_results=results, background=f"{rng.choice(texts.BACKGROUNDS[slug]).format(place=place)} {extra}",
            owner=owner, portfolio=portfolios[slug], theme=themes[number % 2], area=area,
            start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2022, 12, 31),
            total_budget=Decimal("1000000"), eu_funding=Decimal("400000"),
        ))
        if len(batch) == 5000:
            Project.objects.bulk_create(batch)
            batch = []
    Project.objects.bulk_create(batch)
    return list(Project.objects.values_list("pk", flat=True))


def baseline_one(object_id: int) -> None:
    """Read one text, stem it and replace its list with ready rows: no neighbour is searched."""
    from django.db import transaction

    from samverka.knowledge import related
    from samverka.knowledge.models import Related

    with transaction.atomic():
        document = related.load_document("project", object_id)
        rows = [
            Related(source="project", source_id=object_id, target="project", target_id=object_id + rank, rank=rank,
                    score=0.5, terms=sorted(document.counts)[:3])
            for rank in range(1, 9)
        ]
        Related.objects.filter(source="project", source_id=object_id).delete()
        Related.objects.bulk_create(rows)


def timed(function, ids) -> dict:
    times = []
    for object_id in ids:
        started = time.perf_counter()
        function(object_id)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 2 else times[0]
    return {"median": statistics.median(times), "p95": p95}


def run_one(size: int, refreshes: int, full: bool, seed_value: int) -> int:
    """Runs inside a child process whose DATABASE_URL points at a fresh database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from samverka.knowledge import related
    from samverka.knowledge.models import Related, SimilarityPosting, SimilarityTerm

    call_command("migrate", verbosity=0)
    rng = random.Random(seed_value)
    started = time.perf_counter()
    ids = seed(size, rng)
    seeded = time.perf_counter() - started
    print(f"\n{size} projects on {connection.vendor} (seeded in {seeded:.0f} s)")

    if full:
        started = time.perf_counter()
        related.all_documents()
        stem_only = time.perf_counter() - started
        summary = related.refresh_all()
        print(f"  {'refresh_all(): every profile, posting and list':52} {summary.seconds:8.1f} s "
              f"{summary.seconds / stem_only:8.1f}× baseline")
        print(f"  {'  baseline: read and stem every text':52} {stem_only:8.1f} s")
        print(f"  {'':52} ({summary.rows} related rows)")
    else:
        started = time.perf_counter()
        summary = related.refresh_all(lists=False)
        print(f"  {'build the stored index (refresh_all, no lists)':52} {summary.seconds:8.1f} s")
    print(f"  index: {SimilarityTerm.objects.count()} stems, {SimilarityPosting.objects.count()} postings")

    sample = rng.sample(ids, refreshes)
    for object_id in sample[:3]:  # warm the caches and the stemmer
        related.refresh_source(source="project", object_id=object_id, force=True)
    base = timed(baseline_one, sample)
    result = timed(lambda object_id: related.refresh_source(source="project", object_id=object_id, force=True), sample)
    print(f"  {'refresh one source (median, p95)':52} {result['median']:7.1f}ms {result['p95']:7.1f}ms "
          f"{result['median'] / base['median']:6.1f}× baseline")
    print(f"  {'  baseline: read, stem, replace its rows':52} {base['median']:7.1f}ms {base['p95']:7.1f}ms")
    found = Related.objects.filter(source="project", source_id__in=sample).values("source_id").distinct().count()
    print(f"  sources with neighbours after refreshing: {found} of {len(sample)}")
    return 0


def postgres_url(base_url: str, name: str) -> str:
    parts = urlsplit(base_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated corpus sizes")
    parser.add_argument("--refreshes", type=int, default=30)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--full", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return run_one(args.child, args.refreshes, args.full, args.seed)

    import psycopg

    base_url = os.environ.get("DATABASE_URL", "")
    server = base_url if base_url.startswith("postgres") else "postgres://postgres@127.0.0.1:5432/postgres"
    admin_url = postgres_url(server, "postgres")
    status = 0
    for position, size in enumerate(int(value) for value in args.sizes.split(",")):
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
            connection.execute(f"CREATE DATABASE {DB_NAME}")
        try:
            command = [sys.executable, __file__, "--child", str(size), "--refreshes", str(args.refreshes),
                       "--seed", str(args.seed)] + (["--full"] if position == 0 else [])
            status |= subprocess.call(
                command, cwd=ROOT, env={**os.environ, "DATABASE_URL": postgres_url(server, DB_NAME), "DEBUG": "0"}
            )
        finally:
            with psycopg.connect(admin_url, autocommit=True) as connection:
                connection.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    return status


if __name__ == "__main__":
    sys.exit(main())
