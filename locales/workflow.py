"""Translating, submitting, approving: how a translation reaches the public.

The publishing rule: a translator's text is a working translation, kept in
its `TranslationRecord` and seen only in the admin, until a reviewer
approves it. Approval writes it into the piece, and for pages publishes it
as a new revision, so the public page changes language at once; a pending
draft of the page gets the translation too, so publishing that draft later
does not undo it. Where a language has no approved text, the public sees the
language's fallback. An approved translation stays public after its source
changes (its state is then outdated) until a newer one is approved.

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

from locales.models import TranslationRecord
from locales.normalize import nfc
from locales.registry import source_language
from locales.source_text import comparable, digest, raw_value, source_text, stream_block
from locales.units import with_safe_rich_text


def records_for(piece, language: str) -> dict[str, TranslationRecord]:
    """{field: record} of `piece` in `language`."""
    records = TranslationRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(piece),
        object_id=piece.pk,
        language=language,
    ).select_related("translated_by", "reviewed_by")
    return {record.field: record for record in records}


def working_text(piece, field: str, language: str, record=None) -> str:
    """The current translation of a field as stored: the translator's working
    text when there is one, else what the piece holds."""
    if record is not None and record.text:
        return record.text
    return raw_value(piece, field, language)


@transaction.atomic
def record_translation(
    piece, field: str, language: str, user, submit: bool = False, text=None
) -> TranslationRecord:
    """Keep `text` (by default what the piece holds) as the translation of
    `field` into `language`, made from the source as it is now; `submit`
    sends it for review."""
    if language == source_language().code:
        raise ValueError("The source language is not translated.")
    if text is None:
        text = raw_value(piece, field, language)
    record, _created = TranslationRecord.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(piece),
        object_id=piece.pk,
        field=field,
        language=language,
        defaults={
            "status": TranslationRecord.Status.NEEDS_REVIEW
            if submit
            else TranslationRecord.Status.DRAFT,
            "text": nfc(text),
            "source_text": raw_value(piece, field, source_language().code),
            "source_digest": digest(source_text(piece, field)),
            "translated_by": user,
            "translated_at": timezone.now(),
            "reviewed_by": None,
            "reviewed_at": None,
            "review_comment": "",
        },
    )
    log_state(piece, record, user)
    return record


def log_state(piece, record: TranslationRecord, user, action: str = "") -> None:
    """Put the translation's new state in the piece's history (Wagtail's
    audit log): who, when, which field and language."""
    log(
        instance=piece,
        action=action or f"loa.translation.{record.status}",
        user=user,
        data={"field": record.field, "language": record.language},
    )


@transaction.atomic
def review(piece, records, reviewer, approve: bool, comment: str = "") -> None:
    """Approve translations of `piece` (their text goes public, rich text
    cleared of code), or send them back to the translator with a comment."""
    records = list(records)
    now = timezone.now()
    if approve:
        # What goes public is what the record keeps, so states stay exact.
        for record in records:
            record.text = with_safe_rich_text(type(piece), record.field, record.text)
        publish_texts(
            piece,
            {(record.field, record.language): record.text for record in records},
            reviewer,
        )
    for record in records:
        record.status = (
            TranslationRecord.Status.APPROVED
            if approve
            else TranslationRecord.Status.DRAFT
        )
        record.reviewed_by = reviewer
        record.reviewed_at = now
        record.review_comment = comment
        record.save()
        log_state(
            piece,
            record,
            reviewer,
            action="" if approve else "loa.translation.sent_back",
        )


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
