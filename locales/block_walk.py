"""The one walk over a StreamField's raw value down to its text leaves.

Reading a piece's units, reading a translation against its source and
writing translations back into a copy of the source all walk the same
tree the same way: through StreamBlocks (children addressed by block id),
StructBlocks (by child name) and ListBlocks (by position, `#0`, `#1`…, in
the plain and in the `{"type": "item", "id": …}` form alike), to each
CharBlock, TextBlock and RichTextBlock holding text.

Walked with its `source`, a translation is paired with the source block by
block, so each leaf carries the source's value at the same place and the
source's address: a stream child is matched by id, else by position when
the types agree (a translation typed into the piece's own editor gets new
block ids), and then takes the id of the source block it translates; list
items and struct children are matched by position and by name.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from wagtail import blocks

TEXT_BLOCKS = (blocks.CharBlock, blocks.TextBlock, blocks.RichTextBlock)


@dataclass(frozen=True)
class TextLeaf:
    """One non-empty text value in a stream, where it stands and what holds it."""

    path: str
    label: str
    block: blocks.Block
    value: str
    source: Any
    holder: dict | list
    key: str | int

    def replace(self, value: str) -> None:
        """Put `value` in this leaf's place in the walked value."""
        self.holder[self.key] = value


def text_leaves(
    block: blocks.Block, value, source=None, path: str = "", label: str = ""
) -> Iterator[TextLeaf]:
    """Every non-empty text leaf under `block` (a stream, struct or list
    block) in reading order, labelled with the names editors see
    ("Key figures 1 › 2 › what it counts"). Replacing a leaf while walking
    changes `value` in place, and nothing else."""
    if isinstance(block, blocks.StreamBlock):
        children = _stream_children(block, value, source)
    elif isinstance(block, blocks.StructBlock):
        children = _struct_children(block, value, source)
    elif isinstance(block, blocks.ListBlock):
        children = _list_children(block, value, source)
    else:
        return
    for child_block, holder, key, child_source, step, name in children:
        child_path = _join(path, step)
        child_label = _join(label, name, " › ")
        child_value = holder.get(key) if isinstance(holder, dict) else holder[key]
        if isinstance(child_block, TEXT_BLOCKS):
            if isinstance(child_value, str) and child_value.strip():
                yield TextLeaf(
                    child_path,
                    child_label,
                    child_block,
                    child_value,
                    child_source,
                    holder,
                    key,
                )
        else:
            yield from text_leaves(
                child_block, child_value, child_source, child_path, child_label
            )


# Each container's children come as (child block, what holds the child's
# value, its key there, the source's value at the same place, path step,
# label step).


def _stream_children(block, value, source):
    by_id = {}
    if isinstance(source, list):
        by_id = {item.get("id"): item for item in source if isinstance(item, dict)}
    # "Paragraph 2": the second paragraph block, so labels tell apart.
    numbers: dict[str, int] = {}
    for index, child in enumerate(value or []):
        child_block = block.child_blocks.get(child.get("type"))
        if child_block is None:
            continue
        block_id = child.get("id")
        match = by_id.get(block_id)
        if match is None and isinstance(source, list) and index < len(source):
            candidate = source[index]
            if (
                "value" in child
                and isinstance(candidate, dict)
                and candidate.get("type") == child.get("type")
            ):
                match = candidate
                block_id = candidate.get("id")
        number = numbers[child["type"]] = numbers.get(child["type"], 0) + 1
        yield (
            child_block,
            child,
            "value",
            match.get("value") if match is not None else None,
            block_id or f"#{index}",
            f"{child_block.label} {number}",
        )


def _struct_children(block, value, source):
    if not isinstance(value, dict):
        return
    for name, child_block in block.child_blocks.items():
        if name in value:
            yield (
                child_block,
                value,
                name,
                source.get(name) if isinstance(source, dict) else None,
                name,
                str(child_block.label),
            )


def _list_children(block, value, source):
    sources = [
        item["value"] if _is_list_item(item) else item
        for item in (source if isinstance(source, list) else [])
    ]
    for index, item in enumerate(value or []):
        holder, key = (item, "value") if _is_list_item(item) else (value, index)
        yield (
            block.child_block,
            holder,
            key,
            sources[index] if index < len(sources) else None,
            f"#{index}",
            str(index + 1),
        )


def _join(path: str, step: str, separator: str = "/") -> str:
    return f"{path}{separator}{step}" if path else step


def _is_list_item(item) -> bool:
    # Wagtail stores list items as {"type": "item", "value": …, "id": …};
    # older values are plain lists of the child values.
    return isinstance(item, dict) and item.get("type") == "item" and "value" in item
