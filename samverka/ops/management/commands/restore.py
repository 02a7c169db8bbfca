"""python manage.py restore /var/backups/samverka/samverka-… --yes — replace everything with a backup."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samverka.ops.backups import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = (
        "Replace the database and the local uploaded files with those of BACKUP (a directory written by "
        "the backup command). Stop the web and worker processes first. Checks the backup's checksums "
        "before changing anything; --dry-run only checks."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path)
        parser.add_argument("--yes", action="store_true", help="Confirm that the current data may be replaced.")
        parser.add_argument("--dry-run", action="store_true", help="Check the backup, change nothing.")

    def handle(self, *args, backup, yes, dry_run, **options):
        try:
            if dry_run:
                manifest = read_manifest(backup)
                self.stdout.write(f"The backup of {manifest['created']} is complete and undamaged ({manifest['engine']}).")
                return
            if not yes:
                raise CommandError("Restoring replaces all current data; add --yes to confirm.")
            manifest = restore_backup(backup)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the backup of {manifest['created']}: database, "
            f"{'and uploaded files' if 'media.tar' in manifest['parts'] else 'uploaded files are in object storage'}."
        )
