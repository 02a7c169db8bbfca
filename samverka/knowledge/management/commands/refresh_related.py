"""python manage.py refresh_related --all — rebuild every "projects like yours" list."""

from django.core.management.base import BaseCommand, CommandError

from samverka.knowledge import related
from samverka.knowledge.similarity import KNOWLEDGE, PROJECT


class Command(BaseCommand):
    help = (
        "Rebuild the related projects and knowledge items from the texts: with --all every "
        "profile, document frequency and list (in one transaction; safe to run nightly), or "
        "one source with --project ID or --item ID."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="rebuild everything")
        parser.add_argument("--project", type=int, help="refresh one project")
        parser.add_argument("--item", type=int, help="refresh one knowledge item")

    def handle(self, *args, **options):
        if options["all"]:
            self.stdout.write(related.refresh_all().line())
            return
        if options["project"] is None and options["item"] is None:
            raise CommandError("Give --all, --project ID or --item ID.")
        source, object_id = (PROJECT, options["project"]) if options["project"] is not None else (KNOWLEDGE, options["item"])
        rows = related.refresh_source(source=source, object_id=object_id, force=True)
        self.stdout.write(f"Related: {source} {object_id} refreshed, {rows} related rows.")
