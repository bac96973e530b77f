"""`python manage.py restore FILE`: replace the database and media with a
backup's, then check nothing is missing (see `operations.backup`)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `backup`. Stop the app servers first."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive, **options):
        try:
            restored = restore_backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from None
        summary = ", ".join(f"{count} {what}" for what, count in restored.items())
        self.stdout.write(f"Restored {archive}: {summary}.")
