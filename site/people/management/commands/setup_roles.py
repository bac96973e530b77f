"""`python manage.py setup_roles`: create the groups of Loa's roles, or bring
their permissions up to date (see `people.roles`)."""

from django.core.management.base import BaseCommand

from people.roles import setup_roles


class Command(BaseCommand):
    help = "Create or update the groups of Loa's roles and their permissions."

    def handle(self, *args, **options):
        for group in setup_roles():
            self.stdout.write(f"Role ready: {group.name}")
