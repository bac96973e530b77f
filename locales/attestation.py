"""Who translated and reviewed a piece in a language, for readers and printed
copies.

The attestation vouches only for text that is approved and live: a unit
whose approved translation is what the piece shows. Its translator, any
reviewer who revised it and its reviewer are named; everything else is
counted, never credited: parts whose approved translation was made from an
earlier source (outdated), parts shown that no reviewer approved, and parts
not translated (shown in their source or a fallback language).
"""

from dataclasses import dataclass
from datetime import datetime

from locales.fallback import translated_field_names
from locales.models import TranslationRecord
from locales.rich_text import squeeze
from locales.states import shows_source, unit_digest
from locales.workflow import published_units, records_for, source_units_of


@dataclass(frozen=True)
class Attestation:
    language: str
    translators: tuple[str, ...]
    revisers: tuple[str, ...]
    reviewers: tuple[str, ...]
    translated_at: datetime | None
    reviewed_at: datetime | None
    units: int
    outdated: int
    unreviewed: int
    untranslated: int

    @property
    def fully_approved(self) -> bool:
        return not (self.outdated or self.unreviewed or self.untranslated)

    def as_dict(self) -> dict:
        """For the API: the same facts, dates as ISO 8601."""
        return {
            "language": self.language,
            "translated_by": list(self.translators),
            "revised_by": list(self.revisers),
            "reviewed_by": list(self.reviewers),
            "reviewed_at": self.reviewed_at.isoformat() if self.reviewed_at else None,
            "parts": self.units,
            "parts_outdated": self.outdated,
            "parts_unreviewed": self.unreviewed,
            "parts_untranslated": self.untranslated,
        }


def attestation_for(piece, language: str) -> Attestation | None:
    """The attestation of `piece` in `language`; None when the piece shows
    nothing of its own in that language."""
    records = records_for(piece, language)
    credited = []
    outdated = unreviewed = untranslated = units = 0
    for field in translated_field_names(type(piece)):
        sources = source_units_of(piece, field)
        published = published_units(piece, field, language) if sources else {}
        for path, source in sources.items():
            units += 1
            record = records.get((field, path))
            shown = squeeze(published.get(path, ""))
            if (
                record is not None
                and record.status == TranslationRecord.Status.APPROVED
                and shown == squeeze(record.text)
            ):
                credited.append(record)
                outdated += record.source_digest != unit_digest(source)
            elif not shown or shown == squeeze(source):
                # A figure with no words ("95 %") reads the same everywhere.
                untranslated += shows_source(source, source)
            else:
                unreviewed += 1
    if not credited and not unreviewed:
        return None
    return Attestation(
        language=language,
        translators=_names(record.translated_by for record in credited),
        revisers=_names(record.revised_by for record in credited),
        reviewers=_names(record.reviewed_by for record in credited),
        translated_at=_latest(record.translated_at for record in credited),
        reviewed_at=_latest(record.reviewed_at for record in credited),
        units=units,
        outdated=outdated,
        unreviewed=unreviewed,
        untranslated=untranslated,
    )


def _names(users) -> tuple[str, ...]:
    return tuple(
        sorted({user.get_full_name() or user.get_username() for user in users if user})
    )


def _latest(moments):
    present = [moment for moment in moments if moment is not None]
    return max(present) if present else None
