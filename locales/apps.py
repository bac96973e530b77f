from django.apps import AppConfig


class LocalesConfig(AppConfig):
    """Languages: the registry, fallbacks, translation state and exchange."""

    name = "locales"
    verbose_name = "Languages and translation"

    def ready(self):
        from locales.normalize import connect_normalization

        connect_normalization()
