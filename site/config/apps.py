from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The shell: hosts the commands that wire the domain apps together."""

    name = "config"
    label = "config"
    verbose_name = "Loa"
