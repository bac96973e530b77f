"""HTTP caching of public pages and PDFs, for browsers and shared caches.

What an anonymous visitor gets as a plain 200 (HTML of a public page, a
piece's PDF) carries an ETag, so a phone that has it already is answered
304 with no body; `Cache-Control` lets a browser keep it a minute and a
shared cache (a proxy or CDN in front) as long as settings say. HTML is
compressed when the browser accepts it: such pages carry no CSRF token, so
compression gives nothing away. Signed-in people, private pages, the
officer's screens and the admin get none of this.
"""

import hashlib

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.text import compress_string

from web.page_cache import cacheable_request

SHARED_TYPES = ("text/html", "application/pdf")


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


class PublicCachingMiddleware:
    """ETag, 304 and `Cache-Control` for what is shared; gzip for its HTML."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not shared(request, response):
            return response
        response["Cache-Control"] = (
            f"public, max-age={settings.BROWSER_CACHE_SECONDS}, "
            f"s-maxage={settings.SHARED_CACHE_SECONDS}"
        )
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        response["ETag"] = etag
        not_modified = get_conditional_response(
            request, etag=etag, last_modified=None, response=response
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
