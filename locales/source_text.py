"""The text of a translated field, as stored and as compared, and its digest.

A translation records the digest of the source it was made from; when the
source changes, the digests differ and the translation is outdated.
"""

import hashlib
import json
import re

from django.db.models import F, TextField
from django.db.models.functions import Cast

from wagtail.fields import StreamField

from modeltranslation.utils import build_localized_fieldname

from locales.fallback import is_empty
from locales.normalize import nfc


def stream_block(model, field_name: str):
    """The StreamBlock of the field when it is a StreamField, else None."""
    model_field = model._meta.get_field(field_name)
    return model_field.stream_block if isinstance(model_field, StreamField) else None


def raw_value(instance, field_name: str, language: str) -> str:
    """The field's value in `language` as stored: text, or a stream's raw
    JSON with its block ids; "" when empty."""
    value = getattr(instance, build_localized_fieldname(field_name, language), None)
    if is_empty(value):
        return ""
    if hasattr(value, "raw_data"):
        return json.dumps(list(value.raw_data), ensure_ascii=False)
    return str(value)


def field_text(instance, field_name: str, language: str) -> str:
    """The field's value in `language` as stable text ("" when empty)."""
    return comparable(
        type(instance), field_name, raw_value(instance, field_name, language)
    )


def comparable(model, field_name: str, raw: str) -> str:
    """A stored value as text that changes only when its content changes.

    Streams are compared without the block ids Wagtail adds, so re-saving an
    unchanged body does not change its text.
    """
    if not raw:
        return ""
    if stream_block(model, field_name) is None:
        return BLOCK_KEY.sub("", nfc(raw))
    return json.dumps(_without_ids(json.loads(raw)), ensure_ascii=False, sort_keys=True)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _without_ids(value):
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    if isinstance(value, dict):
        if value.get("type") == "item" and set(value) <= {"type", "value", "id"}:
            # A list item as the editor saves it; older values are plain.
            return _without_ids(value["value"])
        return {key: _without_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, str):
        return BLOCK_KEY.sub("", value)
    return value


# Draftail gives every block of rich text a key of its own on save.
BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')


# Rows per query: well under every database's limit on query parameters.
BATCH = 900


def stored_values(model, pks, fields, languages) -> dict[int, dict]:
    """{pk: {(field, language): the value as stored, as text, or None}} for
    many rows in one query, without building model instances.

    A stream comes as its stored JSON: reading tens of thousands of streams
    as StreamValues would parse every one of them.
    """
    columns = {}
    for field in fields:
        for language in languages:
            name = build_localized_fieldname(field, language)
            expression = (
                Cast(name, TextField()) if stream_block(model, field) else F(name)
            )
            columns[(field, language)] = (f"loa_value_{len(columns)}", expression)
    rows = model._default_manager.annotate(**dict(columns.values())).values_list(
        "pk", *(alias for alias, _expression in columns.values())
    )
    keys = list(columns)
    values = {}
    for start in range(0, len(pks), BATCH):
        for row in rows.filter(pk__in=pks[start : start + BATCH]):
            values[row[0]] = dict(zip(keys, row[1:], strict=True))
    return values
