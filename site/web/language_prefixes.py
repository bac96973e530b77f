"""Language prefixes: where a 404 stays a 404."""

from django.middleware.locale import LocaleMiddleware
from django.utils.translation import get_language

from web.paths import UNPREFIXED


class AdminAwareLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 outside the language
    prefixes (the admin, the API…) stays a 404.

    Django answers a 404 on an unprefixed path by redirecting to the same
    path under the default language; there, that redirect would only lead
    to the public page-not-found.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED):
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)
