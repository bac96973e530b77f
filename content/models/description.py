"""The meta description in a page's head: the text search engines show
under its title, in the page's language."""

from django.utils.text import Truncator

from modeltranslation.utils import build_localized_fieldname

from locales.fallback import shown_language
from locales.registry import current_language, fallback_chain

# Search engines show about this much.
DESCRIPTION_LENGTH = 160


class DescribedPage:
    """Mixed into page types. The description is the editor's search
    description (Promote tab) else the page's own short text
    (`description_field`: a summary, a short answer, an introduction),
    whichever is written in the page's language; where neither is, as the
    page itself falls back. Kinds with no short text describe themselves in
    `fallback_description`."""

    description_field = ""

    def meta_description(self) -> str:
        text = self._written_description() or self.fallback_description()
        return Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH)

    def fallback_description(self) -> str:
        return ""

    def _written_description(self) -> str:
        language = current_language().code
        chain = fallback_chain(language)
        found = []
        for rank, field in enumerate(("search_description", self.description_field)):
            shown = shown_language(self, field, language) if field else None
            if shown is not None:
                found.append((chain.index(shown), rank, field, shown))
        if not found:
            return ""
        _nearest, _rank, field, shown = min(found)
        return str(getattr(self, build_localized_fieldname(field, shown)))
