"""Load the administrative tree from a CSV file (`code,name,parent_code,level`).

The whole file is checked before anything is written: a duplicate code, an
unknown parent, a cycle or a level out of order is reported with its line,
and then nothing is saved. Areas already in Loa are matched by code; their
names and levels are updated and they keep their place in the tree.
"""

import csv
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.models import LEVEL_ORDER, Area

COLUMNS = ["code", "name", "parent_code", "level"]


class AreaFileError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class AreaRow:
    line: int
    code: str
    name: str
    parent_code: str
    level: str


def read_rows(text: str) -> list[AreaRow]:
    # newline="": quoted fields may hold line breaks, and a stray carriage
    # return (Windows, old Mac) ends a line instead of breaking the reader.
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        if (
            reader.fieldnames is None
            or [name.strip() for name in reader.fieldnames] != COLUMNS
        ):
            raise AreaFileError(
                [
                    _("The first line must be: %(columns)s")
                    % {"columns": ",".join(COLUMNS)}
                ]
            )
        return [
            AreaRow(
                line=number,
                **{
                    key.strip(): (value or "").strip()
                    for key, value in row.items()
                    if key
                },
            )
            for number, row in enumerate(reader, start=2)
        ]
    except csv.Error as error:
        raise AreaFileError(
            [_("Line %(line)d is not valid CSV.") % {"line": reader.line_num}]
        ) from error


def check_rows(rows: list[AreaRow]) -> list[str]:
    problems = []
    by_code: dict[str, AreaRow] = {}
    existing = dict(Area.objects.values_list("code", "level"))
    for row in rows:
        if any(
            "\x00" in value
            for value in (row.code, row.name, row.parent_code, row.level)
        ):
            # No text in Loa may hold one (PostgreSQL refuses it).
            problems.append(
                _("Line %(line)d holds a null character; remove it.") % vars(row)
            )
        if not row.code or not row.name:
            problems.append(
                _("Line %(line)d: a code and a name are required.") % vars(row)
            )
        if row.level not in LEVEL_ORDER:
            problems.append(
                _("Line %(line)d: unknown level “%(level)s” (use %(levels)s).")
                % {**vars(row), "levels": ", ".join(LEVEL_ORDER)}
            )
        if row.code in by_code:
            problems.append(
                _("Line %(line)d: the code %(code)s is already on line %(first)d.")
                % {**vars(row), "first": by_code[row.code].line}
            )
        by_code.setdefault(row.code, row)
    for row in rows:
        if not row.parent_code:
            continue
        parent = by_code.get(row.parent_code)
        parent_level = parent.level if parent else existing.get(row.parent_code)
        if parent_level is None:
            problems.append(
                _("Line %(line)d: unknown parent code %(parent_code)s.") % vars(row)
            )
        elif (
            parent_level in LEVEL_ORDER
            and row.level in LEVEL_ORDER
            and LEVEL_ORDER.index(parent_level) >= LEVEL_ORDER.index(row.level)
        ):
            problems.append(
                _("Line %(line)d: a %(level)s cannot be inside a %(parent_level)s.")
                % {**vars(row), "parent_level": parent_level}
            )
    problems += _cycles(by_code)
    return problems


def _cycles(by_code: dict[str, AreaRow]) -> list[str]:
    problems = []
    for row in by_code.values():
        seen = {row.code}
        parent = by_code.get(row.parent_code)
        while parent is not None:
            if parent.code in seen:
                problems.append(
                    _("Line %(line)d: %(code)s is inside itself (a cycle).") % vars(row)
                )
                break
            seen.add(parent.code)
            parent = by_code.get(parent.parent_code)
    return problems


@transaction.atomic
def load_areas(text: str) -> tuple[int, int]:
    """Create and update areas from CSV text; (created, updated)."""
    rows = read_rows(text)
    problems = check_rows(rows)
    if problems:
        raise AreaFileError(problems)
    areas = {area.code: area for area in Area.objects.all()}
    created = updated = 0
    pending = list(rows)
    while pending:
        waiting = []
        for row in pending:
            if row.parent_code and row.parent_code not in areas:
                waiting.append(row)
                continue
            area = areas.get(row.code)
            if area is None:
                fields = {"code": row.code, "name": row.name, "level": row.level}
                if row.parent_code:
                    parent = Area.objects.get(pk=areas[row.parent_code].pk)
                    area = parent.add_child(**fields)
                else:
                    area = Area.add_root(**fields)
                areas[row.code] = area
                created += 1
            elif (area.name, area.level) != (row.name, row.level):
                area.name, area.level = row.name, row.level
                area.save(update_fields=["name", "level"])
                updated += 1
        if len(waiting) == len(pending):
            raise AreaFileError([_("Some parents can never be placed.")])
        pending = waiting
    return created, updated
