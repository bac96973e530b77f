"""When the translation states last changed: a generation number under
which the matrix keeps the worst state of every piece in every language
between requests (the matrix, the dashboards' queues and exports read them
on every visit, and computing them means reading every field of every piece).

Any save or deletion of a piece or of a translation record starts a new
generation, now and again once the change is committed (so states computed
from the database as it was before the commit are not kept after it). The
generation lives in the "shared" cache, which every process sees; the states
in the default cache, under the generation's number."""

import time

from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.connection import ConnectionProxy

GENERATION_KEY = "translation-states:generation"

shared = ConnectionProxy(caches, "shared")


def generation() -> int:
    """The current generation; a lost key restarts from the clock."""
    return shared.get_or_set(GENERATION_KEY, time.time_ns, timeout=None)


def _start_new_generation() -> None:
    shared.set(GENERATION_KEY, time.time_ns(), timeout=None)


def _changed(**kwargs) -> None:
    _start_new_generation()
    transaction.on_commit(_start_new_generation, robust=True)


def follow_changes_of(model) -> None:
    """Start a new generation whenever a row of `model` is saved or deleted."""
    label = model._meta.label_lower
    post_save.connect(_changed, sender=model, dispatch_uid=f"states-saved-{label}")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"states-gone-{label}")
