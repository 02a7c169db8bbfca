"""python manage.py generate_scale_data --projects 1000000 — a registry at national or EU scale."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from samverka.registry.scale_data import MAX_PROJECTS, generate_projects


class Command(BaseCommand):
    help = (
        "Fill the registry with many realistic projects for benchmarks and load tests (PostgreSQL COPY, "
        "bulk inserts on SQLite). Adds after what exists; never changes or deletes a row."
    )

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=int, required=True, help="How many projects to add.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (the same seed gives the same text).")
        parser.add_argument("--batch-size", type=int, default=20_000, help="Rows per batch and commit.")
        parser.add_argument(
            "--index", action="store_true", help="Rebuild the search index afterwards (rebuild_search_index)."
        )

    def handle(self, *args, projects, seed, batch_size, index, **options):
        if not 0 < projects <= MAX_PROJECTS:
            raise CommandError(f"--projects must be between 1 and {MAX_PROJECTS}.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")

        def progress(done, seconds):
            if options["verbosity"] > 1:
                self.stdout.write(f"  {done:,} projects in {seconds:.1f} s")

        from time import perf_counter

        started = perf_counter()
        added = generate_projects(projects, seed=seed, batch_size=batch_size, progress=progress)
        seconds = perf_counter() - started
        self.stdout.write(f"Added {added:,} projects in {seconds:.1f} s ({added / seconds:,.0f} a second).")
        if index:
            call_command("rebuild_search_index", verbosity=options["verbosity"])
