from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """What an operator runs: backup, restore and loading the demo."""

    name = "operations"
    label = "operations"
    verbose_name = "Loa operations"
