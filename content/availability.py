"""In which languages a piece of material exists to be handed out, shown or
played: where it has its own text and, for a radio script, a recording.

A print run or a session's material in a language the piece has no text in
would record copies that were never made; both check here first."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from locales.fallback import translated_languages, translated_languages_by_pk
from locales.registry import language_label

# The messages, named so that the phone's offline check can say the same.
NO_RECORDING = _(
    "%(code)s has no recording in %(language)s: record the language of "
    "the recording that was played."
)
NO_TEXT = _(
    "%(code)s has no text in %(language)s: record the language the copies were in."
)


def text_languages(piece) -> set[str]:
    """Languages in which the piece has its own text in every field."""
    return translated_languages(piece.specific)


def recording_languages(piece) -> set[str]:
    """Languages in which the piece has a recording (radio scripts)."""
    recordings = getattr(piece.specific, "recordings", None)
    if recordings is None:
        return set()
    return set(recordings.values_list("language", flat=True))


# What each form of use needs in its language: its own text to print, show
# or post; a recording to play; either to broadcast (read out, or played).
NEEDS_TEXT, NEEDS_RECORDING, NEEDS_EITHER = "text", "recording", "either"
FORMAT_NEEDS = {
    "print": NEEDS_TEXT,
    "screen": NEEDS_TEXT,
    "post": NEEDS_TEXT,
    "audio": NEEDS_RECORDING,
    "broadcast": NEEDS_EITHER,
}


def languages_for(piece, format: str) -> set[str]:
    """The languages in which `piece` can be used in `format`."""
    return languages_by_format(piece, [format])[format]


def languages_by_format(piece, formats=FORMAT_NEEDS) -> dict[str, set[str]]:
    """{format: the languages in which `piece` can be used in it}, the
    piece's text and recordings read once for all of them."""
    needs = {FORMAT_NEEDS.get(format, NEEDS_TEXT) for format in formats}
    text = recorded = set()
    if {NEEDS_TEXT, NEEDS_EITHER} & needs:
        text = text_languages(piece)
    if {NEEDS_RECORDING, NEEDS_EITHER} & needs:
        recorded = recording_languages(piece)
    return _by_format(text, recorded, formats)


def _by_format(text: set, recorded: set, formats) -> dict[str, set[str]]:
    by_format = {}
    for format in formats:
        need = FORMAT_NEEDS.get(format, NEEDS_TEXT)
        by_format[format] = set()
        if need in (NEEDS_TEXT, NEEDS_EITHER):
            by_format[format] |= text
        if need in (NEEDS_RECORDING, NEEDS_EITHER):
            by_format[format] |= recorded
    return by_format


def languages_by_format_of(pieces) -> dict[int, dict[str, set[str]]]:
    """`languages_by_format` of many pieces at once, in a query per kind of
    piece and one for recordings, without building the pages."""
    ids = defaultdict(list)
    for pk, content_type in Page.objects.filter(pk__in=pieces).values_list(
        "pk", "content_type"
    ):
        ids[content_type].append(pk)
    text = {}
    for content_type, pks in ids.items():
        model = ContentType.objects.get_for_id(content_type).model_class()
        text.update(translated_languages_by_pk(model, pks))
    # Read here: content.models uses this module.
    from content.models.radio import RadioRecording

    recorded = defaultdict(set)
    for page, language in RadioRecording.objects.filter(page__in=pieces).values_list(
        "page", "language"
    ):
        recorded[page].add(language)
    return {
        pk: _by_format(languages, recorded[pk], FORMAT_NEEDS)
        for pk, languages in text.items()
    }


def check_material_language(piece, language: str, format: str) -> None:
    """Copies, plays or broadcasts in `language` need the piece to exist in
    that language."""
    if piece is None or not language or not format:
        return
    if language in languages_for(piece, format):
        return
    if FORMAT_NEEDS.get(format) == NEEDS_RECORDING:
        message = NO_RECORDING
    else:
        message = NO_TEXT
    params = {
        "code": getattr(piece.specific, "material_code", "") or piece.title,
        "language": language_label(language),
    }
    raise ValidationError({"language": ValidationError(message, params=params)})
