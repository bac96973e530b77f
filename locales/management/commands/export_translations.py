"""Export units for translators working offline."""

import sys

from django.core.management.base import BaseCommand, CommandError

from locales.exchange.export import export_units, select_pieces
from locales.exchange.formats import FORMATS, write
from locales.matrix import FILTERS
from locales.states import TranslationState, target_languages


class Command(BaseCommand):
    help = (
        "Write the units of a set of pieces in one language to an XLIFF, PO or "
        "XLSX file, for translation offline."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--language", required=True, help="Language code, e.g. rad."
        )
        parser.add_argument("--format", required=True, choices=sorted(FORMATS))
        parser.add_argument(
            "--output", help="File to write (default: standard output)."
        )
        parser.add_argument(
            "--kind", default="", help="e.g. content.policyexplainerpage"
        )
        parser.add_argument(
            "--state",
            default="",
            choices=["", *TranslationState.values],
            help="Only fields in this translation state.",
        )
        parser.add_argument(
            "--piece",
            action="append",
            default=[],
            help="A piece by key (content.policyexplainerpage:12); repeatable.",
        )
        for matrix_filter in FILTERS.values():
            parser.add_argument(f"--{matrix_filter.name}", default="")

    def handle(self, *args, **options):
        language = options["language"]
        if language not in target_languages():
            raise CommandError(
                f"Loa does not translate into “{language}”; "
                f"choose one of {', '.join(target_languages())}."
            )
        filters = {name: options[name] for name in FILTERS}
        try:
            pieces = select_pieces(options["kind"], options["piece"], **filters)
        except LookupError as error:
            raise CommandError(str(error)) from error
        exchange = export_units(pieces, language, options["state"])
        data = write(exchange, options["format"])
        if options["output"]:
            with open(options["output"], "wb") as output:
                output.write(data)
            self.stderr.write(
                f"Wrote {len(exchange.units)} units to {options['output']}."
            )
        else:
            sys.stdout.buffer.write(data)
