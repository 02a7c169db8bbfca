"""python manage.py import_operations FILE [--dry-run] [--map ...] [--programme CCI] [--portfolio SLUG]"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext
from tqdm import tqdm

from samverka.registry.import_jobs import import_file, summary_line


class Command(BaseCommand):
    help = (
        "Import a managing authority's list of operations (CSV or XLSX). Rows are matched by case "
        "number within their programme: new ones are created, changed ones updated. Every row is "
        "checked first; if any row has a problem, each problem is printed and nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the list of operations, .csv (UTF-8 or Windows-1252) or .xlsx")
        parser.add_argument("--dry-run", action="store_true", help="check and count, but save nothing")
        parser.add_argument(
            "--map",
            default="",
            metavar="HEADING=field,...",
            help='columns the importer does not know, e.g. "Diarienr=case_number,Namn=title"',
        )
        parser.add_argument("--programme", default="", metavar="CCI", help="programme for rows that do not name one")
        parser.add_argument("--portfolio", default="", metavar="SLUG", help="portfolio for rows that do not name one")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from None

        bar = tqdm(total=0, unit="rows", file=sys.stderr, disable=options["verbosity"] == 0, leave=False)

        def progress(done, total):
            bar.total = total
            bar.update(done - bar.n)

        try:
            outcome = import_file(
                data,
                dry_run=options["dry_run"],
                map_text=options["map"],
                programme_cci=options["programme"],
                portfolio_slug=options["portfolio"],
                progress=progress,
            )
        finally:
            bar.close()
        for problem in outcome.problems:
            self.stderr.write(str(problem))
        if outcome.problems:
            count = len(outcome.problems)
            raise CommandError(
                ngettext(
                    "%(count)s problem found; nothing was saved.", "%(count)s problems found; nothing was saved.", count
                )
                % {"count": count}
            )
        self.stdout.write(summary_line(outcome.parsed.total_rows, outcome.counts, dry_run=options["dry_run"]))
