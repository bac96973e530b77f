"""Give every live piece its first version in each language, and each print
run the version it printed, where they have none: after `migrate` on a
database made before versions were counted. Safe to run again."""

from django.core.management.base import BaseCommand

from content.versions import record_missing_versions


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        made = record_missing_versions()
        self.stdout.write(f"{made} first versions recorded.")
