"""Whole public pages, cached for anonymous visitors.

A page is cached under its path, which carries the language (/vi/…, /rad/…),
and under the current cache generation. Publishing, unpublishing, moving or
deleting a page, or changing a topic, audience or legal provision, starts a
new generation: every cached page is then rendered afresh on its next visit,
so no visitor ever sees a page older than the last publish. Listings, topic
pages, FAQ references and language switchers all depend on other pages, so
nothing finer would be safe. The cache is Django's default cache: local
memory on one server, Redis (`REDIS_URL`) when several servers share it.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_max_age

GENERATION_KEY = "public-pages:generation"
# Paths that are not public pages, or differ by visitor.
NOT_CACHED = ("/admin/", "/documents/", "/healthz/", "/static/", "/media/")


def generation() -> int:
    """The current generation. A lost key restarts from the clock, never
    from a number an older generation used."""
    return cache.get_or_set(GENERATION_KEY, time.time_ns(), timeout=None)


def start_new_generation(**kwargs) -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


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
