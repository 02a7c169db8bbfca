"""python manage.py rebuild_search_index — write the whole search index again."""

import time

from django.core.management.base import BaseCommand

from samverka.knowledge.search import rebuild_index


class Command(BaseCommand):
    help = (
        "Replace the search index with one entry per public project, published knowledge item, "
        "published news item and published or cancelled event, in one transaction. Safe to run "
        "at any time (searches see the old index until it commits); needed after restoring a "
        "backup or changing how things are indexed. Saving anything keeps the index current by itself. "
        "On PostgreSQL with a large index, compact the tables afterwards at a quiet time "
        "(VACUUM (FULL, ANALYZE) of knowledge_searchentry and knowledge_searchmatch; see docs/deploy.md)."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        counts = rebuild_index()
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Search index rebuilt: {counts['project']} projects, {counts['knowledge']} knowledge items, "
            f"{counts['news']} news items, {counts['event']} events ({sum(counts.values())} entries) "
            f"in {seconds:.1f} s."
        )
