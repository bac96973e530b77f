from django.apps import AppConfig


class LocalesConfig(AppConfig):
    """Languages: the registry, fallbacks, translation state and exchange."""

    name = "locales"
    verbose_name = "Languages and translation"

    def ready(self):
        from wagtail.signals import page_published

        from locales.normalize import connect_normalization
        from locales.realign import on_publish

        connect_normalization()
        page_published.connect(on_publish, dispatch_uid="locales-follow-source")
