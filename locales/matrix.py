"""The translation matrix: pieces × languages, the state of each cell.

`locales` knows nothing of the apps whose pieces it shows: they register their
piece models, and any extra filters (topic, campaign toolkit…), at start-up.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType

from locales.registry import load_languages
from locales.states import TranslationState, states_for, target_languages

# Worst first: a cell shows the worst state among its fields.
STATE_ORDER = [
    TranslationState.MISSING,
    TranslationState.OUTDATED,
    TranslationState.DRAFT,
    TranslationState.NEEDS_REVIEW,
    TranslationState.APPROVED,
]

PIECE_MODELS: list[type] = []
FILTERS: dict[str, "MatrixFilter"] = {}


@dataclass(frozen=True)
class MatrixFilter:
    """An extra filter: its choices, and how a chosen value narrows a queryset
    of one piece model (return it unchanged if the filter does not apply)."""

    name: str
    label: str
    choices: Callable[[], list[tuple[str, str]]]
    apply: Callable


@dataclass
class MatrixRow:
    piece: object
    kind: str
    content_type_id: int
    cells: dict[str, TranslationState] = field(default_factory=dict)


@dataclass
class Matrix:
    languages: list
    rows: list[MatrixRow]

    def percentage_approved(self, language: str) -> int:
        if not self.rows:
            return 0
        approved = sum(
            row.cells[language] == TranslationState.APPROVED for row in self.rows
        )
        return round(100 * approved / len(self.rows))

    @property
    def percentages(self) -> dict[str, int]:
        return {code: self.percentage_approved(code) for code in target_languages()}


def rank(state: TranslationState) -> int:
    return STATE_ORDER.index(state)


def register_piece_model(model) -> None:
    if model not in PIECE_MODELS:
        PIECE_MODELS.append(model)


def register_filter(matrix_filter: MatrixFilter) -> None:
    FILTERS[matrix_filter.name] = matrix_filter


def kind_choices() -> list[tuple[str, str]]:
    return [
        (model._meta.label_lower, str(model._meta.verbose_name).capitalize())
        for model in PIECE_MODELS
    ]


def worst_states(pieces) -> dict[tuple[int, str], TranslationState]:
    """{(piece pk, language): the worst state of its fields}, for pieces of
    any kinds: two queries per kind."""
    by_model: dict[type, list] = {}
    for piece in pieces:
        by_model.setdefault(type(piece), []).append(piece)
    worst = {}
    for group in by_model.values():
        for (pk, _field, language), value in states_for(group).items():
            current = worst.get((pk, language))
            if current is None or rank(value.state) < rank(current):
                worst[(pk, language)] = value.state
    return worst


def build_matrix(kind: str = "", state: str = "", **filter_values: str) -> Matrix:
    """The matrix, narrowed to one kind of piece, to rows with a cell in
    `state`, and by any registered filter given a value."""
    codes = target_languages()
    rows = []
    for model in PIECE_MODELS:
        if kind and model._meta.label_lower != kind:
            continue
        queryset = model.objects.order_by("pk")
        for name, value in filter_values.items():
            if value and name in FILTERS:
                queryset = FILTERS[name].apply(queryset, value)
        pieces = list(queryset)
        content_type_id = ContentType.objects.get_for_model(model).pk
        worst = worst_states(pieces)
        for piece in pieces:
            row = MatrixRow(piece, str(model._meta.verbose_name), content_type_id)
            row.cells = {
                code: worst.get((piece.pk, code), TranslationState.MISSING)
                for code in codes
            }
            rows.append(row)
    if state:
        rows = [row for row in rows if state in row.cells.values()]
    languages = [language for language in load_languages() if language.code in codes]
    return Matrix(languages=languages, rows=rows)
