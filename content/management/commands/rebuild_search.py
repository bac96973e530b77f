"""`python manage.py rebuild_search`: index all published material again."""

from django.core.management.base import BaseCommand
from django.db import transaction

from content.models import MATERIAL_MODELS
from content.models.search import rebuild_search_documents


class Command(BaseCommand):
    help = "Rebuild the search documents of all published material."

    @transaction.atomic
    def handle(self, *args, **options):
        count = rebuild_search_documents(MATERIAL_MODELS)
        self.stdout.write(f"Indexed {count} published pieces.")
