"""Inline markup as protected placeholders.

A paragraph of rich text reaches translators as text in which each inline
element of the source (bold, italic, a link, a line break) is a numbered
placeholder: `{1}` opens element 1 and `{/1}` closes it, `{2/}` stands for
an element with no text (a line break). Translators move placeholders with
the words they belong to; they never type HTML. Exchange files carry the
same placeholders as their format's inline codes (XLIFF `<g>`/`<x/>` and
`<pc>`/`<ph/>`) or as they are (PO, spreadsheets).
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

TOKEN = re.compile(r"\{(/?)([1-9]\d{0,2})(/?)\}")


@dataclass(frozen=True)
class Placeholder:
    """One placeholder token: `kind` is "open", "close" or "empty"."""

    kind: str
    id: int

    def __str__(self) -> str:
        return {"open": "{%d}", "close": "{/%d}", "empty": "{%d/}"}[self.kind] % (
            self.id
        )


def parse(text: str) -> list[str | Placeholder]:
    """`text` as runs of text and placeholders, in order. A token with both
    slashes (`{/1/}`) is not a placeholder and stays text."""
    parts: list[str | Placeholder] = []
    position = 0
    for match in TOKEN.finditer(text):
        closing, number, empty = match.groups()
        if closing and empty:
            continue
        if match.start() > position:
            parts.append(text[position : match.start()])
        kind = "close" if closing else "empty" if empty else "open"
        parts.append(Placeholder(kind, int(number)))
        position = match.end()
    if position < len(text):
        parts.append(text[position:])
    return parts


def signature(text: str) -> dict[int, str]:
    """{id: "pair" | "empty"} of the placeholders in `text` (well formed or
    not: see `problems`)."""
    found = {}
    for part in parse(text):
        if isinstance(part, Placeholder):
            found[part.id] = "empty" if part.kind == "empty" else "pair"
    return found


def problems(source: str, target: str) -> list[str]:
    """What is wrong with the placeholders of `target`, the translation of
    `source`: each of the source's must come back exactly once, pairs opened
    before they are closed and nested, and none invented. [] when all is
    well."""
    expected = signature(source)
    if not expected and not TOKEN.search(target):
        return []
    errors = []
    counts: dict[tuple[str, int], int] = {}
    open_stack: list[int] = []
    nesting_broken = False
    for part in parse(target):
        if not isinstance(part, Placeholder):
            continue
        counts[(part.kind, part.id)] = counts.get((part.kind, part.id), 0) + 1
        if part.kind == "open":
            open_stack.append(part.id)
        elif part.kind == "close":
            if not open_stack or open_stack[-1] != part.id:
                nesting_broken = True
            else:
                open_stack.pop()
    for number, kind in sorted(expected.items()):
        wanted = ["empty"] if kind == "empty" else ["open", "close"]
        for token_kind in wanted:
            count = counts.get((token_kind, number), 0)
            token = str(Placeholder(token_kind, number))
            if count == 0:
                errors.append(_("Placeholder %(token)s is missing.") % {"token": token})
            elif count > 1:
                errors.append(
                    _("Placeholder %(token)s appears %(count)d times; keep it once.")
                    % {"token": token, "count": count}
                )
    invented = sorted(
        {number for _kind, number in counts if number not in expected}
        | {
            number
            for (kind, number) in counts
            if number in expected and (kind == "empty") != (expected[number] == "empty")
        }
    )
    for number in invented:
        errors.append(
            _("Placeholder %(number)d is not in the source.") % {"number": number}
        )
    if (nesting_broken or open_stack) and not errors:
        errors.append(
            _("Placeholders must close in the order they opened, like {1}…{/1}.")
        )
    return errors


def strip(text: str) -> str:
    """`text` without its placeholders: what a reader sees of it."""
    return "".join(part for part in parse(text) if isinstance(part, str))
