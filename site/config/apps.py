from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ConfigConfig(AppConfig):
    """The shell: hosts the commands that wire the domain apps together."""

    name = "config"
    label = "config"
    verbose_name = "Loa"

    def ready(self):
        from config.shared_cache import create_cache_table
        from config.site_lookup import connect_signals

        connect_signals()
        # Sent once for each app with models (this one has none), so the
        # table is checked for after every `migrate`, whatever it migrated.
        post_migrate.connect(create_cache_table, dispatch_uid="shared-cache-table")
