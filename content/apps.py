from django.apps import AppConfig


class ContentConfig(AppConfig):
    """Material: policy explainers, radio scripts, FAQ answers and topics."""

    name = "content"
    verbose_name = "Content"

    def ready(self):
        from content import translation_matrix
        from content.signals import connect_signals

        connect_signals()
        translation_matrix.register()
