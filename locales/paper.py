"""What a printed copy must say about its translation, since paper cannot
be updated: text shown from another language, made from an earlier
source, or not checked by a reviewer."""

from dataclasses import dataclass

from locales.attestation import attestation_for
from locales.fallback import fallbacks
from locales.outdated import outdated_translation
from locales.registry import Language, get_language, source_language_code


@dataclass(frozen=True)
class PaperCaveats:
    # The languages shown where `language` has no text, in code order.
    shown_instead: tuple[Language, ...]
    outdated: bool
    # "all", "some" or "" (every part shown in the language was approved).
    unreviewed: str

    def __bool__(self) -> bool:
        return bool(self.shown_instead or self.outdated or self.unreviewed)


def paper_caveats(piece, language: str) -> PaperCaveats:
    """The caveats of `piece` printed in `language`; none in the source."""
    if language == source_language_code():
        return PaperCaveats((), False, "")
    shown = sorted(set(fallbacks(piece, language).values()))
    attestation = attestation_for(piece, language)
    unreviewed = ""
    if attestation is not None and attestation.unreviewed:
        credited = attestation.units - attestation.unreviewed - attestation.untranslated
        unreviewed = "some" if credited > 0 else "all"
    return PaperCaveats(
        shown_instead=tuple(get_language(code) for code in shown),
        outdated=outdated_translation(piece, language) is not None,
        unreviewed=unreviewed,
    )
