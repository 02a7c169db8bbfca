"""Open-data API benchmark: the project list and a project on PostgreSQL with 100 000 projects,
then the cursor at 1 000 000.

    .venv/bin/python bench/api_bench.py                    # postgres://postgres@127.0.0.1:5432 (or DATABASE_URL's server)
    .venv/bin/python bench/api_bench.py --projects 100000 --requests 50 --no-million

It migrates a fresh PostgreSQL database (samverka_bench_api, created and dropped), writes a
registry frame (2 periods, 9 programmes, 8 programme areas with 21 counties, 6 portfolios, 2 000
owners) and the projects with COPY (one county each, start dates spread over 2014–2027), runs
ANALYZE, and times through Django's test client (no network, the whole middleware stack):

- ``GET /api/v1/projects`` (50 a page): unfiltered; filtered by portfolio and county; the same
  filtered page deep in the list; a deep page unfiltered (a cursor near the oldest project);
  a text search (``q``, a sequential scan: shown, not part of the target);
- ``GET /api/v1/projects/<case number>``;
- the baseline: a trivial JSON view under /api/, served the same way in the same run.

It prints the median and the 95th percentile of ``--requests`` requests each (after warm-up),
the queries per request the database's own time for them (EXPLAIN ANALYZE) and the ratio to the baseline; then adds projects up to 1 000 000 and
times the first and a deep page again. Target (issue 6, "Must hold"): median under 100 ms
for the project list at 100 000 projects. The API's rate limit and the page cache are off for
the run: every request is answered anew.
"""

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import time
import types
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DB_NAME = "samverka_bench_api"
TARGET_MS = 100
WARM_UP = 5
DAYS = (datetime.date(2027, 12, 31) - datetime.date(2014, 1, 1)).days


def frame():
    """The registry around the projects. Returns (programmes, owners, portfolios, areas with counties)."""
    from samverka.registry.models import Organisation, Portfolio, Programme, ProgrammePeriod, Region, ThemeArea

    periods = [ProgrammePeriod.objects.create(name="2014–2020", start_year=2014, end_year=2020),
               ProgrammePeriod.objects.create(name="2021–2027", start_year=2021, end_year=2027)]
    themes = [ThemeArea.objects.create(period=periods[0], code="TO4", name="Koldioxidsnål ekonomi"),
              ThemeArea.objects.create(period=periods[1], code="PO2", name="Ett grönare Europa")]
    areas = []
    for number, code in enumerate(["SE11", "SE12", "SE21", "SE22", "SE23", "SE31", "SE32", "SE33"]):
        area = Region.objects.create(kind="area", code=code, name=f"Område {code}", slug=code.lower())
        counties = [Region.objects.create(kind="county", code=f"{number * 3 + c + 1:02d}", name=f"Län {number}-{c}",
                                          slug=f"lan-{number}-{c}", parent=area) for c in range(3 if number < 5 else 2)]
        areas.append((area, counties))
    programmes = [Programme.objects.create(period=periods[n % 2], name=f"Program {n}", cci=f"2014SE16RFOP{n:03d}",
                                           area=areas[n % 8][0]) for n in range(9)]
    owners = Organisation.objects.bulk_create([Organisation(name=f"Ägare {n}") for n in range(2000)])
    portfolios = [Portfolio.objects.create(theme=themes[0], name=f"Portfölj {n}", slug=f"portfolj-{n}", order=n)
                  for n in range(6)]
    return programmes, owners, portfolios, areas, themes


def copy_projects(first: int, count: int, parts) -> None:
    """``count`` projects numbered from ``first`` with COPY, each in one county of its area."""
    from django.db import connection
    from django.utils import timezone

    from samverka.registry.models import Project

    programmes, owners, portfolios, areas, themes = parts
    now = timezone.now()
    table = Project._meta.db_table
    columns = ["programme_id", "case_number", "title", "summary", "background", "purpose", "target_groups",
               "expected_results", "owner_id", "portfolio_id", "theme_id", "area_id", "start_date", "end_date",
               "total_budget", "eu_funding", "status_override", "website", "created_at", "updated_at"]
    start = datetime.date(2014, 1, 1)
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for n in range(first, first + count):
                begins = start + datetime.timedelta(days=(n * 7919) % DAYS)
                area = areas[n % 8][0]
                copy.write_row((
                    programmes[n % 9].pk, f"{10000000 + n}", f"Projekt {n} om energi och transporter",
                    "Ett projekt för mätningen av API:t.", "", "", "", "", owners[n % 2000].pk, portfolios[n % 6].pk,
                    themes[0].pk, area.pk, begins, begins + datetime.timedelta(days=900), "1000000.00", "400000.00",
                    "", "", now, now,
                ))
        through = Project.counties.through._meta.db_table
        # Each project in the first county of its area, or the second for odd numbers.
        cursor.execute(
            f"""INSERT INTO {through} (project_id, region_id)
                SELECT p.id, c.id FROM {table} p
                JOIN registry_region c ON c.parent_id = p.area_id
                 AND c.code = (SELECT min(code) FROM registry_region WHERE parent_id = p.area_id)
                WHERE p.id > (SELECT coalesce(max(project_id), 0) FROM {through})"""
        )
        cursor.execute("ANALYZE")  # as autovacuum would: the planner needs every table's statistics


def timed(client, url: str, requests: int) -> dict:
    from django.db import connection

    for _ in range(WARM_UP):
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}: {response.content[:300]}"
    queries = []

    def count(execute, sql, params, many, context):
        queries.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    database = explained_ms(queries)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    times.sort()
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 2 else times[0]
    return {"median": statistics.median(times), "p95": p95, "queries": len(queries), "bytes": len(response.content),
            "database": database,
            "items": len(response.json().get("items", [])) if "items" in response.json() else 1}


