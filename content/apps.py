from django.apps import AppConfig


class ContentConfig(AppConfig):
    """Material: policy explainers, radio scripts, FAQ answers and topics."""

    name = "content"
    verbose_name = "Content"
