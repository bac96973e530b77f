"""Translations follow their paragraph when the source moves.

Units are found by position (see `locales.units`), so a paragraph inserted
above others shifts them. When a piece is published, each translation
record whose unit no longer holds the source it was made from moves to the
unit that now holds exactly that source, if there is one; the translated
field is then written again in the new order, so the page shows each
translation beside its own paragraph. A record that finds no home stays
where it was (outdated, with its diff).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from locales.fallback import translated_field_names
from locales.models import TranslationRecord
from locales.registry import source_language_code
from locales.source_text import raw_value
from locales.states import source_digests
from locales.workflow import publish_language


@transaction.atomic
def follow_moved_source(piece, user=None) -> None:
    """Move the records of `piece` to where their source now stands, and
    publish the translations again (as `user`, who published the source)
    where an approved one moved."""
    model = type(piece)
    moved_languages: dict[str, set[str]] = {}
    records = TranslationRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(piece), object_id=piece.pk
    )
    for field in translated_field_names(model):
        raw = raw_value(piece, field, source_language_code())
        digests = source_digests(model, field, raw)
        home = {}
        for path, digest in digests.items():
            home.setdefault(digest, path)
        by_language: dict[str, list[TranslationRecord]] = {}
        for record in records:
            if record.field == field:
                by_language.setdefault(record.language, []).append(record)
        for language, language_records in by_language.items():
            if _move(language_records, digests, home):
                if any(r.status == r.Status.APPROVED for r in language_records):
                    moved_languages.setdefault(language, set()).add(field)
    for language, fields in moved_languages.items():
        publish_language(piece, language, fields, user)


def _move(records, digests: dict[str, str], home: dict[str, str]) -> bool:
    """Re-address `records` (one field, one language); whether any moved."""
    in_place = {r.unit for r in records if digests.get(r.unit) == r.source_digest}
    moves = {}
    for record in records:
        if record.unit in in_place:
            continue
        target = home.get(record.source_digest)
        if target is not None and target not in in_place:
            moves[record.pk] = target
            in_place.add(target)
    if not moves:
        return False
    # Records left in a place another one takes step aside, out of every
    # unit, so that no two records claim one unit.
    taken = set(moves.values())
    for record in records:
        if record.pk in moves:
            record.unit = f"~{record.pk}"
            record.save(update_fields=["unit"])
        elif record.unit in taken:
            record.unit = f"{record.unit}~{record.pk}"
            record.save(update_fields=["unit"])
    for record in records:
        if record.pk in moves:
            record.unit = moves[record.pk]
            record.save(update_fields=["unit"])
    return True


def on_publish(sender, instance, revision=None, **kwargs) -> None:
    """page_published: translations of a piece follow its moved source."""
    from locales.matrix import PIECE_MODELS

    piece = instance.specific
    if type(piece) in PIECE_MODELS:
        follow_moved_source(piece, getattr(revision, "user", None))
