"""Units of lists nested in structs nested in streams: read from a value the
editor saved, written back into a copy of the source, and read again from
a translation typed afresh into the editor (new block and item ids)."""

import copy
import json

from wagtail import blocks
from wagtail.test.utils.form_data import nested_form_data

from locales.units import leaves, stream_with_texts
from tests.page_forms import stream_form_data


class FigureBlock(blocks.StructBlock):
    """One figure of a fact sheet."""

    value = blocks.CharBlock(label="value")
    label = blocks.CharBlock(label="what it counts")


class FactSheetBlock(blocks.StructBlock):
    """A heading, its figures and plain remarks: two lists inside a struct."""

    heading = blocks.CharBlock(label="heading")
    figures = blocks.ListBlock(FigureBlock(), label="figures")
    remarks = blocks.ListBlock(blocks.RichTextBlock(), label="remarks")
    seconds = blocks.IntegerBlock(label="seconds", required=False)


class SheetStreamBlock(blocks.StreamBlock):
    """A stream of fact sheets."""

    fact_sheet = FactSheetBlock(label="Fact sheet")


BLOCK = SheetStreamBlock()

# As first stored: lists in the older plain form, blocks without ids.
SHEET = [
    {
        "type": "fact_sheet",
        "value": {
            "heading": "Bảo hiểm y tế",
            "figures": [
                {"value": "91,9 %", "label": "Dân số có thẻ BHYT"},
                {"value": "41.724", "label": "Người tham gia tự nguyện"},
            ],
            "remarks": ["<p>Đóng tại bưu điện xã.</p>"],
            "seconds": 30,
        },
    },
    {
        "type": "fact_sheet",
        "value": {
            "heading": "Bảo hiểm xã hội",
            "figures": [{"value": "54,5 %", "label": "Kế hoạch năm"}],
            "remarks": [],
            "seconds": None,
        },
    },
]
EDE = {
    "Bảo hiểm y tế": "Klei mgang kđi asei",
    "91,9 %": "91,9 %",
    "Dân số có thẻ BHYT": "Mnuih mâo hră BHYT",
    "41.724": "41.724",
    "Người tham gia tự nguyện": "Mnuih mŭt hŏng ai tiê",
    "Đóng tại bưu điện xã.": "Bi mnga ti sang pŏk hră.",
    "Bảo hiểm xã hội": "Klei mgang mnuih ala",
    "54,5 %": "54,5 %",
    "Kế hoạch năm": "Klei mkră thŭn",
}


def saved_by_editor(raw):
    """`raw` posted through the stream's editor form and stored as Wagtail
    stores it: every block and list item with an id, rich text with keys."""
    data = nested_form_data({"body": stream_form_data(BLOCK, raw)})
    value = BLOCK.clean(BLOCK.value_from_datadict(data, {}, "body"))
    return json.loads(json.dumps(BLOCK.get_prep_value(value)))


def in_ede(raw):
    """`raw` with its texts translated, as a translator would type them."""
    if isinstance(raw, list):
        return [in_ede(item) for item in raw]
    if isinstance(raw, dict):
        return {key: in_ede(item) for key, item in raw.items()}
    if isinstance(raw, str):
        for vietnamese, ede in EDE.items():
            raw = raw.replace(vietnamese, ede)
    return raw


def test_nested_lists_round_trip_from_extraction_to_write_back():
    source = saved_by_editor(SHEET)
    units = leaves(BLOCK, source)
    first = source[0]["id"]
    assert [(unit.path, unit.label, unit.text) for unit in units[:4]] == [
        (f"{first}/heading", "Fact sheet 1 › heading", "Bảo hiểm y tế"),
        (f"{first}/figures/#0/value", "Fact sheet 1 › figures › 1 › value", "91,9 %"),
        (
            f"{first}/figures/#0/label",
            "Fact sheet 1 › figures › 1 › what it counts",
            "Dân số có thẻ BHYT",
        ),
        (f"{first}/figures/#1/value", "Fact sheet 1 › figures › 2 › value", "41.724"),
    ]
    assert [unit.text for unit in units[4:]] == [
        "Người tham gia tự nguyện",
        "Đóng tại bưu điện xã.",
        "Bảo hiểm xã hội",
        "54,5 %",
        "Kế hoạch năm",
    ]
    assert units[5].path == f"{first}/remarks/#0/#0" and units[5].rich

    texts = {unit.path: EDE[unit.text] for unit in units}
    written = stream_with_texts(BLOCK, copy.deepcopy(source), texts)

    assert [
        (unit.path, unit.text) for unit in leaves(BLOCK, written, source=source)
    ] == [(unit.path, EDE[unit.text]) for unit in units]
    # Only the texts change: block and item ids and numbers stay the source's.
    assert written[0]["id"] == first
    assert [item["id"] for item in written[0]["value"]["figures"]] == [
        item["id"] for item in source[0]["value"]["figures"]
    ]
    assert written[0]["value"]["seconds"] == 30
    assert written == saved_by_editor(written)


def test_a_translation_typed_into_the_editor_meets_its_source_units():
    source = saved_by_editor(SHEET)
    typed = saved_by_editor(in_ede(SHEET))
    assert typed[0]["id"] != source[0]["id"]

    assert [(unit.path, unit.text) for unit in leaves(BLOCK, typed, source=source)] == [
        (unit.path, EDE[unit.text]) for unit in leaves(BLOCK, source)
    ]


def test_a_text_left_out_of_the_translations_is_emptied():
    source = saved_by_editor(SHEET)
    units = leaves(BLOCK, source)
    texts = {unit.path: EDE[unit.text] for unit in units[1:]}

    written = stream_with_texts(BLOCK, copy.deepcopy(source), texts)

    assert written[0]["value"]["heading"] == ""
    assert written[1]["value"]["heading"] == "Klei mgang mnuih ala"
