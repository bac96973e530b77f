"""Which language a visitor actually sees for each translated field.

Works over any model registered with modeltranslation; knows nothing of the
models themselves.
"""

import json

from django.db.models import TextField
from django.db.models.functions import Cast

from wagtail.fields import StreamField

from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from locales.registry import fallback_chain, load_languages, source_language_code


def is_empty(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return len(value) == 0
    except TypeError:
        return False


def translated_field_names(model) -> list[str]:
    """The translatable fields modeltranslation registered for `model`."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return []
    return sorted(options.all_fields)


def shown_language(instance, field_name: str, language: str) -> str | None:
    """The language whose text is shown for `field_name` in `language`.

    `language` itself when translated, else the first language of its fallback
    chain that has text; None when the field is empty in every language.
    """
    for code in fallback_chain(language):
        value = getattr(instance, build_localized_fieldname(field_name, code), None)
        if not is_empty(value):
            return code
    return None


def fallbacks(instance, language: str) -> dict[str, str]:
    """{field name: language shown instead} for each field that falls back."""
    result = {}
    for field_name in translated_field_names(type(instance)):
        shown = shown_language(instance, field_name, language)
        if shown is not None and shown != language:
            result[field_name] = shown
    return result


def translated_languages(instance) -> set[str]:
    """Languages in which every field that has source text has its own text."""
    return _translated(
        lambda name, code: getattr(
            instance, build_localized_fieldname(name, code), None
        ),
        translated_field_names(type(instance)),
    )


def translated_languages_by_pk(model, pks) -> dict[int, set[str]]:
    """`translated_languages` of many rows of `model` in one query, read
    from their values: no instance is built (a page's is costly)."""
    names = translated_field_names(model)
    columns = [
        build_localized_fieldname(name, language.code)
        for name in names
        for language in load_languages()
    ]
    # A stream is read as its JSON text: Wagtail's own reading of a stream
    # costs more than the rest of the row.
    streams = {
        column
        for column in columns
        if isinstance(model._meta.get_field(column), StreamField)
    }
    raw = {f"raw_{column}": Cast(column, TextField()) for column in streams}
    rows = model.objects.filter(pk__in=pks).annotate(**raw)
    selected = [f"raw_{column}" if column in streams else column for column in columns]
    found = {}
    for pk, *values in rows.values_list("pk", *selected):
        row = {
            column: json.loads(value) if column in streams and value else value
            for column, value in zip(columns, values, strict=True)
        }
        found[pk] = _translated(
            lambda name, code, row=row: row[build_localized_fieldname(name, code)],
            names,
        )
    return found


def _translated(value_of, names) -> set[str]:
    source = source_language_code()
    fields = [name for name in names if not is_empty(value_of(name, source))]
    return {
        language.code
        for language in load_languages()
        if all(not is_empty(value_of(name, language.code)) for name in fields)
    }
