"""Translation units: the pieces of text a translator works on.

A plain translated field is one unit. A StreamField is split into its text
leaves (headings, paragraphs, figures, captions…), each addressed by a path
of block ids and child names, so a translator never edits the stream's
structure: the translation keeps the source's blocks and replaces only their
text. Non-text values (images, numbers of seconds, chosen pages) are taken
from the source.

A unit's key names it everywhere, in the translator view and in exchange
files: `app_label.model:pk:field` or `app_label.model:pk:field:path`.
"""

import copy
import json
from dataclasses import dataclass

from wagtail import blocks
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.fields import RichTextField

from modeltranslation.utils import build_localized_fieldname

from locales.fallback import translated_field_names
from locales.registry import source_language
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


def leaves(block, value, path: str = "", label: str = "") -> list[Leaf]:
    """Every non-empty text leaf of a raw block value, in reading order,
    labelled with the names editors see ("Key figures › 2 › what it counts")."""
    if isinstance(block, TEXT_BLOCKS):
        if isinstance(value, str) and value.strip():
            field = getattr(block, "field", None)
            max_length = getattr(field, "max_length", None)
            rich = isinstance(block, blocks.RichTextBlock)
            return [Leaf(path, label, value, max_length, rich)]
        return []
    found = []
    if isinstance(block, blocks.StreamBlock):
        for index, child in enumerate(value or []):
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is not None:
                step = child.get("id") or f"#{index}"
                found += leaves(
                    child_block,
                    child.get("value"),
                    _join(path, step),
                    _join(label, str(child_block.label), " › "),
                )
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            found += leaves(
                child_block,
                (value or {}).get(name),
                _join(path, name),
                _join(label, str(child_block.label), " › "),
            )
    elif isinstance(block, blocks.ListBlock):
        for index, item in enumerate(value or []):
            if _is_list_item(item):
                step, item = item.get("id") or f"#{index}", item["value"]
            else:
                step = f"#{index}"
            found += leaves(
                block.child_block,
                item,
                _join(path, step),
                _join(label, str(index + 1), " › "),
            )
    return found


def field_leaves(model, field: str, raw: str) -> list[Leaf]:
    """The text leaves of a field's stored value (see `raw_value`)."""
    if not raw:
        return []
    block = stream_block(model, field)
    if block is None:
        model_field = model._meta.get_field(
            build_localized_fieldname(field, source_language().code)
        )
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
    if block is None or not target_raw or not source_raw:
        return field_leaves(model, field, target_raw)
    return leaves(block, aligned(block, json.loads(source_raw), json.loads(target_raw)))


def with_leaves(model, field: str, source_raw: str, texts: dict[str, str]) -> str:
    """The translated field's value, structured exactly like the source:
    each text leaf of the source is replaced by `texts[path]`, or emptied
    when `texts` has no translation for it."""
    block = stream_block(model, field)
    if block is None:
        return texts.get("", "")
    value = copy.deepcopy(json.loads(source_raw))
    _replace(block, value, "", texts)
    return json.dumps(value, ensure_ascii=False)


def with_safe_rich_text(model, field: str, raw: str) -> str:
    """`raw` with its rich text reduced to what Wagtail's editor allows (no
    script, no event handler, no `javascript:` link), so a translation typed
    or imported as HTML cannot carry code to the public page."""
    block = stream_block(model, field)
    if block is None:
        model_field = model._meta.get_field(field)
        return _safe_html(raw) if isinstance(model_field, RichTextField) else raw
    if not raw:
        return raw
    texts = {
        leaf.path: _safe_html(leaf.text) if leaf.rich else leaf.text
        for leaf in leaves(block, json.loads(raw))
    }
    return with_leaves(model, field, raw, texts)


def _safe_html(html: str) -> str:
    return EditorHTMLConverter().to_database_format(html) if html else html


def _replace(block, value, path: str, texts: dict[str, str]):
    if isinstance(block, TEXT_BLOCKS):
        if isinstance(value, str) and value.strip():
            return texts.get(path, "")
        return value
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
            if _is_list_item(item):
                step = _join(path, item.get("id") or f"#{index}")
                item["value"] = _replace(block.child_block, item["value"], step, texts)
            else:
                step = _join(path, f"#{index}")
                value[index] = _replace(block.child_block, item, step, texts)
    return value


def units_for(piece, language: str, targets: dict[str, str]) -> list[Unit]:
    """The units of `piece` in `language`: every text leaf of every translated
    field that has source text. `targets` gives each field's current
    translation as stored (see `raw_value`)."""
    model = type(piece)
    units = []
    # In the order editors see the fields: title first, body after summary.
    fields = sorted(
        translated_field_names(model),
        key=lambda name: model._meta.get_field(name).creation_counter,
    )
    for field in fields:
        source_raw = raw_value(piece, field, _source())
        source = field_leaves(model, field, source_raw)
        target = {
            leaf.path: leaf.text
            for leaf in target_leaves(model, field, source_raw, targets.get(field, ""))
        }
        for leaf in source:
            units.append(
                Unit(
                    key=unit_key(piece, field, leaf.path),
                    field=field,
                    path=leaf.path,
                    label=leaf.label,
                    source=leaf.text,
                    target=target.get(leaf.path, ""),
                    max_length=leaf.max_length,
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
