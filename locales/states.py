"""Translation state of pieces, field by field and language by language.

missing       the field has no text in the language
outdated      the source changed since the translation was made
draft         translated, not yet submitted (also: text with no record)
needs_review  submitted for review
approved      approved by a reviewer
"""

import difflib
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from locales.fallback import translated_field_names
from locales.models import TranslationRecord
from locales.registry import load_languages, source_language
from locales.source_text import comparable, digest, same_content, stored_values


class TranslationState(models.TextChoices):
    MISSING = "missing", _("Missing")
    DRAFT = "draft", _("Draft")
    NEEDS_REVIEW = "needs_review", _("Needs review")
    APPROVED = "approved", _("Approved")
    OUTDATED = "outdated", _("Outdated")


STATES = {state.value: state for state in TranslationState}


class FieldState(NamedTuple):
    field: str
    language: str
    state: TranslationState


def target_languages() -> list[str]:
    source = source_language().code
    return [language.code for language in load_languages() if language.code != source]


def states_for(pieces) -> dict[tuple[int, str, str], FieldState]:
    """{(piece pk, field, language): state} for pieces of one model, for every
    translated field that has source text."""
    pieces = list(pieces)
    if not pieces:
        return {}
    pks = [piece.pk for piece in pieces]
    return {
        (pk, field, language): FieldState(field, language, state)
        for pk, field, language, state in each_state(type(pieces[0]), pks)
    }


def each_state(model, pks):
    """(pk, field, language, state) for the pieces of `model` with these pks,
    read from the stored rows: one query for the texts and one for the
    records, whatever the number of pieces."""
    records = _records(model, pks)
    source = source_language().code
    languages = target_languages()
    fields = translated_field_names(model)
    stored = stored_values(model, pks, fields, [source, *languages])
    for pk, values in stored.items():
        for field in fields:
            current = comparable(model, field, _text(values[(field, source)]))
            if not current or current == "[]":
                continue
            current_digest = digest(current)
            for language in languages:
                value = _text(values[(field, language)])
                record = records.get((pk, field, language))
                state = _state(model, field, value, record, current_digest)
                yield pk, field, language, state


def _records(model, pks) -> dict[tuple[int, str, str], tuple[str, str, str]]:
    """{(pk, field, language): (status, source digest, working text)}.

    Plain tuples, not model instances: the matrix reads tens of thousands.
    """
    rows = TranslationRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=pks
    ).values_list("object_id", "field", "language", "status", "source_digest", "text")
    return {(pk, field, language): record for pk, field, language, *record in rows}


def _text(stored) -> str:
    """A stored value, "" when empty (an empty stream is stored as "[]")."""
    if stored is None or stored == "[]" or stored.isspace():
        return ""
    return stored


def _state(model, field, value, record, current_digest) -> TranslationState:
    # Parsing streams is the costly part: only an approved translation needs
    # its text compared.
    status, source_digest, working = record or (None, "", "")
    if not value and not working:
        return TranslationState.MISSING
    if record is None:
        return TranslationState.DRAFT
    if source_digest != current_digest:
        return TranslationState.OUTDATED
    approved = status == TranslationRecord.Status.APPROVED
    if approved and working and not same_content(model, field, working, value):
        # Changed in the piece's own editor since it was approved.
        return TranslationState.DRAFT
    return STATES[status]


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
