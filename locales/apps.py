from django.apps import AppConfig


class LocalesConfig(AppConfig):
    """Languages: the registry, fallbacks, translation state and exchange."""

    name = "locales"
    verbose_name = "Languages and translation"
