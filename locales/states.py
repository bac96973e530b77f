"""Translation state of pieces, unit by unit and language by language.

missing       the unit has no text in the language
outdated      the unit's source changed since the translation was made
draft         translated, not yet submitted (also: text typed into the piece's
              own editor, which no record vouches for)
needs_review  submitted for review
sent_back     a reviewer sent it back to the translator
approved      approved by a reviewer

A field, a piece and a matrix cell show the worst state of their units.
"""

import difflib
import hashlib
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from locales.fallback import translated_field_names
from locales.models import TranslationRecord
from locales.placeholders import strip as strip_placeholders
from locales.registry import load_languages, source_language_code
from locales.rich_text import squeeze
from locales.source_text import digest, stored_values
from locales.units import field_leaves, target_leaves


class TranslationState(models.TextChoices):
    MISSING = "missing", _("Missing")
    DRAFT = "draft", _("Draft")
    NEEDS_REVIEW = "needs_review", _("Needs review")
    SENT_BACK = "sent_back", _("Sent back")
    APPROVED = "approved", _("Approved")
    OUTDATED = "outdated", _("Outdated")


STATES = {state.value: state for state in TranslationState}

# Worst first: a field, piece or cell shows the worst state of its units.
STATE_ORDER = [
    TranslationState.MISSING,
    TranslationState.OUTDATED,
    TranslationState.SENT_BACK,
    TranslationState.DRAFT,
    TranslationState.NEEDS_REVIEW,
    TranslationState.APPROVED,
]
RANKS = {state: index for index, state in enumerate(STATE_ORDER)}


class FieldState(NamedTuple):
    field: str
    language: str
    state: TranslationState


def worst(states) -> TranslationState:
    return min(states, key=RANKS.__getitem__)


def target_languages() -> list[str]:
    source = source_language_code()
    return [language.code for language in load_languages() if language.code != source]


def unit_digest(text: str) -> str:
    """The digest of a unit's text as a reader sees it: white space that
    HTML ignores and Unicode composition do not change it."""
    return digest(squeeze(text))


def states_for(pieces) -> dict[tuple[int, str, str], FieldState]:
    """{(piece pk, field, language): worst state of the field's units} for
    pieces of one model, for every translated field that has source text."""
    pieces = list(pieces)
    if not pieces:
        return {}
    return {
        (pk, field, language): FieldState(field, language, state)
        for pk, field, language, state in each_state(
            type(pieces[0]), [p.pk for p in pieces]
        )
    }


def each_state(model, pks):
    """(pk, field, language, worst state of the field's units) for the pieces
    of `model` with these pks."""
    for pk, field, language, _units, states in _field_states(model, pks):
        state = worst(states.values()) if states else TranslationState.MISSING
        yield pk, field, language, state


def unit_states(piece, language: str) -> dict[tuple[str, str], TranslationState]:
    """{(field, unit path): state} of one piece in one language."""
    return {
        (field, path): state
        for _pk, field, _code, path, state in each_unit_state(
            type(piece), [piece.pk], [language]
        )
    }


def each_unit_state(model, pks, languages=None):
    """(pk, field, language, unit path, state) for the pieces of `model` with
    these pks."""
    for pk, field, language, units, states in _field_states(model, pks, languages):
        for path in units:
            state = states[path] if states else TranslationState.MISSING
            yield pk, field, language, path, state


