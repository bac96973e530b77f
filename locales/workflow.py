"""Translating, submitting, reviewing: how a translation reaches the public.

Work is kept unit by unit (a plain field, a paragraph, a heading, a list
item: see `locales.units`). A translator's text is a working translation,
kept in its unit's `TranslationRecord` and seen only in the admin, until a
reviewer approves it. Approval writes the field's approved units into the
piece, and for pages publishes it as a new revision, so the public page
changes language at once; a pending draft of the page gets the translation
too, so publishing that draft later does not undo it. A unit with no
approved text keeps what the piece showed, or its source, so a page is
never blank. An approved translation stays public after its source changes
(its state is then outdated) until a newer one is approved.

Credit follows the text: whoever types a unit's text is its translator, a
reviewer who corrects it before approving is its reviser, and submitting or
approving never re-credits text to the person who clicked.

Editors who type a translation straight into a piece's own editor publish it
with the piece, as Wagtail always does; the matrix shows it unreviewed.
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import DraftStateMixin, RevisionMixin

from modeltranslation.utils import build_localized_fieldname

from locales.fallback import translated_field_names
from locales.models import TranslationRecord
from locales.normalize import nfc
from locales.registry import source_language_code
from locales.rich_text import squeeze
from locales.source_text import comparable, raw_value, stream_block
from locales.states import (
    TranslationState,
    shows_source,
    source_units,
    target_units,
    unit_digest,
    unit_states,
)
from locales.units import InSource, with_leaves

Status = TranslationRecord.Status


def records_for(piece, language: str) -> dict[tuple[str, str], TranslationRecord]:
    """{(field, unit path): record} of `piece` in `language`."""
    records = TranslationRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(piece),
        object_id=piece.pk,
        language=language,
    ).select_related("translated_by", "revised_by", "reviewed_by")
    return {(record.field, record.unit): record for record in records}


def source_units_of(piece, field: str) -> dict[str, str]:
    """{unit path: source text} of one field of `piece` as it is now."""
    raw = raw_value(piece, field, source_language_code())
    return source_units(type(piece), field, raw)


def published_units(piece, field: str, language: str) -> dict[str, str]:
    """{unit path: text} of the translation the piece holds."""
    model = type(piece)
    return target_units(
        model,
        field,
        raw_value(piece, field, source_language_code()),
        raw_value(piece, field, language),
    )


def working_units(piece, language: str, records=None) -> dict[tuple[str, str], str]:
    """{(field, unit path): the current translation}: the translator's
    working text where there is one, else what the piece holds."""
    records = records_for(piece, language) if records is None else records
    texts = {}
    for field in translated_field_names(type(piece)):
        source = source_units_of(piece, field)
        published = published_units(piece, field, language) if source else {}
        for path, source_text in source.items():
            record = records.get((field, path))
            if record is not None and record.text:
                texts[(field, path)] = record.text
            elif shows_source(published.get(path, ""), source_text):
                texts[(field, path)] = ""
            else:
                texts[(field, path)] = published.get(path, "")
    return texts


@transaction.atomic
def save_unit(
    piece,
    field: str,
    unit: str,
    language: str,
    user,
    text: str,
    *,
    status: str = Status.DRAFT,
    revision: bool = False,
) -> TranslationRecord:
    """Keep `text` as the translation of one unit, made from the unit's
    source as it is now. The person who types it is its translator, or with
    `revision` (a reviewer's correction) its reviser."""
    if language == source_language_code():
        raise ValueError("The source language is not translated.")
    source = source_units_of(piece, field).get(unit, "")
    now = timezone.now()
    record = TranslationRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(piece),
        object_id=piece.pk,
        field=field,
        unit=unit,
        language=language,
    ).first() or TranslationRecord(
        content_type=ContentType.objects.get_for_model(piece),
        object_id=piece.pk,
        field=field,
        unit=unit,
        language=language,
    )
    changed = squeeze(record.text) != squeeze(text)
    moved = record.pk is None or record.status != status
    record.text = nfc(text).strip()
    record.source_text = source
    record.source_digest = unit_digest(source)
    record.status = status
    if changed or record.pk is None:
        if revision and record.translated_by_id:
            record.revised_by, record.revised_at = user, now
        else:
            record.translated_by, record.translated_at = user, now
            record.revised_by = record.revised_at = None
        record.reviewed_by = record.reviewed_at = None
    if status != Status.SENT_BACK:
        record.review_comment = ""
    record.save()
    if changed or moved:
        log_state(
            piece, record, user, action="loa.translation.revised" if revision else ""
        )
    return record


def record_translation(
    piece, field: str, language: str, user, submit: bool = False, text=None
) -> list[TranslationRecord]:
    """Keep a whole field's translation (`text` as stored, by default what
    the piece holds), unit by unit; `submit` sends it for review. For
    loading and tests; people work unit by unit."""
    model = type(piece)
    source_raw = raw_value(piece, field, source_language_code())
    stored = raw_value(piece, field, language) if text is None else text
    texts = target_units(model, field, source_raw, stored) if stored else {}
    return [
        save_unit(
            piece,
            field,
            path,
            language,
            user,
            texts.get(path, ""),
            status=Status.NEEDS_REVIEW if submit else Status.DRAFT,
        )
        for path in source_units(model, field, source_raw)
        if texts.get(path, "").strip()
    ]


