"""Who translated and reviewed a piece in a language, for printed copies."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType

from locales.models import TranslationRecord


@dataclass(frozen=True)
class Attestation:
    language: str
    translators: tuple[str, ...]
    reviewers: tuple[str, ...]
    translated_at: datetime | None
    reviewed_at: datetime | None
    fully_approved: bool


def attestation_for(piece, language: str) -> Attestation | None:
    """The attestation of `piece` in `language`; None when nothing of it was
    translated through Loa."""
    records = list(
        TranslationRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(piece),
            object_id=piece.pk,
            language=language,
        ).select_related("translated_by", "reviewed_by")
    )
    if not records:
        return None
    return Attestation(
        language=language,
        translators=_names(record.translated_by for record in records),
        reviewers=_names(record.reviewed_by for record in records),
        translated_at=_latest(record.translated_at for record in records),
        reviewed_at=_latest(record.reviewed_at for record in records),
        fully_approved=all(
            record.status == TranslationRecord.Status.APPROVED for record in records
        ),
    )


def _names(users) -> tuple[str, ...]:
    return tuple(
        sorted({user.get_full_name() or user.get_username() for user in users if user})
    )


def _latest(moments):
    present = [moment for moment in moments if moment is not None]
    return max(present) if present else None
