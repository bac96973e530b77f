"""`python manage.py rebuild_search`: index all published material again,
for the public search and for the admin's search and page chooser."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from content.models import MATERIAL_MODELS
from content.models.search import rebuild_search_documents


class Command(BaseCommand):
    help = "Rebuild the public search documents and the admin's search index."

    @transaction.atomic
    def handle(self, *args, **options):
        count = rebuild_search_documents(MATERIAL_MODELS)
        # Wagtail's own index, which a publish otherwise updates through the
        # background worker: filled now, so the page chooser finds material
        # by code and title at once.
        call_command("update_index", verbosity=0)
        self.stdout.write(f"Indexed {count} published pieces.")