@transaction.atomic
def submit(piece, language: str, user, records=None) -> list[TranslationRecord]:
    """Send the units translated from the source as it is now (drafts, and
    those sent back) for review, keeping who translated them. Outdated units
    wait until their translation is brought up to date. Returns the records
    submitted."""
    records = records_for(piece, language) if records is None else records
    texts = working_units(piece, language, records)
    submitted = []
    for (field, path), state in unit_states(piece, language).items():
        text = texts.get((field, path), "")
        if state not in (TranslationState.DRAFT, TranslationState.SENT_BACK):
            continue
        if not text.strip():
            continue
        record = records.get((field, path))
        if record is None:
            # Typed into the piece's own editor: whoever typed it is unknown.
            record = save_unit(
                piece, field, path, language, None, text, status=Status.NEEDS_REVIEW
            )
        else:
            record.status = Status.NEEDS_REVIEW
            record.save()
            log_state(piece, record, user)
        submitted.append(record)
    return submitted


def log_state(piece, record: TranslationRecord, user, action: str = "", **data):
    """Put the translation's new state in the piece's history (Wagtail's
    audit log): who, when, which unit and language, and any comment."""
    log(
        instance=piece,
        action=action or f"loa.translation.{record.status}",
        user=user,
        data={
            "field": record.field,
            "unit": record.unit,
            "language": record.language,
            **data,
        },
    )


@transaction.atomic
def review(
    piece,
    records,
    reviewer,
    approve: bool,
    comment: str = "",
    comments=None,
    override: str = "",
) -> None:
    """Approve units (their text goes public) or send them back to the
    translator. `comments` ({record pk: text}) says something of one unit,
    `comment` of every unit that has no comment of its own; each is kept in
    the unit's history, with `override`, the
    reviewer's reason to approve text that the checks say loses content."""
    records = list(records)
    comments = comments or {}
    now = timezone.now()
    for record in records:
        said = comments.get(record.pk) or comment
        record.status = Status.APPROVED if approve else Status.SENT_BACK
        record.reviewed_by = reviewer
        record.reviewed_at = now
        record.review_comment = said
        record.save()
        log_state(
            piece,
            record,
            reviewer,
            action="" if approve else "loa.translation.sent_back",
            comment=said,
            **({"override": override} if override else {}),
        )
    if approve:
        for language in {record.language for record in records}:
            publish_language(
                piece,
                language,
                {record.field for record in records if record.language == language},
                reviewer,
            )


def publish_language(piece, language: str, fields, user) -> None:
    """Write the approved units of `fields` in `language` into the piece
    (an approved translation of an older source included: it stays public
    until a newer one is approved). Other units keep what the piece shows
    while the field has as many units as it showed, else their source: a
    paragraph added or removed moves the others, and text is never shown
    beside a paragraph it does not translate."""
    model = type(piece)
    records = records_for(piece, language)
    texts = {}
    for field in fields:
        source_raw = raw_value(piece, field, source_language_code())
        units = source_units(model, field, source_raw)
        published = published_units(piece, field, language)
        in_place = published.keys() == units.keys()
        unit_texts = {}
        for path, source in units.items():
            record = records.get((field, path))
            if record is not None and record.status == Status.APPROVED:
                unit_texts[path] = record.text
            elif in_place and published.get(path):
                shown = published[path]
                in_source = shows_source(shown, source)
                unit_texts[path] = InSource(shown) if in_source else shown
            else:
                unit_texts[path] = InSource(source)
        if in_place and all(
            squeeze(text) == squeeze(published[path])
            for path, text in unit_texts.items()
        ):
            continue
        texts[(field, language)] = with_leaves(model, field, source_raw, unit_texts)
    publish_texts(piece, texts, user)


def publish_texts(piece, texts: dict[tuple[str, str], str], user) -> None:
    """Write translations {(field, language): stored text} into `piece`,
    skipping those it already holds; publish them if it is a live page."""
    model = type(piece)
    changed = {
        key: text
        for key, text in texts.items()
        if text
        and comparable(model, key[0], text)
        != comparable(model, key[0], raw_value(piece, *key))
    }
    if not changed:
        return
    if not (isinstance(piece, RevisionMixin) and isinstance(piece, DraftStateMixin)):
        _assign(piece, changed)
        piece.full_clean()
        piece.save()
        return
    pending = (
        piece.get_latest_revision_as_object() if piece.has_unpublished_changes else None
    )
    if piece.live:
        _assign(piece, changed)
        # The reviewer's approval is the authority to publish the translated
        # fields, which are all this revision changes on the live piece.
        _save_revision(piece, user).publish(user=user, skip_permission_checks=True)
    if pending is not None or not piece.live:
        draft = pending or piece
        _assign(draft, changed)
        _save_revision(draft, user)
    piece.refresh_from_db()


def _save_revision(instance, user):
    try:
        return instance.save_revision(user=user)
    except ValidationError as error:
        raise ValidationError(
            f"The translation cannot be saved into “{instance}”: "
            f"{'; '.join(error.messages)}"
        ) from error


def _assign(instance, texts: dict[tuple[str, str], str]) -> None:
    for (field, language), text in texts.items():
        value = json.loads(text) if stream_block(type(instance), field) else text
        setattr(instance, build_localized_fieldname(field, language), value)
