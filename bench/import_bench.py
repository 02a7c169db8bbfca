"""Import benchmark: a realistic 10 000-row list of operations into a fresh database.

    .venv/bin/python bench/import_bench.py              # SQLite (and PostgreSQL when DATABASE_URL is set)
    .venv/bin/python bench/import_bench.py --postgres   # also PostgreSQL, at postgres://postgres@127.0.0.1:5432
    .venv/bin/python bench/import_bench.py --rows 20000

For each database it generates the file (the Swedish project bank's headings, semicolons,
UTF-8 with BOM) into a temporary directory, migrates a fresh database (a SQLite file in the
temporary directory; a PostgreSQL database named samverka_bench, created and dropped), and
times: parse + check, compare with what is stored, and the one-transaction apply. A second
import of the same file with a tenth of the rows changed shows the update path. The baseline
is a plain bulk_create of the same projects without any checking, in the same run, so the
ratio says what the checking and the upsert cost. Target: under 30 s for 10 000 rows.
"""

import argparse
import csv
import io
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEADER = [
    "Ärende-ID", "Stödmottagare", "Organisationsnummer", "Projektnamn", "Projektbeskrivning", "Beviljat belopp",
    "Total budget", "Offentlig medfinansiering", "Privat medfinansiering", "Projektstart", "Projektslut", "Län",
    "Kommuner", "Område", "Insatsområde", "Tematiskt mål", "Portfölj",
]
AREAS = [  # NUTS 2 code, name, CCI, counties (code, name, a few municipalities)
    ("SE33", "Övre Norrland", "2014SE16RFOP008", [("25", "Norrbottens län", ["Luleå", "Piteå", "Kiruna", "Boden"]),
                                                  ("24", "Västerbottens län", ["Umeå", "Skellefteå", "Lycksele"])]),
    ("SE32", "Mellersta Norrland", "2014SE16RFOP007", [("22", "Västernorrlands län", ["Sundsvall", "Härnösand"]),
                                                       ("23", "Jämtlands län", ["Östersund", "Åre"])]),
    ("SE31", "Norra Mellansverige", "2014SE16RFOP006", [("17", "Värmlands län", ["Karlstad", "Arvika"]),
                                                        ("20", "Dalarnas län", ["Falun", "Borlänge"]),
                                                        ("21", "Gävleborgs län", ["Gävle", "Hudiksvall"])]),
    ("SE12", "Östra Mellansverige", "2014SE16RFOP005", [("03", "Uppsala län", ["Uppsala", "Enköping"]),
                                                        ("04", "Södermanlands län", ["Eskilstuna", "Nyköping"]),
                                                        ("05", "Östergötlands län", ["Linköping", "Norrköping"]),
                                                        ("18", "Örebro län", ["Örebro"]),
                                                        ("19", "Västmanlands län", ["Västerås"])]),
    ("SE11", "Stockholm", "2014SE16RFOP004", [("01", "Stockholms län", ["Stockholm", "Södertälje", "Solna"])]),
    ("SE23", "Västsverige", "2014SE16RFOP003", [("14", "Västra Götalands län", ["Göteborg", "Borås", "Skövde"]),
                                                ("13", "Hallands län", ["Halmstad", "Varberg"])]),
    ("SE21", "Småland och öarna", "2014SE16RFOP001", [("06", "Jönköpings län", ["Jönköping", "Värnamo"]),
                                                      ("07", "Kronobergs län", ["Växjö"]),
                                                      ("08", "Kalmar län", ["Kalmar", "Västervik"]),
                                                      ("09", "Gotlands län", ["Gotland"])]),
    ("SE22", "Skåne-Blekinge", "2014SE16RFOP002", [("12", "Skåne län", ["Malmö", "Lund", "Helsingborg"]),
                                                   ("10", "Blekinge län", ["Karlskrona", "Karlshamn"])]),
]
PORTFOLIOS = [("Hållbara transporter", "hallbara-transporter"), ("Förnybar energi", "fornybar-energi"),
              ("Hållbart byggande", "hallbart-byggande"), ("Energieffektivisering i SMF", "energieffektivisering-i-smf"),
              ("Företagsstöd", "foretagsstod"), ("Forskning och innovation", "forskning-och-innovation")]
TO4 = "Att stödja övergången till en koldioxidsnål ekonomi inom alla sektorer"
WORDS = ["Vätgas", "Solel", "Biogas", "Energismarta", "Fossilfri", "Cirkulär", "Laddinfrastruktur", "Klimatsmart",
         "Träbyggnad", "Värmepumpar", "Smarta elnät", "Elflyg", "Energikartläggning", "Grön logistik"]
