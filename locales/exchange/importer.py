"""Import an exchange file: plan what would change, then apply it at once.

A unit whose source changed since export, or whose translation was changed
in Loa since export, is a conflict: reported, not applied. A unit that
cannot be matched (unknown id, piece or field, a missing check), or whose
translation loses, repeats or invents a placeholder of inline markup, is an
error, and any error stops the whole import: nothing is written.

Each imported unit goes to review.
"""

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from locales import placeholders
from locales.exchange.export import parse_check, unit_context
from locales.exchange.formats import ExchangeFile
from locales.fallback import translated_field_names
from locales.matrix import PIECE_MODELS
from locales.models import GlossaryTerm, TranslationRecord
from locales.permissions import can_translate
from locales.qa import QAWarning, check_translation, glossary_terms_in
from locales.registry import get_language, source_language_code
from locales.source_text import digest
from locales.states import target_languages
from locales.units import parse_key, units_for
from locales.workflow import save_unit, working_units


@dataclass
class Change:
    key: str
    source: str
    old: str
    new: str
    warnings: list[QAWarning] = field(default_factory=list)


@dataclass
class Conflict:
    """A unit the import leaves alone unless told otherwise: where it sits,
    why, and for a translation changed in Loa since the export, both texts,
    so the user can keep Loa's (the default) or take the file's."""

    key: str
    reason: str
    where: str = ""
    ours: str = ""
    theirs: str = ""

    @property
    def can_take(self) -> bool:
        return bool(self.theirs)


@dataclass
class ImportPlan:
    language: str
    changes: list[Change] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    unchanged: int = 0
    pieces: dict = field(default_factory=dict)

    @property
    def can_apply(self) -> bool:
        return not self.errors

    def as_json(self) -> dict:
        """The plan as a preview to store and show later (without `pieces`)."""
        return {
            "language": self.language,
            "changes": [asdict(change) for change in self.changes],
            "conflicts": [asdict(conflict) for conflict in self.conflicts],
            "errors": list(self.errors),
            "unchanged": self.unchanged,
        }

    @classmethod
    def from_json(cls, data: dict) -> "ImportPlan":
        return cls(
            language=data["language"],
            changes=[
                Change(
                    **{
                        **change,
                        "warnings": [QAWarning(**w) for w in change["warnings"]],
                    }
                )
                for change in data["changes"]
            ],
            conflicts=[Conflict(**conflict) for conflict in data["conflicts"]],
            errors=data["errors"],
            unchanged=data["unchanged"],
        )


Progress = Callable[[int, int], None]


