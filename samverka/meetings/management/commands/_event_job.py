"""The shape the scheduled meetings commands share: find the events due, handle each on its own
(one failing does not stop the others), print one line per event and a summary, and exit
non-zero when an event failed. An event whose mails went only in part counts its mails sent
and as failed; the next run sends the rest (event_mails.NotAllSent)."""

from django.core.management.base import BaseCommand, CommandError

from samverka.meetings.event_mails import NotAllSent


class EventJobCommand(BaseCommand):
    # set by each command
    noun = "mails"

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be done; change and send nothing."
        )

    def due(self):  # pragma: no cover - each command defines it
        raise NotImplementedError

    def run_one(self, event, *, dry_run: bool) -> int:  # pragma: no cover
        raise NotImplementedError

    def handle(self, *args, dry_run=False, **options):
        events, done, failed = 0, 0, 0
        for event in self.due():
            try:
                count = self.run_one(event, dry_run=dry_run)
            except NotAllSent as error:  # what went is kept; the event stays unmarked for the next run
                failed += 1
                done += error.sent
                self.stderr.write(f"{event.pk} {event.title}: {error}")
                continue
            except Exception as error:  # the database, a bug: the event stays unmarked for the next run
                failed += 1
                self.stderr.write(f"{event.pk} {event.title}: {type(error).__name__}: {error}")
                continue
            events += 1
            done += count
            if options.get("verbosity", 1) >= 2:
                self.stdout.write(f"{event.pk} {event.title}: {count} {self.noun}")
        prefix = "Dry run: would have " if dry_run else ""
        self.stdout.write(f"{prefix}{self.verb} {done} {self.noun} for {events} event(s); {failed} failed.")
        if failed:
            raise CommandError(f"{failed} event(s) failed; they are left for the next run.")
