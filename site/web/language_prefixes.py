"""Middleware of the site shell."""

from django.middleware.locale import LocaleMiddleware
from django.utils.translation import get_language

# Paths outside the language prefixes.
UNPREFIXED = ("/admin/", "/api/")


class AdminAwareLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 in the admin or the API
    stays a 404.

    Django answers a 404 on an unprefixed path by redirecting to the same
    path under the default language; the admin and the API have no language
    prefix, so that redirect would only lead to the public page-not-found.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED):
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)
