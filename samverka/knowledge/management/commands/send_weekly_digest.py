"""Cron, once a week: one digest mail per subscription with new items waiting."""

from django.core.management.base import BaseCommand, CommandError

from samverka.knowledge import subscription_mails
from samverka.knowledge.models import Delivery, Subscription


class Command(BaseCommand):
    help = (
        "Send each subscription one mail listing every item waiting for its digest (news, knowledge "
        "items and events published since its last digest, and any digest that failed); nothing to "
        "a subscription with nothing new. Due items are handed out first. Run it once a week, e.g. "
        "Monday morning. Each digest claims its rows before it goes, so two runs never list an "
        "item twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count the digests that would go; send nothing.")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            waiting = Delivery.objects.filter(
                digest=True, status__in=[Delivery.Status.PENDING, Delivery.Status.FAILED]
            )
            subscribers = Subscription.objects.filter(deliveries__in=waiting).distinct().count()
            self.stdout.write(f"Dry run: {subscribers} digest(s) with {waiting.count()} item(s) would be sent.")
            return
        summary = subscription_mails.send_digests()
        self.stdout.write(f"Sent {summary.sent} digest(s) listing {summary.items} item(s); {summary.failed} failed.")
        if summary.failed:
            raise CommandError(f"{summary.failed} digest(s) failed; the next run retries them.")
