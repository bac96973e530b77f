"""The headless API: Wagtail's API v2 for the public pages, in any registered
language.

The language is `?locale=CODE`, else the Accept-Language header, else the
source language. Each page says which language it is in, whether any field
falls back to another language and, in detail, the state of its translation.
Only live, public pages are served, as on the site.
"""

import re

from django.utils import translation

from wagtail.api.v2.filters import LocaleFilter, SearchFilter
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from content.api_fields import WholeObjectField
from content.api_pagination import BoundedPagination
from content.models.search import MAX_QUERY_LENGTH
from locales.attestation import attestation_for
from locales.fallback import fallbacks
from locales.matrix import worst_states_of
from locales.public_address import public_url
from locales.registry import current_language, get_language, source_language_code


class LanguageField(WholeObjectField):
    """The language the page is served in."""

    def to_representation(self, page):
        return current_language().code


class FallbackField(WholeObjectField):
    """{field: language shown instead} for each field not translated into
    the language asked for; empty when the page is wholly translated. A
    listing of several kinds of page covers the fields all pages share."""

    def to_representation(self, page):
        return fallbacks(page, current_language().code)


class TranslationStateField(WholeObjectField):
    """The state of the page's translation into the language asked for: its
    worst field (missing, outdated, draft, needs_review, approved), or
    "source" in the source language and null for a page with no translated
    fields."""

    def to_representation(self, page):
        language = current_language().code
        if language == source_language_code():
            return "source"
        state = worst_states_of(type(page), [page.pk]).get((page.pk, language))
        return state.value if state is not None else None


class AttestationField(WholeObjectField):
    """Who translated, revised and reviewed the text served, counting only
    approved text that is live; how many parts are outdated, unreviewed or
    untranslated. Null in the source language and where nothing is
    translated."""

    def to_representation(self, page):
        language = current_language().code
        if language == source_language_code():
            return None
        attestation = attestation_for(page, language)
        return attestation.as_dict() if attestation else None


class PublicPageURLField(WholeObjectField):
    """The page's web address in the language asked for, at the site's
    public address (Wagtail's own comes from its Site record)."""

    def to_representation(self, page):
        parts = page.get_url_parts()
        return public_url(parts[2]) if parts else None


class LocalisedPageSerializer(PageSerializer):
    html_url = PublicPageURLField()
    language = LanguageField()
    fallback = FallbackField()
    translation_state = TranslationStateField()
    attestation = AttestationField()


class InLanguageMixin:
    """Serves an API endpoint in the language of `?locale=CODE`, else of the
    Accept-Language header; an unknown code is a 400 that names it."""

    def dispatch(self, request, *args, **kwargs):
        code = request.GET.get("locale", "")
        if code and _registered(code):
            with translation.override(code):
                return super().dispatch(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        code = request.GET.get("locale", "")
        if code and not _registered(code):
            raise BadRequestError(f"unknown locale “{code}”")


class PlainWordsSearchFilter(SearchFilter):
    """Wagtail's `?search=`, reduced to its words: quotes and operators
    would otherwise reach the database's full-text syntax and fail there."""

    def filter_queryset(self, request, queryset, view):
        if "search" in request.GET:
            words = " ".join(re.findall(r"\w+", request.GET["search"]))
            query = request.GET.copy()
            query["search"] = words[:MAX_QUERY_LENGTH]
            request._request.GET = query
        return super().filter_queryset(request, queryset, view)


class LocalisedPagesAPIViewSet(InLanguageMixin, PagesAPIViewSet):
    """Public pages in the language asked for (see the module's docstring)."""

    base_serializer_class = LocalisedPageSerializer
    pagination_class = BoundedPagination
    # Wagtail's ?locale filter is for its own Locale model; here the locale
    # chooses the language every field is served in.
    filter_backends = [
        PlainWordsSearchFilter if backend is SearchFilter else backend
        for backend in PagesAPIViewSet.filter_backends
        if backend is not LocaleFilter
    ]
    meta_fields = [
        *[name for name in PagesAPIViewSet.meta_fields if name != "locale"],
        "language",
        "fallback",
        "translation_state",
        "attestation",
    ]
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        "language",
        "fallback",
    ]
    # The state takes queries of its own: detail only, so a listing stays
    # constant in queries.
    detail_only_fields = [
        *PagesAPIViewSet.detail_only_fields,
        "translation_state",
        "attestation",
    ]

    @classmethod
    def get_detail_default_fields(cls, model):
        # Every field, as Wagtail does; its own version removes "locale".
        return cls.get_available_fields(model)


def _registered(code: str) -> bool:
    try:
        get_language(code)
    except KeyError:
        return False
    return True
