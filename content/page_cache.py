"""Whole public pages, cached for anonymous visitors.

A page is cached under its path, which carries the language (/vi/…, /rad/…),
and under the published generation. Publishing, unpublishing, moving or
deleting a page, or changing a site, topic, audience, legal provision or who
may see a page, starts a new generation: every cached page is then rendered
afresh on its next visit, so no visitor ever sees a page older than the last
publish. Listings, topic pages, FAQ references and language switchers all
depend on other pages, so nothing finer would be safe.

The generation lives in the "shared" cache (Redis, or a database table
without it), so every app server's next request sees a new one; the pages
themselves are in the default cache (Redis, or each process's memory), where
entries of an older generation are simply never asked for again.
"""

import hashlib
import time
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import get_max_age
from django.utils.connection import ConnectionProxy

GENERATION_KEY = "public-pages:generation"
# Paths that are not public pages, or differ by visitor.
NOT_CACHED = ("/admin/", "/documents/", "/healthz/", "/static/", "/media/")

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


def key_for(request) -> str:
    return f"public-pages:{generation()}:{request.method}:{request.path}"


def cacheable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.GET
        and not request.user.is_authenticated
        and not request.path.startswith(NOT_CACHED)
        and "/officer/" not in request.path
        and not request.path.endswith("/pdf/")
    )


def cacheable_response(response) -> bool:
    """Only plain, shared HTML: no cookies set, nothing that varies by
    cookie (a CSRF token: a password form), nothing marked private."""
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and "cookie" not in response.get("Vary", "").lower()
        and "private" not in response.get("Cache-Control", "")
        and get_max_age(response) != 0
    )


class PublicPageCacheMiddleware:
    """Serve anonymous visitors' pages from the cache; store what is safe."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = seen_in_this_request.set(None)
        try:
            return self.serve(request)
        finally:
            seen_in_this_request.reset(token)

    def serve(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        key = key_for(request)
        cached = cache.get(key)
        if cached is not None:
            response = HttpResponse(cached["content"], status=200)
            for header, value in cached["headers"].items():
                response[header] = value
            response["X-Loa-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if cacheable_response(response):
            cache.set(
                key,
                {"content": response.content, "headers": dict(response.headers)},
                timeout=settings.PUBLIC_PAGE_CACHE_SECONDS,
            )
            response["X-Loa-Cache"] = "miss"
        return response
