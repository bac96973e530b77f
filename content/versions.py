"""Version numbers of each piece in each language.

A publish gives a language a new version only when what its readers see
changed: its own text, or the text shown in its place where it has none
(a Vietnamese edit changes the Ede page only where Ede falls back to it).
Text is compared as readers see it: `&#x27;` and `'`, Draftail's block keys
and attribute order make no difference.
"""

import datetime
import json
import zoneinfo
from html.parser import HTMLParser

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from wagtail.models import Page, PageLogEntry

from content.models.versions import PieceVersion
from content.published import for_this_generation, start_new_generation
from locales.fallback import shown_language, translated_field_names
from locales.normalize import nfc
from locales.registry import load_languages
from locales.source_text import digest, field_text

# Translated fields readers do not read on the page or the paper: a new
# search-engine title is not a new version.
UNSEEN_FIELDS = {"slug", "url_path", "seo_title", "search_description"}


def reader_text(piece, language: str) -> str:
    """What readers of `language` see of the piece, as text that changes only
    when its content does."""
    parts = {"material_code": piece.material_code}
    for name in translated_field_names(type(piece)):
        if name in UNSEEN_FIELDS:
            continue
        shown = shown_language(piece, name, language)
        parts[name] = [shown, _as_read(field_text(piece, name, shown))] if shown else ""
    return json.dumps(parts, ensure_ascii=False, sort_keys=True)


def _as_read(text: str):
    """A field's stable text (a stream as JSON) with its markup as read."""
    try:
        value = json.loads(text)
    except ValueError:
        return _markup_as_read(text)
    return _each_string(value)


def _each_string(value):
    if isinstance(value, str):
        return _markup_as_read(value)
    if isinstance(value, list):
        return [_each_string(each) for each in value]
    if isinstance(value, dict):
        return {key: _each_string(each) for key, each in value.items()}
    return value


class _Markup(HTMLParser):
    """Tags with their attributes in order (block keys left out) and text
    with entities resolved and white space collapsed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        kept = sorted((k, v or "") for k, v in attrs if k != "data-block-key")
        self.parts.append(f"<{tag}{''.join(f' {k}={v!r}' for k, v in kept)}>")

    def handle_endtag(self, tag):
        self.parts.append(f"</{tag}>")

    def handle_data(self, data):
        self.parts.append(" ".join(data.split()))


def _markup_as_read(text: str) -> str:
    if "<" not in text and "&" not in text:
        return " ".join(nfc(text).split())
    parser = _Markup()
    parser.feed(nfc(text))
    parser.close()
    return "".join(parser.parts)


def record_versions(piece, revision=None) -> list[PieceVersion]:
    """After a publish: a new version of each language whose readers now see
    something else. The change note goes with them when this publish changed
    it; a note written without any other change goes with the versions the
    last publish made."""
    with transaction.atomic():
        # Two publishes of one piece at once must not both take v3.
        Page.objects.select_for_update().filter(pk=piece.pk).exists()
        latest = {}
        for version in PieceVersion.objects.filter(piece=piece).order_by("number"):
            latest[version.language] = version
        note = _new_note(piece, revision)
        published_at = piece.last_published_at or timezone.now()
        new = []
        for language in load_languages():
            seen = digest(reader_text(piece, language.code))
            last = latest.get(language.code)
            if last is not None and last.digest == seen:
                continue
            new.append(
                PieceVersion(
                    piece_id=piece.pk,
                    language=language.code,
                    number=last.number + 1 if last else 1,
                    published_at=published_at,
                    digest=seen,
                    change_note=note if last else "",
                    revision=revision,
                )
            )
        PieceVersion.objects.bulk_create(new)
        if note and not new and latest:
            _note_last_versions(latest.values(), note)
    return new


def _new_note(piece, revision) -> str:
    """The piece's change note if this publish changed it, else ""."""
    note = piece.change_note.strip()
    if not note:
        return ""
    earlier = (
        PageLogEntry.objects.filter(page_id=piece.pk, action="wagtail.publish")
        .exclude(revision_id=getattr(revision, "pk", None))
        .exclude(revision=None)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    if earlier is None:
        return note
    return (
        "" if earlier.revision.content.get("change_note", "").strip() == note else note
    )


def _note_last_versions(latest, note: str) -> None:
    """A note published on its own: it tells what the last change was."""
    last_revision = max(version.revision_id or 0 for version in latest)
    PieceVersion.objects.filter(
        pk__in=[
            version.pk
            for version in latest
            if version.revision_id == last_revision and version.number > 1
        ],
        change_note="",
    ).update(change_note=note)


def record_missing_versions() -> int:
    """A first version of every live piece in each language that has none
    (pieces published before versions were counted), dated from its first
    publish, and the version each print run printed where it says none.
    Safe to run again; `make install` runs it after `migrate`."""
    from content.models import MATERIAL_MODELS, PrintRun

    made = 0
    counted = PieceVersion.objects.values_list("piece_id", flat=True)
    for model in MATERIAL_MODELS:
        for piece in model.objects.live().exclude(pk__in=counted):
            for version in record_versions(piece, piece.live_revision):
                version.published_at = piece.first_published_at or version.published_at
                version.save(update_fields=["published_at"])
                made += 1
    for run in PrintRun.objects.filter(version=None):
        version = version_on(run.piece_id, run.language, run.printed_on)
        if version is not None:
            PrintRun.objects.filter(pk=run.pk).update(version=version)
    if made:
        start_new_generation()
    return made


def current_version(piece, language: str) -> PieceVersion | None:
    """The version readers of `language` see now; kept for the published
    generation, as the page that shows it is (a piece with none is kept as
    having none)."""
    if not piece.pk or not piece.live:
        return None
    found = for_this_generation(
        f"version:{piece.pk}:{language}:{piece.live_revision_id}",
        lambda: (
            PieceVersion.objects.filter(piece_id=piece.pk, language=language)
            .order_by("-number")
            .first()
            or 0
        ),
    )
    return found or None


def current_versions(pieces, languages) -> dict[tuple[int, str], PieceVersion]:
    """{(piece id, language): current version} of many pieces, in one query."""
    found = {}
    rows = PieceVersion.objects.filter(
        piece_id__in=[piece.pk for piece in pieces], language__in=list(languages)
    ).order_by("number")
    for version in rows:
        found[(version.piece_id, version.language)] = version
    return found


def version_on(piece_id: int, language: str, day: datetime.date) -> PieceVersion | None:
    """The version of `language` that was current at the end of `day`, the
    office's date: what a print run made that day printed."""
    office = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    next_midnight = datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time(0), tzinfo=office
    )
    return (
        PieceVersion.objects.filter(
            piece_id=piece_id, language=language, published_at__lt=next_midnight
        )
        .order_by("-number")
        .first()
    )
