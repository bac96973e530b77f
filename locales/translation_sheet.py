"""What the translator view shows for one piece in one language: each field's
units with their source, current translation, state, the source diff when
outdated, glossary hints and QA warnings."""

import json
from dataclasses import dataclass, field

from locales.fallback import translated_field_names
from locales.models import GlossaryTerm, TranslationRecord
from locales.qa import QAWarning, check_translation, glossary_terms_in
from locales.registry import source_language
from locales.source_text import comparable, digest, raw_value
from locales.states import TranslationState, states_for, word_diff
from locales.units import Unit, target_leaves, units_for, with_leaves
from locales.workflow import records_for, working_text


def input_name(unit: Unit) -> str:
    """The form input that carries a unit's translation."""
    return f"unit:{unit.field}:{unit.path}"


@dataclass
class UnitRow:
    unit: Unit
    target: str
    diff: list[tuple[str, str]] | None = None
    hints: list[GlossaryTerm] = field(default_factory=list)
    warnings: list[QAWarning] = field(default_factory=list)

    @property
    def input_name(self) -> str:
        return input_name(self.unit)

    @property
    def rows(self) -> int:
        return min(12, max(2, len(self.unit.source) // 50 + 1))


@dataclass
class FieldSection:
    name: str
    label: str
    state: TranslationState
    record: TranslationRecord | None
    rows: list[UnitRow]


@dataclass
class TranslationSheet:
    piece: object
    language: str
    sections: list[FieldSection]
    baseline: str

    @property
    def waiting_for_review(self) -> list[TranslationRecord]:
        return [
            section.record
            for section in self.sections
            if section.state == TranslationState.NEEDS_REVIEW
        ]

    @property
    def review_comment(self) -> str:
        comments = {
            section.record.review_comment
            for section in self.sections
            if section.record is not None and section.record.review_comment
        }
        return "\n".join(sorted(comments))


def working_texts(piece, language: str, records) -> dict[str, str]:
    return {
        name: working_text(piece, name, language, records.get(name))
        for name in translated_field_names(type(piece))
    }


def baseline_of(texts: dict[str, str]) -> str:
    """A fingerprint of the translations as the translator saw them, so a
    save over someone else's newer save is caught."""
    return digest(json.dumps(texts, sort_keys=True, ensure_ascii=False))


def build_sheet(piece, language: str, posted: dict[str, str] | None = None):
    """The sheet; `posted` ({input name: text}) replaces the stored
    translations, to show a form again without losing what was typed."""
    model = type(piece)
    records = records_for(piece, language)
    texts = working_texts(piece, language, records)
    states = states_for([piece])
    glossary = list(GlossaryTerm.objects.filter(language=language))
    sections = {}
    for unit in units_for(piece, language, texts):
        target = unit.target
        if posted is not None:
            target = posted.get(input_name(unit), target)
        row = UnitRow(unit, target)
        row.hints = glossary_terms_in(unit.source, glossary)
        row.warnings = check_translation(
            unit.source,
            target,
            language,
            max_length=unit.max_length,
            glossary=row.hints,
        )
        section = sections.get(unit.field)
        if section is None:
            state = states.get((piece.pk, unit.field, language))
            section = sections[unit.field] = FieldSection(
                name=unit.field,
                label=str(model._meta.get_field(unit.field).verbose_name).capitalize(),
                state=state.state if state else TranslationState.MISSING,
                record=records.get(unit.field),
                rows=[],
            )
        if section.state == TranslationState.OUTDATED and section.record:
            row.diff = word_diff(_old_source(piece, unit, section.record), unit.source)
        section.rows.append(row)
    return TranslationSheet(
        piece=piece,
        language=language,
        sections=list(sections.values()),
        baseline=baseline_of(texts),
    )


def _old_source(piece, unit: Unit, record: TranslationRecord) -> str:
    """The unit's source text when the translation was made."""
    current = raw_value(piece, unit.field, source_language().code)
    old = target_leaves(type(piece), unit.field, current, record.source_text)
    return {leaf.path: leaf.text for leaf in old}.get(unit.path, "")


def posted_texts(piece, language: str, data) -> dict[str, str]:
    """{field: translation as it would be stored} from a posted form; only
    fields that the form changed."""
    model = type(piece)
    records = records_for(piece, language)
    current = working_texts(piece, language, records)
    by_field: dict[str, dict[str, str]] = {}
    for unit in units_for(piece, language, current):
        text = data.get(input_name(unit), unit.target)
        by_field.setdefault(unit.field, {})[unit.path] = text.strip()
    changed = {}
    for name, texts in by_field.items():
        if not any(texts.values()):
            # Clearing a translation is done in the piece's own editor.
            continue
        source = raw_value(piece, name, source_language().code)
        new = with_leaves(model, name, source, texts)
        if comparable(model, name, new) != comparable(model, name, current[name]):
            changed[name] = new
    return changed
