"""Translation units: the pieces of text a translator works on.

A plain translated field is one unit. A StreamField is split into its text
leaves (headings, paragraphs, figures, captions…), each addressed by a path
of block ids, child names and list positions, so a translator never edits
the stream's structure: the translation keeps the source's blocks and
replaces only their text. Rich text, in a stream or a field of its own, is
split further into its paragraphs, headings and list items (see
`locales.rich_text`). Non-text values (images, numbers of seconds, chosen
pages) are taken from the source.

List items are addressed by position (`#0`, `#1`…), not by the ids Wagtail
gives them: the editor rewrites a list loaded in the older plain form with
new ids on its first save, and the units must not change with it.

A unit's key names it everywhere, in the translator view and in exchange
files: `app_label.model:pk:field` or `app_label.model:pk:field:path`.
"""

import copy
import json
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.fields import RichTextField

from modeltranslation.utils import build_localized_fieldname

from locales.fallback import translated_field_names
from locales.registry import source_language
from locales.rich_text import rebuild, segments
from locales.source_text import raw_value, stream_block

TEXT_BLOCKS = (blocks.CharBlock, blocks.TextBlock, blocks.RichTextBlock)


@dataclass(frozen=True)
class Unit:
    key: str
    field: str
    path: str
    label: str
    source: str
    target: str
    max_length: int | None = None
    rich: bool = False


@dataclass(frozen=True)
class Leaf:
    path: str
    label: str
    text: str
    max_length: int | None
    rich: bool = False


def piece_key(piece) -> str:
    return f"{piece._meta.label_lower}:{piece.pk}"


def unit_key(piece, field: str, path: str = "") -> str:
    key = f"{piece_key(piece)}:{field}"
    return f"{key}:{path}" if path else key


def parse_key(key: str) -> tuple[str, str, str, str]:
    """(model label, pk, field, path) of a unit key; ValueError if malformed."""
    parts = key.split(":", 3)
    if len(parts) < 3 or not all(parts[:3]):
        raise ValueError(f"“{key}” is not a unit id (model:id:field[:path]).")
    label, pk, field = parts[:3]
    if not pk.isdigit():
        raise ValueError(f"“{key}” is not a unit id: “{pk}” is not a number.")
    return label, pk, field, parts[3] if len(parts) == 4 else ""


def leaves(block, value, path: str = "", label: str = "", source=None) -> list[Leaf]:
    """Every non-empty text leaf of a raw block value, in reading order,
    labelled with the names editors see ("Key figures › 2 › what it counts").
    A translation is read with its `source` value (aligned by block id), so
    its rich text numbers placeholders as the source does."""
    if isinstance(block, TEXT_BLOCKS):
        if not isinstance(value, str) or not value.strip():
            return []
        if isinstance(block, blocks.RichTextBlock):
            return rich_leaves(value, path, label, source if source else None)
        field = getattr(block, "field", None)
        return [Leaf(path, label, value, getattr(field, "max_length", None))]
    found = []
    if isinstance(block, blocks.StreamBlock):
        # "Paragraph 2": the second paragraph block, so labels tell apart.
        numbers: dict[str, int] = {}
        sources = {
            child.get("id"): child.get("value")
            for child in source or []
            if isinstance(child, dict)
        }
        for index, child in enumerate(value or []):
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is not None:
                step = child.get("id") or f"#{index}"
                number = numbers[child["type"]] = numbers.get(child["type"], 0) + 1
                found += leaves(
                    child_block,
                    child.get("value"),
                    _join(path, step),
                    _join(label, f"{child_block.label} {number}", " › "),
                    sources.get(child.get("id")),
                )
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            found += leaves(
                child_block,
                (value or {}).get(name),
                _join(path, name),
                _join(label, str(child_block.label), " › "),
                source.get(name) if isinstance(source, dict) else None,
            )
    elif isinstance(block, blocks.ListBlock):
        sources = [
            item["value"] if _is_list_item(item) else item for item in source or []
        ]
        for index, item in enumerate(value or []):
            found += leaves(
                block.child_block,
                item["value"] if _is_list_item(item) else item,
                _join(path, f"#{index}"),
                _join(label, str(index + 1), " › "),
                sources[index] if index < len(sources) else None,
            )
    return found


SEGMENT_KINDS = {
    "p": _("Paragraph"),
    "li": _("List item"),
    "blockquote": _("Quote"),
}


def rich_leaves(html: str, path: str = "", label: str = "", source=None) -> list[Leaf]:
    """A leaf for each paragraph, heading or list item of rich text (of a
    translation, when `source` is its source: see `segments`)."""
    return [
        Leaf(
            _join(path, segment.path),
            _join(
                label,
                f"{SEGMENT_KINDS.get(segment.tag, _('Heading'))} "
                f"{int(segment.path[1:]) + 1}",
                " › ",
            ),
            segment.text,
            None,
            rich=True,
        )
        for segment in segments(html, source)
    ]


def field_leaves(model, field: str, raw: str) -> list[Leaf]:
    """The text leaves of a field's stored value (see `raw_value`)."""
    if not raw:
        return []
    block = stream_block(model, field)
    if block is None:
        model_field = model._meta.get_field(
            build_localized_fieldname(field, source_language().code)
        )
        if isinstance(model_field, RichTextField):
            return rich_leaves(raw)
        return [Leaf("", "", raw, getattr(model_field, "max_length", None))]
    return leaves(block, json.loads(raw))


