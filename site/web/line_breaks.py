"""Line breaks in public pages written in a script browsers cannot split.

Browsers find the words of Khmer with ICU's dictionary, but ICU has none for
Tai Viet: a paragraph of Tai Viet is one unbreakable run, and a phone's page
becomes as wide as the longest one. Pages get a zero-width space between the
syllables of such text as they are sent; stored text never has one, and the
admin's forms are left alone.
"""

from django.utils.translation import get_language

from locales.registry import get_language as registered_language
from locales.segmentation import html_with_break_opportunities, undictionaried_scripts


class LineBreakMiddleware:
    """Sits inside the public page cache, so a cached page is one already
    given its break opportunities."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        scripts = undictionaried_scripts()
        if (
            not scripts
            or request.path.startswith("/admin/")
            or response.streaming
            or response.status_code != 200
            or not response.get("Content-Type", "").startswith("text/html")
            or not _written_in(scripts)
        ):
            return response
        html = response.content.decode(response.charset)
        response.content = html_with_break_opportunities(html, scripts).encode(
            response.charset
        )
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response


def _written_in(scripts) -> bool:
    """The page's language is written in one of `scripts`."""
    try:
        return registered_language(get_language() or "").script in scripts
    except KeyError:
        return False