def explained_ms(queries) -> float:
    """The database's own execution time for the queries of one request (EXPLAIN ANALYZE), so
    that time in PostgreSQL can be told apart from time in Python."""
    from django.db import connection

    total = 0.0
    with connection.cursor() as cursor:
        for sql, params in queries:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
            total += cursor.fetchone()[0][0]["Execution Time"]
    return total


def deep_cursor(filters: dict, share: float = 0.999) -> str:
    """The cursor a client holds after reading ``share`` of the newest-first list."""
    from django.core import signing

    from samverka.api import cursors
    from samverka.api.registry_endpoints import NEWEST_FIRST, ProjectFilters, filter_projects, projects_with_lists

    projects = filter_projects(projects_with_lists(), ProjectFilters(**filters)).order_by(*NEWEST_FIRST.fields)
    last = projects.values("start_date", "id")[int(projects.count() * share) - 1]
    payload = {"q": cursors._fingerprint("projects", filters), "k": [last["start_date"].isoformat(), last["id"]]}
    return signing.dumps(payload, salt=cursors.SALT)


def install_baseline():
    """A trivial JSON view at /api/bench-baseline, through the same URLconf and middleware."""
    from django.conf import settings
    from django.http import JsonResponse
    from django.urls import clear_url_caches, path

    import samverka.urls

    def baseline(request):
        return JsonResponse({"items": [], "next": None})

    module = types.ModuleType("bench_api_urls")
    module.urlpatterns = [path("api/bench-baseline", baseline), *samverka.urls.urlpatterns]
    sys.modules["bench_api_urls"] = module
    settings.ROOT_URLCONF = "bench_api_urls"
    clear_url_caches()


def run(projects: int, requests: int, million: bool) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")
    import django

    django.setup()
    from urllib.parse import urlencode

    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    install_baseline()
    parts = frame()
    started = time.perf_counter()
    copy_projects(0, projects, parts)
    print(f"\nPostgreSQL: {projects} projects written with COPY in {time.perf_counter() - started:.1f} s; "
          f"{requests} requests each")
    client = Client(HTTP_HOST="127.0.0.1")
    portfolio, county = parts[2][1].slug, parts[3][1][1][0].code
    filters = {"portfolio": portfolio, "county": county}

    def url(params):
        return "/api/v1/projects?" + urlencode(params)

    cases = [
        ("list, first page", url({})),
        ("list, portfolio + county", url(filters)),
        ("list, portfolio + county, deep", url({**filters, "cursor": deep_cursor(filters)})),
        ("list, deep (cursor at 99.9 %)", url({"cursor": deep_cursor({})})),
        ("list, text search q (not a target)", url({"q": "Projekt 4711 "})),
        ("one project", f"/api/v1/projects/{10000000 + projects // 2}"),
    ]
    print(f"  {'request':38} {'median':>9} {'p95':>9} {'queries':>8} {'in db':>8} {'items':>6} {'× baseline':>11}")

    def line(name, result, ratio=""):
        print(f"  {name:38} {result['median']:7.1f}ms {result['p95']:7.1f}ms {result['queries']:8d} "
              f"{result['database']:6.1f}ms {result['items']:6d} {ratio:>11}")

    baseline = timed(client, "/api/bench-baseline", requests)
    line("baseline: trivial JSON view", baseline)
    met = True
    for name, path in cases:
        result = timed(client, path, requests)
        line(name, result, f"{result['median'] / baseline['median']:.1f}×")
        if name.startswith("list") and "not a target" not in name:
            met = met and result["median"] < TARGET_MS
    print(f"  target < {TARGET_MS} ms median for the list: {'met' if met else 'MISSED'}")

    if million and projects < 1_000_000:
        started = time.perf_counter()
        copy_projects(projects, 1_000_000 - projects, parts)
        print(f"\nPostgreSQL: 1 000 000 projects ({1_000_000 - projects} more with COPY in "
              f"{time.perf_counter() - started:.1f} s)")
        for name, path in [
            ("list, first page", url({})),
            ("list, deep (cursor at 99.9 %)", url({"cursor": deep_cursor({})})),
            ("list, portfolio + county, deep", url({**filters, "cursor": deep_cursor(filters)})),
        ]:
            result = timed(client, path, requests)
            line(name, result, f"{result['median'] / baseline['median']:.1f}×")
    return 0


def postgres_url(base_url: str, name: str) -> str:
    parts = urlsplit(base_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--no-million", action="store_true", help="skip the run at 1 000 000 projects")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return run(args.projects, args.requests, not args.no_million)

    import tempfile

    import psycopg

    base_url = os.environ.get("DATABASE_URL", "")
    server = base_url if base_url.startswith("postgres") else "postgres://postgres@127.0.0.1:5432/postgres"
    admin_url = postgres_url(server, "postgres")
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
        connection.execute(f"CREATE DATABASE {DB_NAME}")
    try:
        with tempfile.TemporaryDirectory(prefix="samverka-api-bench-") as directory:
            Path(directory, "static").mkdir()
            env = {
                "SAMVERKA_VAR_DIR": directory, "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1", "API_RATE_LIMIT": "0",
                # Each request answered, not handed a kept copy (bench/load_bench.py measures those).
                "PAGE_CACHE_SECONDS": "0",
                "STATIC_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
                "DATABASE_URL": postgres_url(server, DB_NAME), "LOG_LEVEL": "WARNING",
            }
            command = [sys.executable, __file__, "--child", "--projects", str(args.projects),
                       "--requests", str(args.requests)] + (["--no-million"] if args.no_million else [])
            return subprocess.call(command, env={**os.environ, **env}, cwd=ROOT)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


if __name__ == "__main__":
    sys.exit(main())
