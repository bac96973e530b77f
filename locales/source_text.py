"""The source text a translation is made from, and its digest.

A translation records the digest of the source it was made from; when the
source changes, the digests differ and the translation is outdated.
"""

import hashlib
import json

from modeltranslation.utils import build_localized_fieldname

from locales.normalize import nfc
from locales.registry import source_language


def field_text(instance, field_name: str, language: str) -> str:
    """The field's value in `language` as stable text ("" when empty).

    Streams are compared without the block ids Wagtail adds, so re-saving an
    unchanged body does not change its text.
    """
    value = getattr(instance, build_localized_fieldname(field_name, language), None)
    if value is None:
        return ""
    if hasattr(value, "raw_data"):
        return json.dumps(
            _without_ids(list(value.raw_data)), ensure_ascii=False, sort_keys=True
        )
    return nfc(str(value))


def source_text(instance, field_name: str) -> str:
    return field_text(instance, field_name, source_language().code)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _without_ids(value):
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_ids(item) for key, item in value.items() if key != "id"}
    return value
