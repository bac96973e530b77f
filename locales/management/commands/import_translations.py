"""Import a translated exchange file."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from locales.exchange.formats import ExchangeError, read
from locales.exchange.importer import apply_import, plan_import

MAX_FILE_BYTES = 20 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Import translations from an XLIFF, PO or XLSX file. With --dry-run, "
        "list what would change and change nothing. Conflicts are reported "
        "and skipped; any error stops the whole import."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--user", help="Username recorded as the translator.")
        parser.add_argument("--language", default="", help="Refuse other languages.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file “{path}”.")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CommandError(f"“{path}” is larger than 20 MB.")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user “{options['user']}”.")
        try:
            exchange = read(path.name, path.read_bytes())
        except ExchangeError as error:
            raise CommandError(str(error)) from error
        run = plan_import if options["dry_run"] else apply_import
        plan = run(exchange, user, options["language"])
        for change in plan.changes:
            self.stdout.write(
                f"change    {change.key}: {change.old!r} → {change.new!r}"
            )
            for warning in change.warnings:
                self.stdout.write(f"  warning {warning.message}")
        for conflict in plan.conflicts:
            self.stdout.write(f"conflict  {conflict.key}: {conflict.reason}")
        if plan.errors:
            raise CommandError(
                "Nothing was imported:\n" + "\n".join(f"  {e}" for e in plan.errors)
            )
        verb = "Would change" if options["dry_run"] else "Changed"
        self.stdout.write(
            f"{verb} {len(plan.changes)} units; {len(plan.conflicts)} conflicts "
            f"skipped; {plan.unchanged} unchanged."
        )
