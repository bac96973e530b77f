"""Fuzz tests in the normal suite: a bounded number of examples, the same
ones on every run (CI must not pass or fail by luck), each one starting from
the same database."""

from contextlib import contextmanager

from django.db import transaction

from hypothesis import HealthCheck, settings


def fuzz(examples: int):
    """Hypothesis settings for `examples` examples drawn from a fixed seed.
    Run with `--hypothesis-seed=N` to explore other examples."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )


@contextmanager
def rolled_back():
    """Whatever an example writes is undone before the next one, so that a
    failing example fails again when Hypothesis replays it."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
