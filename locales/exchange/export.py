"""Export the units of a set of pieces in one language to an exchange file."""

from locales.exchange.formats import ExchangeFile, ExchangeUnit
from locales.matrix import PIECE_MODELS, build_matrix, pieces_for
from locales.models import GlossaryTerm
from locales.qa import glossary_terms_in
from locales.registry import source_language_code
from locales.source_text import digest
from locales.states import unit_states
from locales.units import Unit, units_for
from locales.workflow import working_units


def check_value(source: str, target: str) -> str:
    """What a unit's source and translation were at export, in short."""
    return f"s:{digest(source)[:16]};t:{digest(target)[:16]}"


def parse_check(value: str) -> tuple[str, str] | None:
    parts = dict(part.split(":", 1) for part in value.split(";") if ":" in part)
    if set(parts) != {"s", "t"}:
        return None
    return parts["s"], parts["t"]


def select_pieces(kind: str = "", keys=(), **filters) -> list:
    """Pieces chosen by kind and the matrix filters (topic…), or by their
    keys (`app_label.model:pk`). A state chooses units, not pieces (see
    `export_units`): a piece whose worst unit is missing may still have
    units waiting for review."""
    if keys:
        return [piece_by_key(key) for key in keys]
    return pieces_for(build_matrix(kind, **filters).rows)


def piece_by_key(key: str):
    label, _sep, pk = key.partition(":")
    for model in PIECE_MODELS:
        if model._meta.label_lower == label and pk.isdigit():
            piece = model.objects.filter(pk=pk).first()
            if piece is not None:
                return piece
    raise LookupError(f"No piece “{key}”.")


def export_units(pieces, language: str, state: str = "") -> ExchangeFile:
    """The units of `pieces` in `language`, with their current translations;
    only units in `state` when given."""
    glossary = list(GlossaryTerm.objects.filter(language=language))
    units = []
    for piece in pieces:
        states = unit_states(piece, language) if state else {}
        for unit in units_for(piece, working_units(piece, language)):
            if state and states.get((unit.field, unit.path)) != state:
                continue
            units.append(_exchange_unit(piece, unit, glossary))
    return ExchangeFile(source_language_code(), language, units)


def unit_context(piece, unit: Unit) -> str:
    """Where a unit's text sits, as editors name it: piece · field · block."""
    field_label = str(type(piece)._meta.get_field(unit.field).verbose_name)
    context = f"{piece} · {field_label}"
    if unit.label:
        context += f" · {unit.label}"
    return context


def _exchange_unit(piece, unit: Unit, glossary) -> ExchangeUnit:
    return ExchangeUnit(
        key=unit.key,
        source=unit.source,
        target=unit.target,
        check=check_value(unit.source, unit.target),
        context=unit_context(piece, unit),
        glossary=[
            f"{term.source_term} → {term.translation}"
            + (f" ({term.note})" if term.note else "")
            for term in glossary_terms_in(unit.source, glossary)
        ],
    )