def plan_import(
    exchange: ExchangeFile,
    user=None,
    expected_language: str = "",
    take=(),
    progress: Progress | None = None,
) -> ImportPlan:
    """What importing `exchange` would do, changing nothing. A unit whose
    translation was changed in Loa since the export is a conflict, unless
    its key is in `take`: then the file's text replaces Loa's. `progress`,
    if given, is called with (units done, units in all) as the plan goes."""
    language = exchange.language.strip()
    plan = ImportPlan(language=language)
    if not _language_is_valid(plan, language, expected_language):
        return plan
    glossary = list(GlossaryTerm.objects.filter(language=language))
    seen = set()
    current_units = {}
    total = len(exchange.units)
    for done, unit in enumerate(exchange.units):
        if progress is not None:
            progress(done, total)
        if unit.key in seen:
            plan.errors.append(
                _("The unit “%(key)s” appears twice.") % {"key": unit.key}
            )
            continue
        seen.add(unit.key)
        if not unit.target.strip():
            continue
        piece = _piece_for(plan, unit.key, user)
        if piece is None:
            continue
        if piece.pk not in current_units.setdefault(type(piece), {}):
            current_units[type(piece)][piece.pk] = {
                current.key: current
                for current in units_for(piece, working_units(piece, language))
            }
        check = parse_check(unit.check)
        if check is None:
            plan.errors.append(
                _(
                    "The unit “%(key)s” has lost its check value; "
                    "export the file again and translate in the new file."
                )
                % {"key": unit.key}
            )
            continue
        current = current_units[type(piece)][piece.pk].get(unit.key)
        if current is None:
            plan.conflicts.append(
                Conflict(unit.key, _("This text is no longer in the source."))
            )
            continue
        source_at_export, target_at_export = check
        new = unit.target.strip()
        where = unit_context(piece, current)
        if digest(current.source)[:16] != source_at_export:
            plan.conflicts.append(
                Conflict(unit.key, _("The source changed since the export."), where)
            )
        elif new == current.target:
            plan.unchanged += 1
        elif digest(current.target)[:16] != target_at_export and unit.key not in take:
            plan.conflicts.append(
                Conflict(
                    unit.key,
                    _("The translation was changed in Loa since the export."),
                    where,
                    ours=current.target,
                    theirs=new,
                )
            )
        elif problems := placeholders.problems(current.source, new):
            plan.errors.append(
                _("%(where)s (unit “%(key)s”): %(problems)s")
                % {
                    "where": where,
                    "key": unit.key,
                    "problems": " ".join(problems),
                }
            )
        else:
            plan.changes.append(
                Change(
                    key=unit.key,
                    source=current.source,
                    old=current.target,
                    new=new,
                    warnings=check_translation(
                        current.source,
                        new,
                        language,
                        max_length=current.max_length,
                        glossary=glossary_terms_in(current.source, glossary),
                    ),
                )
            )
            plan.pieces[unit.key] = piece
    plan.errors = list(dict.fromkeys(plan.errors))
    return plan


@transaction.atomic
def apply_import(
    exchange: ExchangeFile, user=None, expected_language: str = "", take=()
):
    """Plan the import again, inside one transaction, and write its changes;
    nothing is written when the plan has errors. `take`: see `plan_import`."""
    plan = plan_import(exchange, user, expected_language, take)
    if not plan.can_apply:
        return plan
    for change in plan.changes:
        _label, _pk, field_name, path = parse_key(change.key)
        save_unit(
            plan.pieces[change.key],
            field_name,
            path,
            plan.language,
            user,
            change.new,
            status=TranslationRecord.Status.NEEDS_REVIEW,
        )
    return plan


def _language_is_valid(plan: ImportPlan, language: str, expected: str) -> bool:
    if not language:
        plan.errors.append(_("The file does not say which language it is in."))
    elif language == source_language_code():
        plan.errors.append(
            _("The file's translation language is the source language, %(code)s.")
            % {"code": language}
        )
    elif language not in target_languages():
        plan.errors.append(
            _("Loa does not translate into “%(code)s”.") % {"code": language}
        )
    elif expected and language != expected:
        plan.errors.append(
            _("The file is in %(found)s, not %(expected)s.")
            % {
                "found": get_language(language).english_name,
                "expected": get_language(expected).english_name,
            }
        )
    return not plan.errors


def _piece_for(plan: ImportPlan, key: str, user):
    try:
        label, pk, field_name, _path = parse_key(key)
    except ValueError as error:
        plan.errors.append(str(error))
        return None
    model = next((m for m in PIECE_MODELS if m._meta.label_lower == label), None)
    piece = model.objects.filter(pk=pk).first() if model else None
    if piece is None:
        plan.errors.append(_("No piece matches the unit “%(key)s”.") % {"key": key})
        return None
    if field_name not in translated_field_names(model):
        plan.errors.append(
            _("“%(piece)s” has no translated field “%(field)s” (unit “%(key)s”).")
            % {"piece": piece, "field": field_name, "key": key}
        )
        return None
    if user is not None and not can_translate(user, piece, plan.language):
        plan.errors.append(
            _("You may not translate “%(piece)s” into this language.")
            % {"piece": piece}
        )
        return None
    return piece
