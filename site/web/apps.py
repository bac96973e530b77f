from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class WebConfig(AppConfig):
    """The web shell around the domain apps: the public page cache and the
    shared cache in front, the site lookup, language prefixes, security
    headers, health checks, sitemaps, the API router and the web fonts."""

    name = "web"
    label = "web"
    verbose_name = "Loa web"

    def ready(self):
        from content.published import start_new_generation
        from web import front_cache
        from web.shared_cache import create_cache_table, redis_recovered
        from web.site_lookup import connect_signals

        connect_signals()
        front_cache.connect_signals()
        redis_recovered.connect(start_new_generation, dispatch_uid="redis-recovered")
        # Sent after every `migrate` for each app with models (this one has
        # none), whatever it migrated: once, for contenttypes, is enough.
        post_migrate.connect(
            create_cache_table,
            sender=apps.get_app_config("contenttypes"),
            dispatch_uid="shared-cache-table",
        )