PLACES = ["i norr", "på landsbygden", "för småföretag", "i staden", "i industrin", "längs kusten", "i Mälardalen"]
FORMS = ["AB", "kommun", "ekonomisk förening", "universitet", "energikontor", "region", "stiftelse"]


def luhn_digit(nine: str) -> str:
    total = 0
    for index, char in enumerate(reversed(nine)):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


def swedish_amount(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0") + ",00"


def generate(rows: int, seed: int = 4) -> bytes:
    """A list of operations as the project bank exports it, with Swedish number forms."""
    rng = random.Random(seed)
    owners = []
    for number in range(max(rows // 5, 10)):
        nine = f"{rng.choice('25789')}{rng.randint(10000, 99999)}{rng.randint(100, 999)}"
        owners.append((f"{rng.choice(WORDS)} {rng.choice(['Nord', 'Syd', 'Väst', 'Öst'])} {number} {rng.choice(FORMS)}",
                       f"{nine[:6]}-{nine[6:]}{luhn_digit(nine)}"))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADER)
    for index in range(rows):
        code, area, _cci, counties = rng.choice(AREAS)
        county_code, county, municipalities = rng.choice(counties)
        owner, org_number = rng.choice(owners)
        total = rng.choice([200_000, 500_000, 800_000]) if rng.random() < 0.2 else rng.randint(1, 90) * 1_000_000
        eu = total * rng.randint(40, 50) // 100
        public = (total - eu) * rng.randint(50, 100) // 100
        start_year = rng.randint(2015, 2020)
        start = f"{start_year}-{rng.randint(1, 12):02d}-01"
        end = f"{start_year + rng.randint(1, 3)}-{rng.randint(1, 12):02d}-28"
        writer.writerow([
            str(20150000 + index), owner, org_number if rng.random() < 0.9 else "",
            f"{rng.choice(WORDS)} {rng.choice(PLACES)} {index}",
            "Projektet ska minska utsläppen genom att pröva ny teknik tillsammans med företag och kommuner. " * 2,
            swedish_amount(eu), swedish_amount(total) if rng.random() < 0.5 else f"{total:,} kr".replace(",", " "),
            swedish_amount(public), swedish_amount(total - eu - public), start, end,
            county if rng.random() < 0.7 else county_code, ", ".join(rng.sample(municipalities, 1)), area,
            "Att stödja övergången till en koldioxidsnål ekonomi", TO4 if rng.random() < 0.5 else "TO4",
            rng.choice(PORTFOLIOS)[0],
        ])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def seed_registry():
    from samverka.registry.models import Portfolio, Programme, ProgrammePeriod, Region, ThemeArea

    period = ProgrammePeriod.objects.create(name="2014–2020", start_year=2014, end_year=2020)
    theme = ThemeArea.objects.create(period=period, code="TO4", name="Koldioxidsnål ekonomi")
    for order, (name, slug) in enumerate(PORTFOLIOS):
        Portfolio.objects.create(theme=theme, name=name, slug=slug, order=order)
    for code, name, cci, counties in AREAS:
        area = Region.objects.create(kind="area", code=code, name=name, slug=f"area-{code.lower()}")
        Programme.objects.create(period=period, name=f"Regionalfondsprogram {name}", cci=cci, area=area)
        for county_code, county, _municipalities in counties:
            Region.objects.create(kind="county", code=county_code, name=county, slug=f"lan-{county_code}", parent=area)


def baseline(data: bytes) -> float:
    """A plain bulk_create of the same projects: no checking, no look-ups beyond two dicts. Rolled back."""
    from decimal import Decimal

    from django.db import transaction

    from samverka.registry.models import Organisation, Programme, Project

    started = time.perf_counter()
    with transaction.atomic():
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
        programmes = {programme.area.name: programme.pk for programme in Programme.objects.select_related("area")}
        owners = Organisation.objects.bulk_create(
            [Organisation(name=name) for name in dict.fromkeys(row["Stödmottagare"] for row in rows)], batch_size=500
        )
        owner_ids = {owner.name: owner.pk for owner in owners}

        def amount(text):
            return Decimal(text.replace("\u00a0", "").replace(" ", "").replace("kr", "").replace(",", "."))

        Project.objects.bulk_create(
            [
                Project(
                    programme_id=programmes[row["Område"]], case_number=row["Ärende-ID"], title=row["Projektnamn"],
                    summary=row["Projektbeskrivning"], owner_id=owner_ids[row["Stödmottagare"]],
                    start_date=row["Projektstart"], end_date=row["Projektslut"],
                    total_budget=amount(row["Total budget"]), eu_funding=amount(row["Beviljat belopp"]),
                )
                for row in rows
            ],
            batch_size=500,
        )
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed


def changed_copy(data: bytes, every: int = 10) -> bytes:
    lines = data.decode("utf-8-sig").splitlines()
    for index in range(1, len(lines), every):
        lines[index] = lines[index].replace("Projektet ska", "Projektet vill", 1)
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def run_one(label: str, rows: int) -> dict:
    """Runs inside a child process whose DATABASE_URL points at a fresh database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverka.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from samverka.registry.importers import parse_operations
    from samverka.registry.models import Project
    from samverka.registry.upserts import apply_plan, plan_operations

    call_command("migrate", verbosity=0)
    seed_registry()
    data = generate(rows)
    path = Path(os.environ["BENCH_DIR"]) / "insatser.csv"
    path.write_bytes(data)

    base = baseline(data)

    started = time.perf_counter()
    parsed = parse_operations(path.read_bytes())
    parse_time = time.perf_counter() - started
    assert parsed.ok, parsed.problems[:5]
    started = time.perf_counter()
    plan = plan_operations(parsed.operations)
    plan_time = time.perf_counter() - started
    started = time.perf_counter()
    counts = apply_plan(plan)
    apply_time = time.perf_counter() - started
    assert Project.objects.count() == rows, Project.objects.count()

    started = time.perf_counter()
    again = parse_operations(changed_copy(data))
    second_counts = apply_plan(plan_operations(again.operations))
    second_time = time.perf_counter() - started

    total = parse_time + plan_time + apply_time
    print(f"\n{label} ({connection.vendor}), {rows} rows, file {len(data) / 1e6:.1f} MB")
    print(f"  parse + check      {parse_time:7.2f} s")
    print(f"  compare (plan)     {plan_time:7.2f} s")
    print(f"  apply (1 txn)      {apply_time:7.2f} s   {counts}")
    print(f"  total              {total:7.2f} s   {rows / total:,.0f} rows/s")
    print(f"  baseline           {base:7.2f} s   plain bulk_create, no checks; import is {total / base:.1f}× baseline")
    print(f"  re-import (10 % changed) {second_time:5.2f} s   {second_counts}")
    print(f"  target < 30 s: {'met' if total < 30 else 'MISSED'}")
    return {"total": total}


def postgres_url(base_url: str, name: str) -> str:
    parts = urlsplit(base_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def child(env: dict, label: str, rows: int) -> int:
    command = [sys.executable, __file__, "--child", label, "--rows", str(rows)]
    return subprocess.call(command, env={**os.environ, **env}, cwd=ROOT)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--postgres", action="store_true", help="also run against PostgreSQL")
    parser.add_argument("--no-sqlite", action="store_true", help="skip SQLite")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(args.child, args.rows)
        return 0

    status = 0
    with tempfile.TemporaryDirectory(prefix="samverka-bench-") as directory:
        if not args.no_sqlite:
            env = {"DATABASE_URL": f"sqlite:///{directory}/bench.sqlite3", "SAMVERKA_VAR_DIR": directory,
                   "BENCH_DIR": directory, "DEBUG": "0"}
            status |= child(env, "SQLite", args.rows)
        base_url = os.environ.get("DATABASE_URL", "")
        if args.postgres or base_url.startswith("postgres"):
            import psycopg

            server = base_url if base_url.startswith("postgres") else "postgres://postgres@127.0.0.1:5432/postgres"
            admin_url = postgres_url(server, "postgres")
            with psycopg.connect(admin_url, autocommit=True) as connection:
                connection.execute("DROP DATABASE IF EXISTS samverka_bench")
                connection.execute("CREATE DATABASE samverka_bench")
            try:
                env = {"DATABASE_URL": postgres_url(server, "samverka_bench"), "SAMVERKA_VAR_DIR": directory,
                       "BENCH_DIR": directory, "DEBUG": "0"}
                status |= child(env, "PostgreSQL", args.rows)
            finally:
                with psycopg.connect(admin_url, autocommit=True) as connection:
                    connection.execute("DROP DATABASE IF EXISTS samverka_bench WITH (FORCE)")
    return status


if __name__ == "__main__":
    sys.exit(main())
