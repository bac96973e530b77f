"""Load the administrative tree from a CSV file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaigns.area_import import AreaFileError, load_areas


class Command(BaseCommand):
    help = "Load areas from a CSV file with the columns code,name,parent_code,level."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file “{path}”.")
        try:
            created, updated = load_areas(path.read_text(encoding="utf-8-sig"))
        except UnicodeDecodeError as error:
            raise CommandError(f"“{path}” is not UTF-8 text.") from error
        except AreaFileError as error:
            raise CommandError("Nothing was loaded:\n" + str(error)) from error
        self.stdout.write(f"Created {created} areas, updated {updated}.")
