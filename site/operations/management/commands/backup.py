"""`python manage.py backup [--output-dir DIR]`: the database and media in one
archive (see `operations.backup`)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Write loa-<when>.tar.gz: the database and the media files."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", default="backups", type=Path)

    def handle(self, *args, output_dir, **options):
        try:
            archive = create_backup(output_dir)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backup written: {archive}")
