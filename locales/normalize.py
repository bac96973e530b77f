"""Unicode normalisation of translated text.

Vietnamese typed on some phones and keyboards arrives decomposed (NFD: "e" +
combining marks) and looks the same as composed text (NFC) but compares, sorts
and searches differently. Every translated field is stored composed.
"""

import json
import unicodedata

from wagtail.fields import StreamValue

from modeltranslation.translator import translator


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def normalize_value(field, value):
    """`value` with all its text in NFC; anything that is not text unchanged."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, StreamValue):
        prepared = json.dumps(field.get_prep_value(value), ensure_ascii=False)
        normalized = nfc(prepared)
        return normalized if normalized != prepared else value
    return value


def normalize_translated_fields(sender, instance, **kwargs):
    """pre_save: store every translated field of `instance` in NFC."""
    options = translator.get_options_for_model(type(instance))
    for translation_fields in options.all_fields.values():
        for field in translation_fields:
            value = getattr(instance, field.attname, None)
            normalized = normalize_value(field, value)
            if normalized is not value:
                setattr(instance, field.attname, normalized)


def connect_normalization() -> None:
    from django.db.models.signals import pre_save

    for model in translator.get_registered_models(abstract=False):
        pre_save.connect(
            normalize_translated_fields,
            sender=model,
            dispatch_uid=f"locales-nfc-{model._meta.label}",
        )


def fold(text: str) -> str:
    """Text reduced for matching: lower case, no accents, "đ" as "d", single
    spaces. "Bảo hiểm" typed composed or decomposed, and "bao hiem", all fold
    to "bao hiem"."""
    text = unicodedata.normalize("NFD", nfc(text).casefold().replace("đ", "d"))
    kept = (
        # Control characters (NUL among them, which PostgreSQL refuses) split words.
        " " if unicodedata.category(char).startswith("C") else char
        for char in text
        if not unicodedata.combining(char)
    )
    return " ".join("".join(kept).split())
