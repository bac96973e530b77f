"""Build a campaign's field kit now and write the ZIP."""

from dataclasses import asdict
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaigns.field_kit import FieldKitError, build, fingerprint, plan
from campaigns.models import Campaign, FieldKit


class Command(BaseCommand):
    help = (
        "Build the field kit of CAMPAIGN (its id or exact name) for the given "
        "languages: PDFs, recordings, FAQ cards and an index, in one ZIP."
    )

    def add_arguments(self, parser):
        parser.add_argument("campaign")
        parser.add_argument("--languages", required=True, help="e.g. vi,rad")
        parser.add_argument("--output", help="Where to write the ZIP.")

    def handle(self, *args, campaign, languages, output=None, **options):
        found = Campaign.objects.filter(
            pk=int(campaign) if campaign.isdigit() else None
        ) | Campaign.objects.filter(name=campaign)
        if found.count() != 1:
            raise CommandError(f"No campaign “{campaign}” (give its id or exact name).")
        campaign = found.get()
        codes = [code.strip() for code in languages.split(",") if code.strip()]
        try:
            items = plan(campaign, codes)
        except FieldKitError as error:
            raise CommandError(str(error)) from error
        kit = FieldKit.objects.create(
            campaign=campaign,
            languages=sorted(set(codes)),
            manifest=[asdict(item) for item in items],
            fingerprint=fingerprint(items),
        )
        build(kit)
        path = Path(output) if output else Path(Path(kit.file.name).name)
        with kit.file.open("rb") as built:
            path.write_bytes(built.read())
        self.stdout.write(f"Wrote {len(items)} items to {path}.")
