"""What the translator view shows for one piece in one language: each field's
units with their source, current translation, state, who wrote and reviewed
it, the source diff when outdated, the reviewer's comment, glossary hints and
QA warnings."""

import json
from dataclasses import dataclass, field

from locales.models import GlossaryTerm, TranslationRecord
from locales.qa import QAWarning, check_translation, glossary_terms_in
from locales.source_text import digest
from locales.states import STATE_ORDER, TranslationState, unit_states, word_diff, worst
from locales.units import Unit, units_for
from locales.workflow import records_for, working_units


def input_name(unit: Unit) -> str:
    """The form input that carries a unit's translation."""
    return f"unit:{unit.field}:{unit.path}"


@dataclass
class UnitRow:
    unit: Unit
    target: str
    state: TranslationState
    record: TranslationRecord | None
    comment: str = ""
    diff: list[tuple[str, str]] | None = None
    hints: list[GlossaryTerm] = field(default_factory=list)
    warnings: list[QAWarning] = field(default_factory=list)

    @property
    def input_name(self) -> str:
        return input_name(self.unit)

    @property
    def review_name(self) -> str:
        return f"review:{self.unit.field}:{self.unit.path}"

    @property
    def comment_name(self) -> str:
        return f"comment:{self.unit.field}:{self.unit.path}"

    @property
    def rows(self) -> int:
        return min(12, max(2, len(self.unit.source) // 50 + 1))

    @property
    def blocking(self) -> list[QAWarning]:
        return [warning for warning in self.warnings if warning.blocking]


@dataclass
class FieldSection:
    name: str
    label: str
    rows: list[UnitRow]

    @property
    def state(self) -> TranslationState:
        return worst(row.state for row in self.rows)


@dataclass
class TranslationSheet:
    piece: object
    language: str
    sections: list[FieldSection]
    baseline: str

    @property
    def rows(self) -> list[UnitRow]:
        return [row for section in self.sections for row in section.rows]

    @property
    def waiting_for_review(self) -> list[UnitRow]:
        return [row for row in self.rows if row.state == TranslationState.NEEDS_REVIEW]

    @property
    def shared_comments(self) -> list[str]:
        """What a reviewer said of several units at once, to show once."""
        said = [
            row.record.review_comment
            for row in self.rows
            if row.state == TranslationState.SENT_BACK and row.record.review_comment
        ]
        return sorted({comment for comment in said if said.count(comment) > 1})

    @property
    def state_counts(self) -> list[tuple[TranslationState, int]]:
        counts = dict.fromkeys(STATE_ORDER, 0)
        for row in self.rows:
            counts[row.state] += 1
        return [(state, count) for state, count in counts.items() if count]


def baseline_of(texts: dict[tuple[str, str], str]) -> str:
    """A fingerprint of the translations as the translator saw them, so a
    save over someone else's newer save is caught."""
    flat = {f"{field}:{path}": text for (field, path), text in texts.items()}
    return digest(json.dumps(flat, sort_keys=True, ensure_ascii=False))


def build_sheet(piece, language: str, posted: dict[str, str] | None = None):
    """The sheet; `posted` ({input name: text}) replaces the stored
    translations, to show a form again without losing what was typed."""
    model = type(piece)
    records = records_for(piece, language)
    texts = working_units(piece, language, records)
    states = unit_states(piece, language)
    glossary = list(GlossaryTerm.objects.filter(language=language))
    sections: dict[str, FieldSection] = {}
    for unit in units_for(piece, texts):
        target = unit.target
        if posted is not None:
            target = posted.get(input_name(unit), target)
        record = records.get((unit.field, unit.path))
        row = UnitRow(
            unit,
            target,
            states.get((unit.field, unit.path), TranslationState.MISSING),
            record,
        )
        if posted is not None:
            row.comment = posted.get(row.comment_name, "")
        row.hints = glossary_terms_in(unit.source, glossary)
        row.warnings = check_translation(
            unit.source,
            target,
            language,
            max_length=unit.max_length,
            glossary=row.hints,
        )
        if row.state == TranslationState.OUTDATED and record is not None:
            row.diff = word_diff(record.source_text, unit.source)
        section = sections.get(unit.field)
        if section is None:
            section = sections[unit.field] = FieldSection(
                name=unit.field,
                label=str(model._meta.get_field(unit.field).verbose_name).capitalize(),
                rows=[],
            )
        section.rows.append(row)
    return TranslationSheet(
        piece=piece,
        language=language,
        sections=list(sections.values()),
        baseline=baseline_of(texts),
    )


def posted_units(piece, language: str, data) -> dict[tuple[str, str], str]:
    """{(field, unit path): text} of the units a posted form changed."""
    current = working_units(piece, language)
    changed = {}
    for unit in units_for(piece, current):
        text = data.get(input_name(unit))
        if text is None:
            continue
        text = text.strip()
        if text and " ".join(text.split()) != " ".join(unit.target.split()):
            changed[(unit.field, unit.path)] = text
    return changed
