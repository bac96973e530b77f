"""Template tags that tell readers which language they are reading."""

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.translation import get_language, pgettext

from locales.attestation import attestation_for
from locales.fallback import fallbacks, shown_language, translated_languages
from locales.outdated import outdated_translation
from locales.paper import paper_caveats as caveats_of
from locales.registry import get_language as registered_language
from locales.registry import source_language, source_language_code

register = template.Library()


@register.simple_tag
def lang_attr(instance, field_name):
    """` lang="vi"` when the field is shown from a fallback language, else nothing."""
    language = get_language()
    shown = shown_language(instance, field_name, language)
    if shown is None or shown == language:
        return ""
    return format_html(' lang="{}"', shown)


@register.filter
def autonym(code: str) -> str:
    """A language's own name ("Êđê", "Tiếng Việt"), as its speakers and
    the language choices on the officer's form name it."""
    try:
        return registered_language(code).autonym
    except KeyError:
        return code


@register.simple_tag
def source_lang_attr():
    """` lang="vi"` for text written only in the source language (a change
    note), on a page in another language; else nothing."""
    source = source_language_code()
    return "" if get_language() == source else format_html(' lang="{}"', source)


@register.inclusion_tag("locales/fallback_notice.html")
def fallback_notice(instance):
    """A notice naming the languages shown because a translation is missing."""
    language = get_language()
    shown = sorted(set(fallbacks(instance, language).values()))
    return {
        "requested": registered_language(language),
        "shown": [registered_language(code) for code in shown],
    }


@register.inclusion_tag("locales/outdated_notice.html")
def outdated_notice(instance):
    """A notice that the translation shown was made from an earlier version
    of the source, with the date the source changed when it is known."""
    outdated = outdated_translation(instance, get_language())
    if outdated is None:
        return {}
    source = source_language()
    changed_at = outdated.source_changed_at
    if changed_at is not None:
        changed_at = timezone.localtime(changed_at)
        changed_at = format_html(
            '<time datetime="{}">{}</time>',
            changed_at.date().isoformat(),
            format_date(changed_at, pgettext("date in a sentence", "j F Y")),
        )
    return {
        "outdated": outdated,
        "source": format_html('<span lang="{}">{}</span>', source.code, source.autonym),
        "changed_at": changed_at,
    }


@register.simple_tag
def translated_language_codes(instance):
    """The codes of the languages `instance` is fully translated into."""
    return translated_languages(instance) if instance is not None else None


@register.simple_tag
def translation_attestation(instance, language=None):
    """Who translated and reviewed `instance` in `language` (default: the
    active language); None in the source language and for text that was not
    translated."""
    language = language or get_language()
    if instance is None or language == source_language_code():
        return None
    return attestation_for(instance, language)


@register.simple_tag
def paper_caveats(instance, language=None):
    """What a printed copy of `instance` in `language` (default: the active
    language) must say about its translation (see locales.paper)."""
    return caveats_of(instance, language or get_language())
