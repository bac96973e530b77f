"""Translation units: the pieces of text a translator works on.

A plain translated field is one unit. A StreamField is split into its text
leaves (headings, paragraphs, figures, captions…), each addressed by a path
of block ids, child names and list positions (see `locales.block_walk`,
which walks every stream here), so a translator never edits
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

import json
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.fields import RichTextField

from modeltranslation.utils import build_localized_fieldname

from locales.block_walk import text_leaves
from locales.fallback import translated_field_names
from locales.registry import source_language_code
from locales.rich_text import rebuild, segments
from locales.source_text import raw_value, stream_block


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


def leaves(block, value, source=None) -> list[Leaf]:
    """Every non-empty text leaf of a stream's raw value, in reading order,
    labelled with the names editors see ("Key figures 1 › 2 › what it
    counts"). A translation is read with its `source` value, so that its
    leaves take the source's addresses and its rich text numbers
    placeholders as the source does."""
    found = []
    for leaf in text_leaves(block, value, source):
        if isinstance(leaf.block, blocks.RichTextBlock):
            found += rich_leaves(leaf.value, leaf.path, leaf.label, leaf.source or None)
        else:
            field = getattr(leaf.block, "field", None)
            found.append(
                Leaf(
                    leaf.path,
                    leaf.label,
                    leaf.value,
                    getattr(field, "max_length", None),
                )
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
            build_localized_fieldname(field, source_language_code())
        )
        if isinstance(model_field, RichTextField):
            return rich_leaves(raw)
        return [Leaf("", "", raw, getattr(model_field, "max_length", None))]
    return leaves(block, json.loads(raw))


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
    return leaves(block, json.loads(target_raw), source=json.loads(source_raw))


def with_leaves(model, field: str, source_raw: str, texts: dict[str, str]) -> str:
    """The translated field's value, structured exactly like the source:
    each text leaf of the source is replaced by `texts[path]`, or emptied
    when `texts` has no translation for it."""
    block = stream_block(model, field)
    if block is None:
        if isinstance(model._meta.get_field(field), RichTextField):
            return _rebuilt(source_raw, "", texts)
        return texts.get("", "")
    return json.dumps(
        stream_with_texts(block, json.loads(source_raw), texts), ensure_ascii=False
    )


def stream_with_texts(block, value, texts: dict[str, str]):
    """The raw stream `value` with each text leaf replaced by `texts[path]`
    (emptied when `texts` has none); changed in place and returned."""
    for leaf in text_leaves(block, value):
        if isinstance(leaf.block, blocks.RichTextBlock):
            leaf.replace(_rebuilt(leaf.value, leaf.path, texts))
        else:
            leaf.replace(texts.get(leaf.path, ""))
    return value


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
        segment_path: source_language_code()
        for segment_path, text in chosen.items()
        if isinstance(text, InSource)
    }
    return rebuild(html, chosen, languages)


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
        source_raw = raw_value(piece, field, source_language_code())
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


def _join(path: str, step: str, separator: str = "/") -> str:
    return f"{path}{separator}{step}" if path else step
