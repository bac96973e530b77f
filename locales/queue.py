"""Translation work waiting, read off the matrix: a translator's queue (what
is missing, outdated or sent back in their languages), a reviewer's (what
waits for their approval), and for communications staff the count of each
state per language.

Built from one matrix, in a fixed number of queries per kind of piece
however many pieces and languages there are.
"""

from collections import Counter
from dataclasses import dataclass

from django.urls import reverse

from locales.matrix import Matrix, build_matrix
from locales.registry import language_label
from locales.states import TranslationState

TO_TRANSLATE = (
    TranslationState.SENT_BACK,
    TranslationState.OUTDATED,
    TranslationState.MISSING,
)
TO_REVIEW = (TranslationState.NEEDS_REVIEW,)


def translate_url(content_type_id: int, pk: int, language: str) -> str:
    """The translator view of one piece in one language."""
    return reverse("translate_piece", args=[content_type_id, pk, language])


def matrix_url(state: str = "", language: str = "") -> str:
    """The translation matrix, filtered to a state and a language."""
    query = "&".join(
        f"{name}={value}"
        for name, value in (("state", state), ("language", language))
        if value
    )
    return reverse("translation_matrix") + (f"?{query}" if query else "")


@dataclass(frozen=True)
class QueueEntry:
    """One piece in one language waiting for someone."""

    title: str
    code: str
    kind: str
    language: str
    state: TranslationState
    url: str

    @property
    def language_label(self) -> str:
        return language_label(self.language)


def queue(matrix: Matrix, states) -> list[QueueEntry]:
    """The cells of the matrix in one of `states`, the most urgent state
    first (sent back, then outdated, then missing), then by piece."""
    rank = {state: index for index, state in enumerate(states)}
    entries = [
        QueueEntry(
            row.title,
            row.code,
            row.kind,
            code,
            state,
            translate_url(row.content_type_id, row.pk, code),
        )
        for row in matrix.rows
        for code, state in row.cells.items()
        if state in rank
    ]
    return sorted(entries, key=lambda entry: (rank[entry.state], entry.title))


@dataclass(frozen=True)
class LanguageCount:
    """How many pieces of one language are in a state, with the matrix
    narrowed to them."""

    language: str
    count: int
    url: str

    @property
    def language_label(self) -> str:
        return language_label(self.language)


def counts_by_language(matrix: Matrix, state: TranslationState) -> list[LanguageCount]:
    """Per language with any: how many pieces are in `state`, most first."""
    counts = Counter(
        code
        for row in matrix.rows
        for code, found in row.cells.items()
        if found == state
    )
    return [
        LanguageCount(code, count, matrix_url(state.value, code))
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def matrix_for(request, languages: list[str] | None = None) -> Matrix:
    """The matrix of these languages (None: all), built once per request
    however many panels read it."""
    key = tuple(languages) if languages is not None else None
    built = request.__dict__.setdefault("_translation_matrices", {})
    if key not in built:
        built[key] = build_matrix(languages=languages)
    return built[key]
