"""Search benchmark: 100 000 search entries on PostgreSQL, typical queries timed through the
search function and through the whole /sok/ page.

    .venv/bin/python bench/search_bench.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samverka_bench_search .venv/bin/python bench/search_bench.py
    .venv/bin/python bench/search_bench.py --entries 20000 --runs 10 --fresh

The database (``DATABASE_URL``, by default samverka_bench_search on 127.0.0.1) is created and
migrated when missing (with ``random_page_cost = 1.1`` and ``jit = off``, as
docs/deploy.md asks for on SSD storage) and seeded when it does not hold ``--entries`` entries (``--fresh`` seeds
again): six portfolios, eight programme areas and entries whose Swedish text (one in ten in
English) is put together from word lists of the low-carbon theme (projects, tips, results,
news and events), inserted with ``bulk_create``, given their facet rows by an SQL ``UPDATE`` and their match rows
(with the vectors) by ``write_matches``, as ``rebuild_search_index`` does.

Each query below runs ``--runs`` times (after one warm-up) through
``search_results.search()`` and through the page with the Django test client; the script prints
the median and the 95th percentile over all queries and runs, and the ratio to a baseline
measured in the same run: a one-row lookup (``SearchEntry.objects.get``) for the function and
the content page /om/ (one page row) for the page.
Target (issue 5, "Must hold"): median under 50 ms, p95 under 150 ms.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/samverka_bench_search"
TARGET_MEDIAN_MS, TARGET_P95_MS = 50, 150
QUERIES = [
    "laddstolpar", "transport", "energieffektivisering", "solceller", "vätgas", "biogas",
    '"tunga transporter"', "laddstolpe norrbotten", "energi -sol", "vindkraft or solkraft",
    "småföretag", "fjärrvärme", "cirkulär ekonomi", "klimatsmart byggande", "elbilar",
    "spridning målgrupp", "charging stations", "kommun", "energikartläggning", '"förnybar energi"',
]

# --- Text from word lists ---------------------------------------------------------------------

TOPICS = [
    "laddstolpar", "laddinfrastruktur", "vätgas", "biogas", "solceller", "solkraft", "vindkraft", "fjärrvärme",
    "energieffektivisering", "energikartläggning", "elbilar", "eldrivna bussar", "tunga transporter",
    "godstransporter", "kollektivtrafik", "cykelpendling", "klimatsmart byggande", "träbyggnader",
    "cirkulär ekonomi", "restvärme", "batterilager", "smarta elnät", "förnybar energi", "energilagring",
    "värmepumpar", "biodrivmedel", "samåkning", "energitjänster", "passivhus", "renovering av flerbostadshus",
]
ACTORS = [
    "småföretag", "kommuner", "lantbrukare", "fastighetsägare", "åkerier", "besöksnäringen", "industrin",
    "regionala utvecklingsansvariga", "energikontor", "bostadsbolag", "tillverkande företag", "skolor",
]
PLACES = [
    "Norrbotten", "Västerbotten", "Jämtland", "Dalarna", "Värmland", "Östergötland", "Skåne", "Blekinge",
    "Småland", "Gotland", "Västra Götaland", "Stockholm", "Uppsala", "Gävleborg", "Halland", "Kalmar",
]
VERBS = [
    "prövar", "utvecklar", "sprider kunskap om", "samordnar", "mäter effekten av", "bygger ut", "kartlägger",
    "demonstrerar", "utvärderar", "stöttar införandet av", "tar fram en modell för", "samverkar kring",
]
OUTCOMES = [
    "minskade utsläpp av växthusgaser", "lägre energianvändning", "fler arbetstillfällen", "nya affärsmodeller",
    "ökad kunskap hos målgruppen", "en spridningskonferens", "ett webbinarium för projektledare",
    "en handbok för kommuner", "bättre lönsamhet", "en gemensam upphandling", "en strukturförändring i regionen",
]
FILLERS = [
    "Projektet har under året", "Erfarenheterna visar att", "Målgruppen efterfrågar", "Utvärderingen pekar på att",
    "Deltagarna på projektledarträffen lyfte att", "Ett tips till andra projekt är att", "Resultatet blev",
    "Spridningsaktiviteterna nådde", "Samarbetet med andra projekt gav", "Nästa steg är att",
]
ENGLISH = [
    "charging stations for heavy transport", "energy efficiency in small businesses", "hydrogen in the north",
    "solar panels on farms", "district heating from waste heat", "circular economy in construction",
    "electric buses in rural areas", "biogas from manure", "dissemination of project results",
]


GENERAL = [
    "ansökan", "budgeten", "styrgruppen", "lägesrapporten", "indikatorerna", "medfinansieringen", "upphandlingen",
    "kommunikationsplanen", "målgruppsanalysen", "arbetspaketen", "referensgruppen", "slutrapporten",
    "förstudien", "nätverksträffarna", "workshopparna", "studiebesöken", "nyhetsbrevet", "webbplatsen",
    "jämställdheten", "tillgängligheten", "miljöbedömningen", "affärsplanen", "lönsamhetskalkylen",
    "kompetensutvecklingen", "utbildningsinsatserna", "rådgivningen", "checklistan", "mätningarna",
]


def sentence(rng, topic: str) -> str:
    # A text keeps to its own subject; now and then it mentions another one or a general matter.
    roll = rng.random()
    subject = topic if roll < 0.55 else rng.choice(TOPICS) if roll < 0.65 else rng.choice(GENERAL)
    return (
        f"{rng.choice(FILLERS)} {rng.choice(ACTORS)} i {rng.choice(PLACES)} {rng.choice(VERBS)} "
        f"{subject}, vilket ger {rng.choice(OUTCOMES)}."
    )


def swedish_text(rng) -> tuple[str, str, str]:
    topic = rng.choice(TOPICS)
    title = f"{topic.capitalize()} för {rng.choice(ACTORS)} i {rng.choice(PLACES)}"
    lead = " ".join(sentence(rng, topic) for _ in range(2))
    body = " ".join(sentence(rng, topic) for _ in range(rng.randint(6, 16)))
    return title, lead, body


def english_text(rng) -> tuple[str, str, str]:
    topic = rng.choice(ENGLISH)
    title = f"{topic.capitalize()} in {rng.choice(PLACES)}"
    lead = f"What we learnt about {topic} and {rng.choice(ENGLISH)}."
    body = " ".join(
        f"The project worked on {rng.choice(ENGLISH)} with partners in {rng.choice(PLACES)} and shared the results."
        for _ in range(rng.randint(6, 14))
    )
    return title, lead, body


# --- Seeding ----------------------------------------------------------------------------------


def seed(entries: int, rng) -> float:
    """Replace the search entries with ``entries`` generated ones; return the seconds it took."""
    from django.db import connection, transaction
    from django.utils import timezone

    from samverka.knowledge.models import SearchEntry, SearchMatch
    from samverka.knowledge.search import assign_facets, write_matches
    from samverka.pages.models import Page
    from samverka.registry.models import Portfolio, ProgrammePeriod, Region, ThemeArea

    started = time.perf_counter()
    with transaction.atomic():
        period, _ = ProgrammePeriod.objects.get_or_create(name="2014–2020", defaults={"start_year": 2014, "end_year": 2020})
        theme, _ = ThemeArea.objects.get_or_create(period=period, code="TO4", defaults={"name": "Koldioxidsnål ekonomi"})
        portfolios = [
            Portfolio.objects.get_or_create(slug=slug, defaults={"theme": theme, "name": name, "order": order})[0]
            for order, (name, slug) in enumerate([
                ("Hållbara transporter", "hallbara-transporter"), ("Förnybar energi", "fornybar-energi"),
                ("Hållbart byggande", "hallbart-byggande"), ("Energieffektivisering i SMF", "energieffektivisering-smf"),
                ("Företagsstöd", "foretagsstod"), ("Forskning och innovation", "forskning-och-innovation"),
            ])
        ]
        areas = [
            Region.objects.get_or_create(kind=Region.Kind.AREA, code=code, defaults={"name": name, "slug": slug})[0]
            for code, name, slug in [
                ("SE33", "Övre Norrland", "ovre-norrland"), ("SE32", "Mellersta Norrland", "mellersta-norrland"),
                ("SE31", "Norra Mellansverige", "norra-mellansverige"), ("SE12", "Östra Mellansverige", "ostra-mellansverige"),
                ("SE11", "Stockholm", "stockholm"), ("SE23", "Västsverige", "vastsverige"),
                ("SE21", "Småland och öarna", "smaland-och-oarna"), ("SE22", "Skåne-Blekinge", "skane-blekinge"),
            ]
        ]
        Page.objects.get_or_create(slug="om", defaults={"title": "Om nätverket", "body": "Ett nätverk."})
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {SearchMatch._meta.db_table}")
            cursor.execute(f"DELETE FROM {SearchEntry._meta.db_table}")
        kinds = ["project"] * 5 + ["tip", "result", "model", "story", "evaluation", "news", "news", "event"]
        now = timezone.now()
        batch = 5000
        for start in range(0, entries, batch):
            rows = []
            for number in range(start, min(entries, start + batch)):
                english = rng.random() < 0.1
                title, lead, body = english_text(rng) if english else swedish_text(rng)
                kind = rng.choice(kinds)
                moment = now - datetime.timedelta(days=rng.randint(0, 3650))
                portfolio, area = rng.choice(portfolios).pk, rng.choice(areas).pk if kind == "project" else None
                rows.append(SearchEntry(
                    source={"project": "project", "news": "news", "event": "event"}.get(kind, "knowledge"),
                    object_id=number + 1, kind=kind, language="en" if english else "sv", title=title, lead=lead,
                    body=body, year=moment.year, published_at=None if kind == "project" else moment,
                    portfolio_ids=[portfolio], area_ids=[area] if area else [],
                ))
            SearchEntry.objects.bulk_create(rows)
        assign_facets()
        write_matches()
    with connection.cursor() as cursor:
        # Every entry was written twice in one transaction (inserted, given its facet row): the heap
        # would hold dead rows beside the live ones, and each search's page read them too. A table
        # kept current row by row stays compact (autovacuum reuses the space); after a full rebuild
        # docs/deploy.md says to do the same.
        cursor.execute("VACUUM (FULL, ANALYZE) knowledge_searchentry")
        cursor.execute("VACUUM (FULL, ANALYZE) knowledge_searchmatch")
    return time.perf_counter() - started


# --- Timing -----------------------------------------------------------------------------------


def percentiles(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]


def time_calls(call, arguments, runs: int) -> list[float]:
    for argument in arguments:
        call(argument)  # warm-up
    times = []
    for _ in range(runs):
        for argument in arguments:
            started = time.perf_counter()
            call(argument)
            times.append((time.perf_counter() - started) * 1000)
    return times


def report(label: str, times: list[float], baseline: float | None = None, target: bool = False) -> bool:
    median, p95 = percentiles(times)
    ratio = f"x{median / baseline:7.1f}" if baseline else " " * 8
    met = median < TARGET_MEDIAN_MS and p95 < TARGET_P95_MS
    verdict = ("  OK" if met else f"  MISSED (target median < {TARGET_MEDIAN_MS} ms, p95 < {TARGET_P95_MS} ms)") if target else ""
    print(f"  {label:44} median {median:7.2f} ms   p95 {p95:7.2f} ms   {ratio} baseline{verdict}")
    return met or not target


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="times each query runs")
    parser.add_argument("--fresh", action="store_true", help="seed again even when the entries are there")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        print("search_bench measures PostgreSQL: set DATABASE_URL to a postgres:// address.")
        return 2
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit((parts.scheme, parts.netloc, "/postgres", parts.query, ""))
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
        # The settings docs/deploy.md asks for on SSD storage (see there for why).
        connection.execute(f'ALTER DATABASE "{name}" SET random_page_cost = 1.1')
        connection.execute(f'ALTER DATABASE "{name}" SET jit = off')

    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,testserver")
    os.environ.setdefault("STATIC_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")
    import django

    django.setup()
    import logging

    logging.getLogger("samverka.request").setLevel(logging.WARNING)  # one log line per request otherwise
    from django.core.management import call_command
    from django.test import Client
    from django.utils import translation

    from samverka.knowledge.models import SearchEntry
    from samverka.knowledge.search_results import search

    call_command("migrate", verbosity=0)
    count = SearchEntry.objects.count()
    if args.fresh or count != args.entries:
        print(f"Seeding {args.entries:,} search entries …", flush=True)
        print(f"  seeded in {seed(args.entries, random.Random(args.seed)):.1f} s")
    print(f"Search benchmark on PostgreSQL: {SearchEntry.objects.count():,} entries, {len(QUERIES)} queries "
          f"x {args.runs} runs")

    translation.activate("sv")
    one = SearchEntry.objects.order_by("pk").values_list("pk", flat=True).first()
    base = statistics.median(time_calls(lambda pk: SearchEntry.objects.get(pk=pk), [one] * len(QUERIES), args.runs))
    report("baseline: one-row lookup (ORM get)", [base, base], base)
    ok = report("search() with facets, first page", time_calls(search, QUERIES, args.runs), base, target=True)
    found = {query: search(query).total for query in QUERIES}
    print("  hits per query: " + ", ".join(f"{q} {n:,}" for q, n in found.items()))

    client = Client(HTTP_HOST="127.0.0.1")
    page_base = statistics.median(time_calls(lambda _: client.get("/om/"), [None] * len(QUERIES), args.runs))
    report("baseline: content page /om/", [page_base, page_base], page_base)

    def page(query):
        response = client.get("/sok/", {"q": query})
        assert response.status_code == 200, response.status_code

    ok &= report("the /sok/ page", time_calls(page, QUERIES, args.runs), page_base, target=True)

    def filtered(query):
        response = client.get("/sok/", {"q": query, "kind": ["tip", "result"], "portfolio": "fornybar-energi"})
        assert response.status_code == 200, response.status_code

    ok &= report("the /sok/ page, filtered by kind and portfolio", time_calls(filtered, QUERIES, args.runs), page_base,
                 target=True)
    print("All targets met." if ok else "A target was missed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
