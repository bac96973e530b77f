"""The translation matrix: pieces × languages, the state of each cell.

`locales` knows nothing of the apps whose pieces it shows: they register their
piece models, and any extra filters (topic, campaign toolkit…), at start-up.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import F, Value

from modeltranslation.utils import build_localized_fieldname

from locales import state_cache
from locales.registry import current_language, load_languages, source_language_code
from locales.states import (
    RANKS,
    TranslationState,
    each_state,
    target_languages,
)

PIECE_MODELS: list[type] = []
# Kept at most this long in the cache, however long nothing changes.
STATES_KEPT_SECONDS = 24 * 60 * 60
FILTERS: dict[str, "MatrixFilter"] = {}


@dataclass(frozen=True)
class MatrixFilter:
    """An extra filter: its choices for a reader (who may see only some), and
    how a chosen value narrows a queryset of one piece model (return it
    unchanged if the filter does not apply)."""

    name: str
    label: str
    choices: Callable[[object], list[tuple[str, str]]]
    apply: Callable


@dataclass
class MatrixRow:
    pk: int
    code: str
    title: str
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

    @cached_property
    def percentages(self) -> dict[str, int]:
        return {
            language.code: self.percentage_approved(language.code)
            for language in self.languages
        }

    @property
    def language_percentages(self) -> list[tuple[object, int]]:
        """[(language, share approved)] in column order, for the header."""
        return [
            (language, self.percentages[language.code]) for language in self.languages
        ]


def register_piece_model(model) -> None:
    if model not in PIECE_MODELS:
        PIECE_MODELS.append(model)
        state_cache.follow_changes_of(model)


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
        by_model.setdefault(type(piece), []).append(piece.pk)
    worst = {}
    for model, pks in by_model.items():
        worst |= worst_states_of(model, pks)
    return worst


def worst_states_of(model, pks) -> dict[tuple[int, str], TranslationState]:
    """The same for the pieces of one model, given by pk."""
    worst = {}
    for pk, _field, language, state in each_state(model, pks):
        current = worst.get((pk, language))
        if current is None or RANKS[state] < RANKS[current]:
            worst[(pk, language)] = state
    return worst


def worst_states_of_every(model, generation: int) -> dict:
    """The same for every piece of `model`, kept under the generation of
    the translation states (`locales.state_cache`) until a piece or a
    translation record changes."""
    key = f"translation-states:{generation}:{model._meta.label_lower}"
    states = cache.get(key)
    if states is None:
        pks = list(model.objects.values_list("pk", flat=True))
        states = worst_states_of(model, pks)
        cache.set(key, states, timeout=STATES_KEPT_SECONDS)
    return states


def build_matrix(
    kind: str = "",
    state: str = "",
    languages: list[str] | None = None,
    **filter_values: str,
) -> Matrix:
    """The matrix, narrowed to one kind of piece, to the columns of
    `languages` (default: every target language), to rows with a cell of those
    columns in `state`, and by any registered filter given a value.

    Rows are plain values, not pieces: the matrix shows every piece at once.
    """
    codes = [
        code for code in target_languages() if languages is None or code in languages
    ]
    rows = []
    generation = state_cache.generation()
    for model in PIECE_MODELS:
        if kind and model._meta.label_lower != kind:
            continue
        queryset = model.objects.order_by("pk")
        for name, value in filter_values.items():
            if value and name in FILTERS:
                queryset = FILTERS[name].apply(queryset, value)
        content_type_id = ContentType.objects.get_for_model(model).pk
        kind_name = str(model._meta.verbose_name)
        pieces = list(
            queryset.annotate(**display_columns(model)).values_list(
                "pk", "row_code", "row_title", "row_source_title"
            )
        )
        worst = worst_states_of_every(model, generation)
        for pk, code, title, source_title in pieces:
            row = MatrixRow(pk, code, title or source_title, kind_name, content_type_id)
            row.cells = {
                code: worst.get((pk, code), TranslationState.MISSING) for code in codes
            }
            rows.append(row)
    if state:
        rows = [row for row in rows if state in row.cells.values()]
    languages = [language for language in load_languages() if language.code in codes]
    return Matrix(languages=languages, rows=rows)


def pieces_for(rows) -> list:
    """The pieces of these rows, in the rows' order: one query per kind."""
    pks_by_type: dict[int, list[int]] = {}
    for row in rows:
        pks_by_type.setdefault(row.content_type_id, []).append(row.pk)
    pieces = {}
    for content_type_id, pks in pks_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        for piece in model.objects.filter(pk__in=pks):
            pieces[(content_type_id, piece.pk)] = piece
    return [pieces[(row.content_type_id, row.pk)] for row in rows]


def display_columns(model) -> dict:
    """A row's reference code ("" for a model that declares none in
    `reference_code_field`) and its title in the reader's language and in the
    source language."""
    code_field = getattr(model, "reference_code_field", None)
    return {
        "row_code": F(code_field) if code_field else Value(""),
        "row_title": F(build_localized_fieldname("title", current_language().code)),
        "row_source_title": F(
            build_localized_fieldname("title", source_language_code())
        ),
    }
