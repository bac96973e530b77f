"""Version numbers of each piece in each language, and what a printout's
version says against the current one.

A publish gives a language a new version only when what its readers see
changed: its own text, or the text shown in its place where it has none
(a Vietnamese edit changes the Ede page only where Ede falls back to it).
"""

import json
from dataclasses import dataclass

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from content.models.versions import PieceVersion
from content.published import for_this_generation
from locales.fallback import shown_language, translated_field_names
from locales.registry import load_languages
from locales.source_text import digest, field_text


def reader_text(piece, language: str) -> str:
    """What readers of `language` see of the piece, as text that changes only
    when its content does (block ids and paragraph keys left out)."""
    parts = {"material_code": piece.material_code}
    for name in translated_field_names(type(piece)):
        shown = shown_language(piece, name, language)
        parts[name] = [shown, field_text(piece, name, shown)] if shown else ""
    return json.dumps(parts, ensure_ascii=False, sort_keys=True)


def record_versions(piece, revision=None) -> list[PieceVersion]:
    """After a publish: a new version of each language whose readers now see
    something else. The piece's change note goes with a language's new
    version unless that language's versions already carry it (a note is said
    once, not again with every later correction)."""
    history = list(PieceVersion.objects.filter(piece=piece).order_by("number"))
    latest, noted = {}, {}
    for version in history:
        latest[version.language] = version
        if version.change_note:
            noted[version.language] = version.change_note
    note = piece.change_note.strip()
    published_at = piece.last_published_at or timezone.now()
    new = []
    for language in load_languages():
        code = language.code
        seen = digest(reader_text(piece, code))
        last = latest.get(code)
        if last is not None and last.digest == seen:
            continue
        new.append(
            PieceVersion(
                piece_id=piece.pk,
                language=code,
                number=last.number + 1 if last else 1,
                published_at=published_at,
                digest=seen,
                change_note=note if last and note != noted.get(code) else "",
                revision=revision,
            )
        )
    with transaction.atomic():
        PieceVersion.objects.bulk_create(new)
    return new


def record_after_publish(sender, instance, revision=None, **kwargs) -> None:
    """`page_published` receiver: versions of a piece of material."""
    if hasattr(instance, "change_note"):
        record_versions(instance, revision)


def record_missing_versions() -> int:
    """A first version of every live piece in each language that has none
    (pieces published before versions were counted); safe to run again."""
    from content.models import MATERIAL_MODELS

    made = 0
    counted = PieceVersion.objects.values_list("piece_id", flat=True)
    for model in MATERIAL_MODELS:
        # Ids first: on a new database `migrate` adds the pages' translated
        # title columns only after this runs, and there is nothing to count.
        missing = list(
            model.objects.live().exclude(pk__in=counted).values_list("pk", flat=True)
        )
        for piece in model.objects.filter(pk__in=missing):
            made += len(record_versions(piece, piece.live_revision))
    return made


def current_version(piece, language: str) -> PieceVersion | None:
    """The version readers of `language` see now; kept for the published
    generation, as the page that shows it is."""
    if not piece.pk or not piece.live:
        return None
    return for_this_generation(
        f"version:{piece.pk}:{language}:{piece.live_revision_id}",
        lambda: (
            PieceVersion.objects.filter(piece_id=piece.pk, language=language)
            .order_by("-number")
            .first()
        ),
    )


def current_versions(pieces, languages) -> dict[tuple[int, str], PieceVersion]:
    """{(piece id, language): current version} of many pieces, in one query."""
    found = {}
    rows = PieceVersion.objects.filter(
        piece_id__in=[piece.pk for piece in pieces], language__in=list(languages)
    ).order_by("number")
    for version in rows:
        found[(version.piece_id, version.language)] = version
    return found


def version_on(piece, language: str, day) -> PieceVersion | None:
    """The version of `language` that was current at the end of `day` (the
    office's date): what a print run made that day printed."""
    end = timezone.make_aware(
        timezone.datetime.combine(day, timezone.datetime.max.time())
    )
    return (
        PieceVersion.objects.filter(
            piece_id=piece.pk, language=language, published_at__lte=end
        )
        .order_by("-number")
        .first()
    )


@dataclass(frozen=True)
class PrintedVersion:
    """A printout's version against the current one: `current` when they are
    the same, else the versions published since, with their change notes."""

    printed: PieceVersion
    latest: PieceVersion
    since: list[PieceVersion]

    @property
    def current(self) -> bool:
        return self.printed.number == self.latest.number

    @property
    def replaced_on(self):
        return self.since[0].day if self.since else None

    @property
    def notes(self) -> list[PieceVersion]:
        return [version for version in self.since if version.change_note]


def printed_version(piece, language: str, number: int) -> PrintedVersion:
    """What the QR code of a printout of version `number` opens; 404 for a
    number this language never had."""
    versions = list(
        PieceVersion.objects.filter(piece_id=piece.pk, language=language).order_by(
            "number"
        )
    )
    printed = next((each for each in versions if each.number == number), None)
    if printed is None:
        raise Http404("No such version")
    return PrintedVersion(
        printed=printed,
        latest=versions[-1],
        since=[each for each in versions if each.number > number],
    )
