"""python manage.py send_poll_reminders — the "closing soon" mail for polls."""

from django.core.management.base import BaseCommand, CommandError

from samverka.polls.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Send the 'closing soon' reminder to everyone eligible who has not voted, for each published "
        "poll closing within --hours (24 by default). Each reminder goes once, and a poll is marked "
        "reminded when all have gone, so it is safe to run again (e.g. every hour from cron): a run "
        "that failed partway is finished by the next. Exits non-zero when a reminder was not sent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24, help="Remind about polls closing within this many hours.")
        parser.add_argument("--dry-run", action="store_true", help="Count who would be reminded; send nothing.")

    def handle(self, *args, **options):
        summary = send_reminders(hours=options["hours"], dry_run=options["dry_run"])
        self.stdout.write(summary.line())
        if summary.failed:
            raise CommandError(f"{summary.failed} reminder(s) not sent; the next run sends them.")
