"""Cron, every five minutes: put back in the queue the tasks whose worker died mid-way."""

from django.conf import settings
from django.core.management.base import BaseCommand

from samverka.ops.stuck_tasks import requeue_stuck_tasks


class Command(BaseCommand):
    help = (
        "Put every background task marked running for longer than TASK_STUCK_AFTER seconds back in "
        "the queue: its worker was killed or its machine lost, and no worker takes such a task "
        "again on its own. Every task may run twice (mails already recorded as sent are skipped). "
        "Safe to run on several machines at once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count the stuck tasks; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        counts = requeue_stuck_tasks(dry_run=dry_run)
        total = sum(counts.values())
        names = ", ".join(f"{path.rsplit('.', 1)[-1]} {n}" for path, n in sorted(counts.items()))
        detail = f" ({names})" if names else ""
        if dry_run:
            self.stdout.write(
                f"Dry run: {total} task(s) running for more than {settings.TASK_STUCK_AFTER} s would be queued again{detail}."
            )
        else:
            self.stdout.write(
                f"Queued again {total} task(s) running for more than {settings.TASK_STUCK_AFTER} s{detail}."
            )
