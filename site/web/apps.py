from django.apps import AppConfig
from django.db.models.signals import post_migrate


class WebConfig(AppConfig):
    """The web shell around the domain apps: the public page cache, the
    site lookup, language prefixes, security headers, health checks,
    sitemaps, the API router and the web fonts."""

    name = "web"
    label = "web"
    verbose_name = "Loa web"

    def ready(self):
        from web.shared_cache import create_cache_table
        from web.site_lookup import connect_signals

        connect_signals()
        # Sent once for each app with models (this one has none), so the
        # table is checked for after every `migrate`, whatever it migrated.
        post_migrate.connect(create_cache_table, dispatch_uid="shared-cache-table")
