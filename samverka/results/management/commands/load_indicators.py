"""python manage.py load_indicators [--dry-run] — the EU common indicators from indicator_codes.py.

Idempotent: an indicator that is missing is created, one whose names, unit, kind or period
differ is brought in line, the rest are left alone. Programme-specific indicators (added in the
back office) are never touched.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from samverka.results.indicator_codes import INDICATORS
from samverka.results.models import Indicator

FIELDS = ("kind", "period", "name_sv", "name_en", "unit_sv", "unit_en")


class DryRun(Exception):
    """Raised inside the transaction to roll it back."""


def load_indicators() -> dict:
    """Create or update every common indicator; returns the counts. Writes the indicator table."""
    existing = Indicator.objects.in_bulk(field_name="code")
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for code, *values in INDICATORS:
        wanted = dict(zip(FIELDS, values))
        indicator = existing.get(code)
        if indicator is None:
            Indicator.objects.create(code=code, **wanted)
            counts["created"] += 1
        elif any(getattr(indicator, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(indicator, name, value)
            indicator.save(update_fields=list(FIELDS))
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    return counts


class Command(BaseCommand):
    help = (
        "Load the ERDF common indicators (2014–2020 CO… and 2021–2027 RCO…/RCR… for policy objective 2) "
        "with Swedish and English names and units. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Show what would change and change nothing.")

    def handle(self, *args, dry_run=False, **options):
        try:
            with transaction.atomic():
                counts = load_indicators()
                if dry_run:
                    raise DryRun
        except DryRun:
            pass
        prefix = "Dry run: " if dry_run else ""
        self.stdout.write(
            f"{prefix}{counts['created']} indicators created, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged."
        )
