"""Public text whose translation was made from an older source, and since
when the source has been different, for the notice readers see."""

import json
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType

from wagtail.log_actions import registry as log_registry

from modeltranslation.utils import build_localized_fieldname

from locales.fallback import shown_language, translated_field_names
from locales.models import TranslationRecord
from locales.registry import source_language_code
from locales.rich_text import squeeze
from locales.states import TranslationState, each_unit_state, source_units


@dataclass(frozen=True)
class OutdatedTranslation:
    fields: tuple[str, ...]
    # None when the piece's history does not tell (no published revisions).
    source_changed_at: datetime | None


def outdated_translation(piece, language: str) -> OutdatedTranslation | None:
    """The fields `piece` shows in `language` from a translation of an older
    source, and when that source changed; None when there are none.

    No query for a piece that shows nothing in `language`; two to learn that
    nothing shown is outdated; two more for the date when something is.
    """
    if language == source_language_code():
        return None
    model = type(piece)
    shown = {
        field
        for field in translated_field_names(model)
        if shown_language(piece, field, language) == language
    }
    if not shown:
        return None
    fields = tuple(
        sorted(
            field
            for field, state in {
                (field, state)
                for _pk, field, _language, _path, state in each_unit_state(
                    model, [piece.pk], [language]
                )
            }
            if field in shown and state == TranslationState.OUTDATED
        )
    )
    if not fields:
        return None
    return OutdatedTranslation(fields, outdated_since(piece, language, fields))


def outdated_since(piece, language: str, fields) -> datetime | None:
    """When the public source of `fields` first differed from the source their
    translations into `language` were made from: the first publish after a
    translation whose source text is not the one translated.

    Published revisions, not drafts: the reader compares with the source as
    published, and a draft saved then may have been published much later.
    """
    records = list(
        TranslationRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(piece),
            object_id=piece.pk,
            language=language,
            field__in=fields,
            translated_at__isnull=False,
        ).values_list("field", "unit", "translated_at", "source_text")
    )
    if not records:
        return None
    model = type(piece)
    source = source_language_code()
    publishes = (
        log_registry.get_logs_for_instance(piece)
        .filter(
            action="wagtail.publish",
            revision__isnull=False,
            timestamp__gt=min(record[2] for record in records),
        )
        .select_related("revision")
        .order_by("timestamp", "pk")
    )
    for entry in publishes.iterator():
        content = entry.revision.content
        for field, unit, translated_at, translated_source in records:
            published = content.get(build_localized_fieldname(field, source)) or ""
            if not isinstance(published, str):
                published = json.dumps(published, ensure_ascii=False)
            now = source_units(model, field, published).get(unit, "")
            if entry.timestamp > translated_at and squeeze(now) != squeeze(
                translated_source
            ):
                return entry.timestamp
    return None
