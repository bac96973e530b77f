"""Whole public pages, cached for anonymous visitors.

A page is cached under its path, which carries the language (/vi/…, /rad/…),
and under the published generation (content.published), so no visitor ever
sees a page older than the last publish. Only plain, shared HTML is kept:
the officer's screens (login required), PDFs and recordings (not HTML) and
anything marked private never are, whatever their path.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_max_age

from content.published import generation, one_reading_per_request
from web.paths import NOT_CACHED


def key_for(request) -> str:
    return f"public-pages:{generation()}:{request.method}:{request.path}"


def cacheable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.GET
        and not request.user.is_authenticated
        and not request.path.startswith(NOT_CACHED)
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
        with one_reading_per_request():
            return self.serve(request)

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
