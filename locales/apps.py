from django.apps import AppConfig


class LocalesConfig(AppConfig):
    """Languages: the registry, fallbacks, translation state and exchange."""

    name = "locales"
    verbose_name = "Languages and translation"

    def ready(self):
        from wagtail.signals import page_published

        from locales.models import TranslationRecord
        from locales.normalize import connect_normalization
        from locales.realign import on_publish
        from locales.state_cache import follow_changes_of

        connect_normalization()
        follow_changes_of(TranslationRecord)
        page_published.connect(on_publish, dispatch_uid="locales-follow-source")
