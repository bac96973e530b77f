"""Translation state of pieces, field by field and language by language.

missing       the field has no text in the language
outdated      the source changed since the translation was made
draft         translated, not yet submitted (also: text with no record)
needs_review  submitted for review
approved      approved by a reviewer
"""

import difflib
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from modeltranslation.utils import build_localized_fieldname

from locales.fallback import is_empty, translated_field_names
from locales.models import TranslationRecord
from locales.registry import load_languages, source_language
from locales.source_text import comparable, digest, field_text, source_text


class TranslationState(models.TextChoices):
    MISSING = "missing", _("Missing")
    DRAFT = "draft", _("Draft")
    NEEDS_REVIEW = "needs_review", _("Needs review")
    APPROVED = "approved", _("Approved")
    OUTDATED = "outdated", _("Outdated")


@dataclass(frozen=True)
class FieldState:
    field: str
    language: str
    state: TranslationState


def target_languages() -> list[str]:
    source = source_language().code
    return [language.code for language in load_languages() if language.code != source]


def states_for(pieces) -> dict[tuple[int, str, str], FieldState]:
    """{(piece pk, field, language): state} for pieces of one model, in one
    query, for every translated field that has source text."""
    pieces = list(pieces)
    if not pieces:
        return {}
    model = type(pieces[0])
    # Plain rows, not model instances: the matrix reads tens of thousands.
    records = TranslationRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[piece.pk for piece in pieces],
    ).values_list(
        "object_id", "field", "language", "status", "source_digest", "text", named=True
    )
    by_key = {
        (record.object_id, record.field, record.language): record for record in records
    }
    languages = target_languages()
    fields = translated_field_names(model)
    names = {
        (field, language): build_localized_fieldname(field, language)
        for field in fields
        for language in languages
    }
    states = {}
    for piece in pieces:
        for field in fields:
            current = source_text(piece, field)
            if is_empty(current) or current == "[]":
                continue
            current_digest = digest(current)
            for language in languages:
                record = by_key.get((piece.pk, field, language))
                value = getattr(piece, names[(field, language)], None)
                state = _state(piece, field, language, value, record, current_digest)
                states[(piece.pk, field, language)] = FieldState(field, language, state)
    return states


def _state(piece, field, language, value, record, current_digest) -> TranslationState:
    # Serialising a stream is the costly part: only an approved translation
    # needs its text compared.
    working = record.text if record is not None else ""
    if is_empty(value) and not working:
        return TranslationState.MISSING
    if record is None:
        return TranslationState.DRAFT
    if record.source_digest != current_digest:
        return TranslationState.OUTDATED
    if record.status == TranslationRecord.Status.APPROVED and working:
        text = field_text(piece, field, language)
        if comparable(type(piece), field, working) != text:
            # Changed in the piece's own editor since it was approved.
            return TranslationState.DRAFT
    return TranslationState(record.status)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """How `old` became `new`, word by word:
    [("equal" | "delete" | "insert", text)]."""
    old_words, new_words = old.split(), new.split()
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation in ("equal", "delete", "replace"):
            kind = "equal" if operation == "equal" else "delete"
            parts.append((kind, " ".join(old_words[old_start:old_end])))
        if operation in ("insert", "replace"):
            parts.append(("insert", " ".join(new_words[new_start:new_end])))
    return parts
