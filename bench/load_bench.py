"""Load benchmark: the production server under a separate load generator, against the floor.

    make load-bench                    # or: .venv/bin/python bench/load_bench.py [--projects N] [--million]

Builds a PostgreSQL database (``samverka_load``; ``DATABASE_URL`` to choose another) with the demo
and ``--projects`` generated projects (100 000 by default), serves it with gunicorn as the
deployment guide says (``--workers``, sync workers, Redis as cache), and loads each page with
wrk (Debian's package ``wrk``) at concurrency 1, 8 and 32. It prints requests per second and
p50/p95/p99 latency per page and concurrency, and the same for the floor — a constant answer
through the same middleware and server — measured in the same run, with each page's share of
the floor's throughput. With ``--million`` it then grows the registry to 1 000 000 projects and
measures the API list and a project page again.

Targets (issue #7): every page at least 40 % of the floor at concurrency 8 with p95 under
100 ms at 100 000 projects; the API list and a project page within 10 % of that at 1 000 000.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
PYTHON = sys.executable
CONCURRENCY = (1, 8, 32)
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/samverka_load"
LINE = re.compile(r"SAMVERKA (.*)")


def environment(database_url: str, var_dir: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="load_settings",
        PYTHONPATH=f"{BENCH}{os.pathsep}{ROOT}",
        DATABASE_URL=database_url,
        SAMVERKA_VAR_DIR=str(var_dir),
        REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/3"),
        ALLOWED_HOSTS="127.0.0.1",
        SECRET_KEY="load-benchmark-only-not-a-secret-0123456789abcdef",
        DEBUG="0",
        LOG_LEVEL="WARNING",
        # The API's rate limit would answer 429 under load; the benchmark measures the pages.
        API_RATE_LIMIT="0",
    )
    return env


def manage(env, *args):
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, check=True)


def prepare(env, database_url: str, projects: int) -> None:
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    manage(env, "migrate", "-v0")
    manage(env, "load_demo", "-v0")
    manage(env, "generate_scale_data", "--projects", str(projects))
    manage(env, "collectstatic", "--noinput", "-v0")


def grow(env, total: int) -> None:
    import psycopg

    with psycopg.connect(env["DATABASE_URL"]) as connection:
        have = connection.execute("SELECT count(*) FROM registry_project").fetchone()[0]
    if total > have:
        manage(env, "generate_scale_data", "--projects", str(total - have))


def serve(env, port: int, workers: int):
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "samverka.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--pythonpath", f"{BENCH},{ROOT}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/floor", timeout=2).read()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not start")


def stop(server) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=20)


def wrk(url: str, connections: int, seconds: int) -> dict:
    threads = min(connections, 2)
    result = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
         "-s", str(BENCH / "load_percentiles.lua"), url],
        capture_output=True, text=True, check=True,
    )
    fields = dict(pair.split("=") for pair in LINE.search(result.stdout).group(1).split())
    figures = {key: float(value) for key, value in fields.items()}
    figures["rps"] = figures["requests"] / figures["seconds"]
    return figures


def pages(env) -> dict[str, str]:
    """The paths to load: real rows of the generated registry and the demo."""
    import psycopg

    with psycopg.connect(env["DATABASE_URL"]) as connection:
        project = connection.execute("SELECT id FROM registry_project ORDER BY id DESC LIMIT 1").fetchone()[0]
        event = connection.execute(
            "SELECT id FROM meetings_event WHERE status = 'published' ORDER BY starts_at LIMIT 1"
        ).fetchone()[0]
        portfolio = connection.execute("SELECT slug FROM registry_portfolio ORDER BY id LIMIT 1").fetchone()[0]
    return {
        "floor": "/floor",
        "home": "/",
        "project list": "/projekt/",
        "project list, filtered": f"/projekt/?portfolio={portfolio}&status=finished",
        "project page": f"/projekt/{project}/",
        "event page": f"/traffar/{event}/",
        "API project list": "/api/v1/projects",
    }


def measure(base: str, paths: dict[str, str], seconds: int, concurrency=CONCURRENCY) -> dict:
    results = {}
    for name, path in paths.items():
        urllib.request.urlopen(base + path, timeout=30).read()  # warm caches and connections
        for connections in concurrency:
            results[(name, connections)] = wrk(base + path, connections, seconds)
    return results


def report(title: str, results: dict, floor: dict | None = None) -> None:
    print(f"\n{title}")
    print(f"{'page':26} {'conc':>4} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'of floor':>9} {'errors':>7}")
    floor = floor or results
    for (name, connections), figures in results.items():
        share = figures["rps"] / floor[("floor", connections)]["rps"] if ("floor", connections) in floor else None
        errors = int(figures["errors"] + figures["non2xx"])
        print(
            f"{name:26} {connections:4d} {figures['rps']:8.0f} {figures['p50']:8.1f} {figures['p95']:8.1f} "
            f"{figures['p99']:8.1f} {f'{share:.0%}' if share is not None else '':>9} {errors:7d}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=10, help="Duration of each wrk run.")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--million", action="store_true", help="Also measure at 1 000 000 projects.")
    parser.add_argument("--keep", action="store_true", help="Reuse the database as it is (no rebuild).")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk")

    var_dir = ROOT / "var" / "load-bench"
    var_dir.mkdir(parents=True, exist_ok=True)
    database_url = os.environ.get("LOAD_DATABASE_URL", DEFAULT_DATABASE)
    env = environment(database_url, var_dir)
    if not args.keep:
        started = time.perf_counter()
        prepare(env, database_url, args.projects)
        print(f"Prepared {args.projects:,} projects in {time.perf_counter() - started:.0f} s")
    port = 8765
    base = f"http://127.0.0.1:{port}"
    paths = pages(env)
    print(f"Machine: {os.cpu_count()} cores; gunicorn {args.workers} sync workers; wrk on the same machine; "
          f"{args.seconds} s per run")

    # Twice: as deployed (public pages kept PAGE_CACHE_SECONDS for visitors who are not signed in;
    # wrk asks for one address again and again, so nearly every request is served from the
    # cache), and with the page cache off, which is what every page costs when it is rendered.
    modes = {"page cache on": env, "page cache off": {**env, "PAGE_CACHE_SECONDS": "0"}}
    results = {}
    for mode, mode_env in modes.items():
        server = serve(mode_env, port, args.workers)
        try:
            results[mode] = measure(base, paths, args.seconds)
        finally:
            stop(server)
        report(f"{args.projects:,} projects, {mode}", results[mode])

    if args.million:
        started = time.perf_counter()
        grow(env, 1_000_000)
        print(f"\nGrew to 1 000 000 projects in {time.perf_counter() - started:.0f} s")
        paths = pages(env)
        for mode, mode_env in modes.items():
            server = serve(mode_env, port, args.workers)
            try:
                million = measure(base, {name: paths[name] for name in ("floor", "project page", "API project list")},
                                  args.seconds, concurrency=(8,))
            finally:
                stop(server)
            report(f"1 000 000 projects, {mode} (concurrency 8)", million)
            for name in ("project page", "API project list"):
                before, after = results[mode][(name, 8)], million[(name, 8)]
                print(f"{name}: throughput {after['rps'] / before['rps']:.0%} and p95 {after['p95'] / before['p95']:.0%} "
                      f"of the figures at {args.projects:,}")

if __name__ == "__main__":
    main()
