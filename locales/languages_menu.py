"""The language switcher and `hreflang` alternates for the current URL, the
alternates at the site's public address."""

from dataclasses import dataclass
from functools import cached_property

from locales.public_address import public_url
from locales.registry import Language, current_language, load_languages


@dataclass(frozen=True)
class LanguageLink:
    language: Language
    path: str
    absolute_url: str
    is_current: bool


class LanguageMenu:
    """The current page's address in every registered language.

    Built lazily: the context processor runs for admin pages too, which never
    show the menu.
    """

    def __init__(self, request):
        self.request = request
        # A page that stands for another address (a printout's notice stands
        # for the piece's page) links to that address in every language.
        self.path = getattr(request, "canonical_path", None) or request.path

    @cached_property
    def current(self) -> Language:
        return current_language()

    @cached_property
    def links(self) -> list[LanguageLink]:
        return [self._link(language) for language in load_languages()]

    @cached_property
    def x_default_url(self) -> str:
        """The address without a language prefix: it redirects each visitor to
        their own language, which is what `hreflang="x-default"` means."""
        path = self.path
        prefix = f"/{self.current.code}/"
        if path.startswith(prefix):
            path = "/" + path.removeprefix(prefix)
        return public_url(path)

    def _link(self, language: Language) -> LanguageLink:
        # Paths are the same in every language, behind the language's prefix.
        prefix = f"/{self.current.code}/"
        if self.path.startswith(prefix):
            path = f"/{language.code}/" + self.path.removeprefix(prefix)
        else:
            # Not a language-prefixed URL (an error page, say): go to the home page.
            path = f"/{language.code}/"
        return LanguageLink(
            language=language,
            path=path,
            absolute_url=public_url(path),
            is_current=language.code == self.current.code,
        )
