"""Rich text as segments: each paragraph, heading or list item its own unit.

A segment's text is what a reader sees, with the inline markup of the source
(bold, italic, links, line breaks) as numbered placeholders (see
`locales.placeholders`). Segments are found by position, the n-th text block
of the value (`#0`, `#1`…): what Wagtail's editor adds without meaning
(`data-block-key` attributes, white space HTML ignores) changes neither a
segment's place nor its text. A translation is written back into the
source's own structure, so paragraphs, headings and lists cannot be lost and
the markup is the source's, never typed by a translator.
"""

from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

from locales.normalize import nfc
from locales.placeholders import Placeholder, parse
from locales.placeholders import strip as strip_placeholders

TEXT_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "li"}
LISTS = {"ul", "ol"}
VOID = {"br", "hr", "img", "embed", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: list[tuple[str, str | None]] = field(default_factory=list)
    children: list = field(default_factory=list)

    def start_tag(self) -> str:
        attributes = "".join(
            f' {name}="{escape(value or "", quote=True)}"' for name, value in self.attrs
        )
        return f"<{self.tag}{attributes}{'/' if self.tag in VOID else ''}>"


@dataclass(frozen=True)
class Segment:
    path: str
    tag: str
    text: str


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs)
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, attrs))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def _text_blocks(root: Node) -> list[Node]:
    """The text blocks of a value in reading order: top-level paragraphs and
    headings, and the items of top-level lists."""
    found = []
    for child in root.children:
        if not isinstance(child, Node):
            continue
        if child.tag in LISTS:
            found += [
                item
                for item in child.children
                if isinstance(item, Node) and item.tag == "li"
            ]
        elif child.tag in TEXT_BLOCKS:
            found.append(child)
    return found


def squeeze(text: str) -> str:
    """Text as HTML shows it: NFC, runs of white space as one space."""
    return " ".join(nfc(text).split())


def segments(html: str, source: str | None = None) -> list[Segment]:
    """The text blocks with words of a rich-text value, with placeholders.

    A translation is read with its `source`: each of its inline elements
    takes the number of the source's element with the same tag and
    attributes, so a link moved before the bold text keeps its number and
    reads back as the translator wrote it."""
    blocks = _text_blocks(parse_html(html or ""))
    references = _text_blocks(parse_html(source)) if source is not None else []
    found = []
    for index, block in enumerate(blocks):
        reference = references[index] if index < len(references) else None
        numbers = _numbers(block, reference)
        text = squeeze(_with_placeholders(block, numbers))
        if strip_placeholders(text).strip():
            found.append(Segment(f"#{index}", block.tag, text))
    return found


def _numbers(block: "Node", reference: "Node | None") -> dict[int, int]:
    """{id(element): placeholder number} for the inline elements of `block`:
    in order of appearance, or matched to those of `reference`."""
    elements: dict[int, Node] = {}
    _elements(block, elements, [0])
    if reference is None:
        return {id(node): number for number, node in elements.items()}
    wanted: dict[int, Node] = {}
    _elements(reference, wanted, [0])
    numbers = {}
    spare = len(wanted)
    for node in elements.values():
        match = next(
            (
                number
                for number, candidate in wanted.items()
                if candidate.tag == node.tag and candidate.attrs == node.attrs
            ),
            None,
        )
        if match is None:
            spare += 1
            match = spare
        else:
            del wanted[match]
        numbers[id(node)] = match
    return numbers


def _with_placeholders(node: Node, numbers: dict[int, int]) -> str:
    parts = []
    for child in node.children:
        if isinstance(child, str):
            parts.append(child)
            continue
        number = numbers[id(child)]
        if child.tag in VOID:
            parts.append(str(Placeholder("empty", number)))
        else:
            inner = _with_placeholders(child, numbers)
            parts.append(f"{{{number}}}{inner}{{/{number}}}")
    return "".join(parts)


def _elements(node: Node, found: dict[int, Node], counter: list[int]) -> None:
    for child in node.children:
        if isinstance(child, Node):
            counter[0] += 1
            found[counter[0]] = child
            if child.tag not in VOID:
                _elements(child, found, counter)


def rebuild(html: str, texts: dict[str, str], languages=None) -> str:
    """The source `html` with the text of each segment replaced by
    `texts[path]` (placeholders become the source's own inline elements);
    a segment with no entry in `texts` keeps its source text. A segment
    in `languages` ({path: code}) is marked as written in that language."""
    root = parse_html(html or "")
    for index, block in enumerate(_text_blocks(root)):
        text = texts.get(f"#{index}")
        if text is None:
            continue
        language = (languages or {}).get(f"#{index}")
        if language:
            block.attrs = [
                (name, value) for name, value in block.attrs if name != "lang"
            ] + [("lang", language)]
        elements: dict[int, Node] = {}
        _elements(block, elements, [0])
        block.children = _from_placeholders(text, elements)
    return "".join(_serialise(child) for child in root.children)


def _from_placeholders(text: str, elements: dict[int, Node]) -> list:
    """Nodes for `text`: each placeholder becomes a copy of the source's
    element with that number. Placeholders the source does not have, or that
    do not nest, are dropped (the checks refuse such text before it gets
    here)."""
    root = Node("")
    stack = [root]
    for part in parse(text):
        if isinstance(part, str):
            stack[-1].children.append(part)
            continue
        element = elements.get(part.id)
        if element is None:
            continue
        if part.kind == "empty" and element.tag in VOID:
            stack[-1].children.append(Node(element.tag, element.attrs))
        elif part.kind == "open" and element.tag not in VOID:
            node = Node(element.tag, element.attrs)
            stack[-1].children.append(node)
            stack.append(node)
        elif part.kind == "close" and len(stack) > 1 and stack[-1].tag == element.tag:
            stack.pop()
    return root.children


def _serialise(node) -> str:
    if isinstance(node, str):
        return escape(node, quote=False)
    if node.tag in VOID:
        return node.start_tag()
    inner = "".join(_serialise(child) for child in node.children)
    return f"{node.start_tag()}{inner}</{node.tag}>"
