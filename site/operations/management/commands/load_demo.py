"""`python manage.py load_demo`: a site full of demo material, idempotently."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from campaigns import demo as campaigns_demo
from content import demo as content_demo
from people.demo_users import ensure_demo_users

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_EMAIL = "admin@loa.example"


class Command(BaseCommand):
    help = (
        "Build the demo site: page tree and content taken from the seed reports. "
        "Running it again changes nothing; --reset deletes the pages and rebuilds."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Delete all pages first, then rebuild."
        )

    @transaction.atomic
    def handle(self, *args, reset=False, **options):
        if reset:
            campaigns_demo.remove()
            content_demo.remove_pages()
            self.stdout.write("Deleted all pages.")
        home = content_demo.build_page_tree(stdout=self.stdout)
        content_demo.build_material(home, stdout=self.stdout)
        call_command("rebuild_search", stdout=self.stdout)
        demo_password = os.environ.get("LOA_DEMO_ADMIN_PASSWORD", "loa-demo")
        password = self._ensure_admin(demo_password)
        admin = get_user_model().objects.get(username=DEMO_ADMIN_USERNAME)
        if recorded := content_demo.approve_english(admin):
            self.stdout.write(f"Recorded {recorded} English translations as approved.")
        campaigns_demo.load(stdout=self.stdout)
        # After the campaigns: some demo people work in the demo's provinces.
        for username in ensure_demo_users(demo_password):
            self.stdout.write(f"Created the demo user '{username}'.")
        self.stdout.write(self.style.SUCCESS("Demo site ready."))
        self.stdout.write(
            f"Public address: {settings.LOA_PUBLIC_URL} (LOA_PUBLIC_URL; links, "
            "PDFs, QR codes and field kits lead there)"
        )
        self.stdout.write(
            f"Admin: /admin/  user: {DEMO_ADMIN_USERNAME}  password: {password}"
        )

    def _ensure_admin(self, password: str) -> str:
        """Create the demo administrator once; never reset a changed password."""
        User = get_user_model()
        user = User.objects.filter(username=DEMO_ADMIN_USERNAME).first()
        if user is None:
            User.objects.create_superuser(
                DEMO_ADMIN_USERNAME, DEMO_ADMIN_EMAIL, password
            )
            self.stdout.write(f"Created the administrator '{DEMO_ADMIN_USERNAME}'.")
            return password
        if user.check_password(password):
            return password
        return "(changed since the demo created it; unchanged)"
