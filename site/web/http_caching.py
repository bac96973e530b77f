"""HTTP caching of public pages, PDFs and recordings, for browsers and for
the shared cache in front (web.front_cache).

What an anonymous visitor gets as a plain 200 (HTML of a public page, a
piece's PDF) carries an ETag and a Last-Modified, so a phone that has it
already is answered 304 with no body. Last-Modified is when the published
generation began: nothing public has changed since. `Cache-Control` lets a
browser keep it a minute and a shared cache as long as settings say; `Vary`
names only what changes it (the compression), since such a page is the same
for every visitor without a session. HTML is compressed when the browser
accepts it: such pages carry no CSRF token, so compression gives nothing
away. Recordings (Wagtail's documents, which answer 304 themselves) get the
same `Cache-Control` when a visitor without a session may have them.
Signed-in people, private pages and recordings, the officer's screens and
the admin get none of this.
"""

import hashlib
import math
import time

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.text import compress_string

from content.published import generation, one_reading_per_request
from web.page_cache import cacheable_request

SHARED_TYPES = ("text/html", "application/pdf")
RECORDINGS = "/documents/"


def shared(request, response) -> bool:
    """A response every anonymous visitor gets alike."""
    return (
        cacheable_request(request)
        and response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith(SHARED_TYPES)
        and not response.cookies
        and not response.has_header("Cache-Control")
    )


def public_recording(request, response) -> bool:
    """A recording served to a visitor without a session: a private one
    would have answered with a login or password page instead."""
    return (
        request.method in ("GET", "HEAD")
        and request.path.startswith(RECORDINGS)
        and not request.user.is_authenticated
        and response.status_code in (200, 304)
        and not response.cookies
        and not response.has_header("Cache-Control")
    )


def cache_control() -> str:
    return (
        f"public, max-age={settings.BROWSER_CACHE_SECONDS}, "
        f"s-maxage={settings.SHARED_CACHE_SECONDS}"
    )


def last_change() -> int | None:
    """When the published generation began, rounded up to the second as
    HTTP dates are; None while that second lasts, since a second change
    within it would carry the same date (the ETag still tells them apart)."""
    seconds = math.ceil(generation() / 1e9)
    return seconds if seconds <= time.time() else None


class PublicCachingMiddleware:
    """ETag, Last-Modified, 304 and `Cache-Control` for what is shared;
    gzip for its HTML."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with one_reading_per_request():
            return self.cached(request)

    def cached(self, request):
        response = self.get_response(request)
        if public_recording(request, response):
            response["Cache-Control"] = cache_control()
            return response
        if not shared(request, response):
            return response
        response["Cache-Control"] = cache_control()
        # The session was read only to learn that the visitor is not signed
        # in; Django's session middleware would add `Vary: Cookie` for it.
        # Every visitor without a session gets this same response.
        if not request.session.modified:
            request.session.accessed = False
        response.headers.pop("Vary", None)
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        response["ETag"] = etag
        last_modified = last_change()
        if last_modified:
            response["Last-Modified"] = http_date(last_modified)
        not_modified = get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )
        if not_modified is not response:
            return not_modified
        return self.compressed(request, response)

    def compressed(self, request, response):
        if not response["Content-Type"].startswith("text/html"):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if "gzip" not in request.headers.get("Accept-Encoding", "").lower():
            return response
        body = compress_string(response.content)
        if len(body) >= len(response.content):
            return response
        response.content = body
        response["Content-Length"] = str(len(body))
        response["Content-Encoding"] = "gzip"
        # The same page compressed is not byte for byte the same (RFC 9110).
        response["ETag"] = "W/" + response["ETag"]
        return response
