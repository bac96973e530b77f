from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The shell: hosts the commands that wire the domain apps together."""

    name = "config"
    label = "config"
    verbose_name = "Loa"

    def ready(self):
        from config.site_lookup import connect_signals

        connect_signals()
