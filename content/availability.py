"""In which languages a piece of material exists to be handed out, shown or
played: where it has its own text and, for a radio script, a recording.

A print run or a session's material in a language the piece has no text in
would record copies that were never made; both check here first."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from locales.fallback import translated_languages
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
    needs = FORMAT_NEEDS.get(format, NEEDS_TEXT)
    languages = set()
    if needs in (NEEDS_TEXT, NEEDS_EITHER):
        languages |= text_languages(piece)
    if needs in (NEEDS_RECORDING, NEEDS_EITHER):
        languages |= recording_languages(piece)
    return languages


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