def _field_states(model, pks, languages=None):
    """(pk, field, language, source units, {unit path: state}) for each field
    with source text, read from the stored rows: one query for the texts and
    one for the records, whatever the number of pieces. Parsing a stored
    value into units is remembered by the value's digest, so the matrix
    parses only what changed. A field with neither text nor records in a
    language comes with None: all its units are missing."""
    languages = languages or target_languages()
    records = _records(model, pks, languages)
    touched = {(pk, field, language) for pk, field, _unit, language in records}
    source = source_language_code()
    fields = translated_field_names(model)
    stored = stored_values(model, pks, fields, [source, *languages])
    for pk, values in stored.items():
        for field in fields:
            source_raw = _text(values[(field, source)])
            units = source_units(model, field, source_raw)
            if not units:
                continue
            digests = source_digests(model, field, source_raw)
            for language in languages:
                target_raw = _text(values[(field, language)])
                if not target_raw and (pk, field, language) not in touched:
                    yield pk, field, language, units, None
                    continue
                published = target_units(model, field, source_raw, target_raw)
                yield (
                    pk,
                    field,
                    language,
                    units,
                    {
                        path: unit_state(
                            records.get((pk, field, path, language)),
                            text,
                            published.get(path, ""),
                            digests[path],
                        )
                        for path, text in units.items()
                    },
                )


def unit_state(
    record, source: str, published: str, source_digest: str = ""
) -> TranslationState:
    """The state of one unit: `record` is (status, source digest, text) or
    None, `source` the unit's source now (`source_digest` its digest, when
    known), `published` its text in the piece."""
    if record is None:
        if not published or shows_source(published, source):
            return TranslationState.MISSING
        return TranslationState.DRAFT
    status, recorded_digest, working = record
    if not working and not published:
        return TranslationState.MISSING
    if recorded_digest != (source_digest or unit_digest(source)):
        return TranslationState.OUTDATED
    if (
        status == TranslationRecord.Status.APPROVED
        and working
        and squeeze(published) != squeeze(working)
    ):
        # Changed in the piece's own editor since it was approved.
        return TranslationState.DRAFT
    return STATES[status]


def shows_source(published: str, source: str) -> bool:
    """Whether a unit's published text is its source, put there so that a
    page is never blank. Text with no letters (a figure, "95 %") reads the
    same in every language: it counts as translated."""
    return squeeze(published) == squeeze(source) and any(
        character.isalpha() for character in strip_placeholders(source)
    )


def _records(model, pks, languages):
    """{(pk, field, unit, language): (status, source digest, text)}.

    Plain tuples, not model instances: the matrix reads tens of thousands.
    """
    rows = TranslationRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=pks,
        language__in=languages,
    ).values_list(
        "object_id", "field", "unit", "language", "status", "source_digest", "text"
    )
    return {
        (pk, field, unit, language): record
        for pk, field, unit, language, *record in rows
    }


def _text(stored) -> str:
    """A stored value, "" when empty (an empty stream is stored as "[]")."""
    if stored is None or stored == "[]" or stored.isspace():
        return ""
    return stored


_PARSED: dict[tuple, dict[str, str]] = {}
_PARSED_LIMIT = 50_000


def _fingerprint(raw: str) -> bytes:
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=16).digest()


def _remembered(key: tuple, compute) -> dict[str, str]:
    found = _PARSED.get(key)
    if found is None:
        if len(_PARSED) >= _PARSED_LIMIT:
            _PARSED.clear()
        found = _PARSED[key] = compute()
    return found


def source_units(model, field: str, raw: str) -> dict[str, str]:
    """{unit path: text} of a field's stored source value."""
    if not raw:
        return {}
    return _remembered(
        (model._meta.label_lower, field, _fingerprint(raw)),
        lambda: {leaf.path: leaf.text for leaf in field_leaves(model, field, raw)},
    )


def source_digests(model, field: str, raw: str) -> dict[str, str]:
    """{unit path: digest} of a field's stored source value."""
    return _remembered(
        ("digests", model._meta.label_lower, field, _fingerprint(raw)),
        lambda: {
            path: unit_digest(text)
            for path, text in source_units(model, field, raw).items()
        },
    )


def target_units(model, field: str, source_raw: str, target_raw: str) -> dict:
    """{unit path: text} of a field's stored translation, addressed like the
    units of its source."""
    if not target_raw:
        return {}
    return _remembered(
        (
            model._meta.label_lower,
            field,
            _fingerprint(source_raw),
            _fingerprint(target_raw),
        ),
        lambda: {
            leaf.path: leaf.text
            for leaf in target_leaves(model, field, source_raw, target_raw)
        },
    )


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
