"""Cron, every ten minutes: subscribers' mails for what became due, retries, and old unconfirmed rows."""

from django.core.management.base import BaseCommand, CommandError

from samverka.knowledge import subscription_mails, subscriptions
from samverka.knowledge.models import Delivery
from samverka.knowledge.subscriptions import Followers


class Command(BaseCommand):
    help = (
        "Hand out every due news item and published knowledge item of the last two days that a "
        "subscriber has not had: a mail at once to immediate subscribers, a place in the next "
        "digest for weekly ones (scheduled news becomes due here). Retry mails and digests that "
        "failed in the last two days, never one that was sent. Delete visitors' subscriptions "
        "left unconfirmed for seven days. Run it every ten minutes. Each mail is claimed by its "
        "own committed row before it goes, so there is no one atomic block: runs may overlap."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would be done; send and delete nothing.")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            items, mails, waiting = self._count_due()
            unconfirmed = subscriptions.delete_unconfirmed(dry_run=True)
            failed = Delivery.objects.filter(status=Delivery.Status.FAILED).count()
            self.stdout.write(
                f"Dry run: {items} due item(s) would give {mails} mail(s) and {waiting} digest entries; "
                f"{failed} failed mail(s) to retry; {unconfirmed} unconfirmed subscription(s) to delete."
            )
            return
        summary = subscription_mails.send_due()
        deleted = subscriptions.delete_unconfirmed()
        self.stdout.write(
            f"Sent {summary.sent} mail(s) for {summary.items} due item(s); {summary.waiting} wait for a digest; "
            f"{summary.failed} failed (retried next run); {summary.stuck} stuck since a crash and not taken again (see the admin); "
            f"deleted {deleted} unconfirmed subscription(s)."
        )
        if summary.failed:
            raise CommandError(f"{summary.failed} mail(s) failed; they are retried by the next run.")

    def _count_due(self):
        followers = Followers.load()
        items = mails = waiting = 0
        for source, object_id in subscription_mails.due_items():
            item = subscription_mails.load_item(source, object_id)
            if item is None:
                continue
            items += 1
            had = set(
                Delivery.objects.filter(source=source, object_id=object_id).values_list("subscription_id", flat=True)
            )
            for subscription in followers.wanting(subscription_mails.facts_for(source, item)):
                if subscription.pk not in had:
                    if subscription.frequency == subscription.Frequency.WEEKLY:
                        waiting += 1
                    else:
                        mails += 1
        return items, mails, waiting
