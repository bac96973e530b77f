"""The published generation: one number for "what the public sees as of
now", and what is derived from it, cached until it changes.

Publishing, unpublishing, moving or deleting a page, or changing a site,
topic, audience, legal provision or who may see a page, starts a new
generation (content.signals, web.site_lookup). Whole public pages
(web.page_cache), the site each host name leads to (web.site_lookup) and
values computed from what is published (`for_this_generation`) are cached
under it, so none outlives the change: listings, topic pages, FAQ references
and language switchers all depend on other pages, so nothing finer would be
safe.

The generation lives in the "shared" cache (Redis, or a database table
without it), so every app server's next request sees a new one; what is
cached under it is in the default cache (Redis, or each process's memory),
where entries of an older generation are simply never asked for again.
"""

import hashlib
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.utils.connection import ConnectionProxy

GENERATION_KEY = "public-pages:generation"

# Like Django's `cache`, it follows the thread and settings in use.
shared = ConnectionProxy(caches, "shared")
# Read once per request (one query on the embedded default), not per use;
# outside a request, read each time.
OUTSIDE_A_REQUEST = -1
seen_in_this_request = ContextVar("seen_in_this_request", default=OUTSIDE_A_REQUEST)


def generation() -> int:
    """The current generation. A lost key restarts from the clock, never
    from a number an older generation used."""
    seen = seen_in_this_request.get()
    if seen is None or seen == OUTSIDE_A_REQUEST:
        current = shared.get_or_set(GENERATION_KEY, time.time_ns, timeout=None)
        if seen is None:
            seen_in_this_request.set(current)
        return current
    return seen


def start_new_generation(**kwargs) -> None:
    """A new generation now, and again once the change is committed, so a
    page another server rendered in between, from the database as it was
    before the commit, is not served after it. (With the database table the
    first write commits with the change itself.) A failed second write is
    logged; it never turns a committed publish into an error."""
    _replace_generation()
    transaction.on_commit(_replace_generation, robust=True)


def _replace_generation() -> None:
    new = time.time_ns()
    shared.set(GENERATION_KEY, new, timeout=None)
    if seen_in_this_request.get() != OUTSIDE_A_REQUEST:
        seen_in_this_request.set(new)


def for_this_generation(name: str, compute):
    """A value derived from what is published, computed once per generation
    (a later publish, move or deletion may change it). None is not kept:
    nothing found stays cheap to ask again and costs no cache space."""
    key = f"public-pages:{generation()}:{hashlib.sha256(name.encode()).hexdigest()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        if value is not None:
            cache.set(key, value, timeout=settings.PUBLIC_PAGE_CACHE_SECONDS)
    return value


@contextmanager
def one_reading_per_request():
    """Within it, the generation is read once (one query on the embedded
    default) and then remembered, unless this request starts a new one.
    Entered again within itself, it keeps what the outer one read."""
    if seen_in_this_request.get() != OUTSIDE_A_REQUEST:
        yield
        return
    token = seen_in_this_request.set(None)
    try:
        yield
    finally:
        seen_in_this_request.reset(token)
