from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark (`make bench`), its load run and the app-server harness
    the tests share. Installed only by the bench settings."""

    name = "bench"
    label = "bench"
    verbose_name = "Loa benchmark"
