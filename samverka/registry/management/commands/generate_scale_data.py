"""python manage.py generate_scale_data --projects 1000000 — a network at national or EU scale."""

from time import perf_counter

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from samverka.accounts.scale_data import generate_people
from samverka.knowledge.scale_data import generate_knowledge
from samverka.meetings.scale_data import generate_events
from samverka.polls.scale_data import generate_polls
from samverka.registry.models import Project
from samverka.registry.scale_data import MAX_PROJECTS, generate_project_roles, generate_projects, next_id

# What each 1 000 projects bring by default (each overridable by its option).
PER_THOUSAND = {
    "people": 200,
    "events": 10,
    "registrations": 300,
    "polls": 2,
    "knowledge_items": 20,
    "news": 5,
}


def default_count(name: str, projects: int) -> int:
    """The default number of ``name`` for ``projects`` projects: the ratio above, at least one."""
    return max(1, round(projects * PER_THOUSAND[name] / 1000))


class Command(BaseCommand):
    help = (
        "Fill Samverka with realistic random data for benchmarks and load tests: projects (with "
        "organisations, counties and co-financing), people (example.org addresses, no password) "
        "leading them, published events with registrations and attendance, polls with ballots, "
        "knowledge items and news. PostgreSQL COPY, bulk inserts on SQLite. Adds after what "
        "exists; never changes or deletes a row. Per 1 000 projects by default: "
        + ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in PER_THOUSAND.items())
        + "."
    )

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=int, required=True, help="How many projects to add.")
        for name, count in PER_THOUSAND.items():
            option = "--" + name.replace("_", "-")
            parser.add_argument(
                option, type=int, default=None, help=f"How many {name.replace('_', ' ')} to add ({count} per 1 000 projects by default; 0 for none)."
            )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (the same seed gives the same text).")
        parser.add_argument("--batch-size", type=int, default=20_000, help="Projects per batch and commit.")
        parser.add_argument(
            "--index", action="store_true",
            help="Rebuild the search index of every source afterwards (rebuild_search_index).",
        )
        parser.add_argument(
            "--related", action="store_true",
            help="Rebuild every related list afterwards (refresh_related --all; slow and memory-hungry at scale).",
        )

    def handle(self, *args, projects, seed, batch_size, index, related, **options):
        if not 0 < projects <= MAX_PROJECTS:
            raise CommandError(f"--projects must be between 1 and {MAX_PROJECTS}.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        counts = {}
        for name in PER_THOUSAND:
            value = options[name]
            if value is not None and value < 0:
                raise CommandError(f"--{name.replace('_', '-')} must be 0 or more.")
            counts[name] = default_count(name, projects) if value is None else value
        verbose = options["verbosity"] > 1

        def progress(done, seconds):
            if verbose:
                self.stdout.write(f"  {done:,} projects in {seconds:.1f} s")

        started = perf_counter()
        first_project = next_id(Project)
        added = generate_projects(projects, seed=seed, batch_size=batch_size, progress=progress)
        seconds = perf_counter() - started
        self.stdout.write(f"Added {added:,} projects in {seconds:.1f} s ({added / seconds:,.0f} a second).")
        project_ids = range(first_project, first_project + added)

        step = perf_counter()
        people = generate_people(counts["people"], seed=seed, project_ids=project_ids)
        roles = generate_project_roles(people)
        events = generate_events(counts["events"], counts["registrations"], seed=seed, people=people)
        attended = sum(len(event.attendees) for event in events)
        polls = generate_polls(counts["polls"], seed=seed, events=events, people=people)
        knowledge = generate_knowledge(
            counts["knowledge_items"], counts["news"], seed=seed, project_ids=project_ids, events=events
        )
        self.stdout.write(
            f"Added {people.count:,} people ({roles:,} project leaders), {len(events):,} events with "
            f"{counts['registrations']:,} registrations ({attended:,} attended by people), {polls['polls']:,} polls "
            f"with {polls['options']:,} options, {polls['ballots']:,} ballots and {polls['votes']:,} votes, "
            f"{knowledge['knowledge items']:,} knowledge items and {knowledge['news items']:,} news items "
            f"in {perf_counter() - step:.1f} s."
        )
        if connection.vendor == "postgresql":
            # Fresh statistics for every table written, link tables included: without them the
            # planner reads a grown registry as it was (an API page at 1 000 000 projects took
            # 45 ms instead of 25 until the next autovacuum got round to it).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(f"Done in {perf_counter() - started:.1f} s.")
        if index:
            call_command("rebuild_search_index", verbosity=options["verbosity"], stdout=self.stdout)
        if related:
            call_command("refresh_related", "--all", verbosity=options["verbosity"], stdout=self.stdout)
