"""python manage.py backup /var/backups/samverka — the database and uploaded files, checked."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samverka.ops.backups import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write a backup (database with pg_dump or SQLite's backup API, local uploaded files as a tar "
        "archive, a manifest with checksums) into a new directory under DIRECTORY. The site can keep running."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory, **options):
        try:
            target = create_backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = sum(path.stat().st_size for path in target.iterdir())
        self.stdout.write(f"Backup written to {target} ({size / 1_000_000:.1f} MB).")