def aligned(block, source, target):
    """`target` with each block and list item carrying the id of the source
    block it translates: matched by id, else by position and type. A
    translation typed into the piece's own editor gets new block ids; this
    lets its leaves meet their source leaves all the same."""
    if isinstance(block, blocks.StreamBlock | blocks.ListBlock):
        if not isinstance(source, list) or not isinstance(target, list):
            return target
        by_id = {item.get("id"): item for item in source if isinstance(item, dict)}
        for index, item in enumerate(target):
            if not isinstance(item, dict) or "value" not in item:
                continue
            match = by_id.get(item.get("id"))
            if match is None and index < len(source):
                candidate = source[index]
                if isinstance(candidate, dict) and candidate.get("type") == item.get(
                    "type"
                ):
                    match = candidate
                    item["id"] = candidate.get("id")
            if match is not None:
                child_block = (
                    block.child_block
                    if isinstance(block, blocks.ListBlock)
                    else block.child_blocks.get(item.get("type"))
                )
                item["value"] = aligned(child_block, match.get("value"), item["value"])
    elif isinstance(block, blocks.StructBlock):
        if isinstance(source, dict) and isinstance(target, dict):
            for name, child_block in block.child_blocks.items():
                if name in target:
                    target[name] = aligned(child_block, source.get(name), target[name])
    return target


def target_leaves(model, field: str, source_raw: str, target_raw: str) -> list[Leaf]:
    """The text leaves of a translation, addressed like the source's."""
    block = stream_block(model, field)
    if not target_raw or not source_raw:
        return field_leaves(model, field, target_raw)
    if block is None:
        model_field = model._meta.get_field(field)
        if isinstance(model_field, RichTextField):
            return rich_leaves(target_raw, source=source_raw)
        return field_leaves(model, field, target_raw)
    source = json.loads(source_raw)
    return leaves(block, aligned(block, source, json.loads(target_raw)), source=source)


def with_leaves(model, field: str, source_raw: str, texts: dict[str, str]) -> str:
    """The translated field's value, structured exactly like the source:
    each text leaf of the source is replaced by `texts[path]`, or emptied
    when `texts` has no translation for it."""
    block = stream_block(model, field)
    if block is None:
        if isinstance(model._meta.get_field(field), RichTextField):
            return _rebuilt(source_raw, "", texts)
        return texts.get("", "")
    value = copy.deepcopy(json.loads(source_raw))
    _replace(block, value, "", texts)
    return json.dumps(value, ensure_ascii=False)


class InSource(str):
    """A unit's source text standing in for a translation not yet approved,
    so that a page is never blank; rich text marks it with the source's
    language."""


def _rebuilt(html: str, path: str, texts: dict[str, str]) -> str:
    """Rich text `html` at `path` with each segment's text from `texts`
    (emptied where `texts` has none)."""
    chosen = {
        segment.path: texts.get(_join(path, segment.path), "")
        for segment in segments(html)
    }
    languages = {
        segment_path: _source()
        for segment_path, text in chosen.items()
        if isinstance(text, InSource)
    }
    return rebuild(html, chosen, languages)


def _replace(block, value, path: str, texts: dict[str, str]):
    if isinstance(block, TEXT_BLOCKS):
        if not isinstance(value, str) or not value.strip():
            return value
        if isinstance(block, blocks.RichTextBlock):
            return _rebuilt(value, path, texts)
        return texts.get(path, "")
    if isinstance(block, blocks.StreamBlock):
        for index, child in enumerate(value or []):
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is not None:
                step = _join(path, child.get("id") or f"#{index}")
                child["value"] = _replace(child_block, child.get("value"), step, texts)
    elif isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        for name, child_block in block.child_blocks.items():
            if name in value:
                value[name] = _replace(
                    child_block, value[name], _join(path, name), texts
                )
    elif isinstance(block, blocks.ListBlock):
        for index, item in enumerate(value or []):
            step = _join(path, f"#{index}")
            if _is_list_item(item):
                item["value"] = _replace(block.child_block, item["value"], step, texts)
            else:
                value[index] = _replace(block.child_block, item, step, texts)
    return value


def units_for(piece, targets: dict[tuple[str, str], str]) -> list[Unit]:
    """The units of `piece`: every text leaf of every translated field that
    has source text, with `targets[(field, path)]` as its translation."""
    model = type(piece)
    units = []
    # In the order editors see the fields: title first, body after summary.
    fields = sorted(
        translated_field_names(model),
        key=lambda name: model._meta.get_field(name).creation_counter,
    )
    for field in fields:
        source_raw = raw_value(piece, field, _source())
        for leaf in field_leaves(model, field, source_raw):
            units.append(
                Unit(
                    key=unit_key(piece, field, leaf.path),
                    field=field,
                    path=leaf.path,
                    label=leaf.label,
                    source=leaf.text,
                    target=targets.get((field, leaf.path), ""),
                    max_length=leaf.max_length,
                    rich=leaf.rich,
                )
            )
    return units


def _source() -> str:
    return source_language().code


def _join(path: str, step: str, separator: str = "/") -> str:
    return f"{path}{separator}{step}" if path else step


def _is_list_item(item) -> bool:
    # Wagtail stores list items as {"type": "item", "value": …, "id": …};
    # older values are plain lists of the child values.
    return isinstance(item, dict) and item.get("type") == "item" and "value" in item
