"""Offline exchange: export, edit the file as a translation tool would,
import back; conflicts both ways; bad files change nothing."""

import html
import io
import re

from django.core.management import CommandError, call_command

import polib
import pytest
from lxml import etree
from openpyxl import load_workbook
from translate.storage import xliff2

from locales import placeholders
from locales.exchange.export import export_units
from locales.exchange.formats import ExchangeError, Xliff12File, read, write
from locales.exchange.importer import apply_import, plan_import
from locales.models import TranslationRecord
from locales.states import TranslationState, states_for, unit_states
from locales.workflow import record_translation
from tests.factories import PolicyExplainerPageFactory, stream, translator_user

FORMATS = ["xliff", "xliff2", "po", "xlsx"]
NAMES = {"xliff": "rad.xlf", "xliff2": "rad.xlf", "po": "rad.po", "xlsx": "rad.xlsx"}
EDE = {
    "Bảo hiểm y tế hộ gia đình": "Klei mgang kđi asei sang",
    "Giảm 30 % cho người thứ hai.": "Bi hrŏ 30 % kơ pô tal dua.",
    "Ai được tham gia": "Hlei dưi mŭt",
    "Người dân từ đủ 15 tuổi.": "Mnuih mâo 15 thŭn.",
}

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def piece(explainer_index):
    return PolicyExplainerPageFactory(
        parent=explainer_index,
        title_vi="Bảo hiểm y tế hộ gia đình",
        summary_vi="Giảm 30 % cho người thứ hai.",
        body_vi=stream(
            ("heading", {"text": "Ai được tham gia"}),
            ("paragraph", "<p>Người dân từ đủ 15 tuổi.</p>"),
        ),
        body_en=stream(),
    )


def exported(piece, file_format, language="rad") -> bytes:
    return write(export_units([piece], language), file_format)


def translated(data: bytes, file_format: str, texts: dict[str, str]) -> bytes:
    """The file after a translator filled it in with their own tool."""
    if file_format in ("xliff", "xliff2"):
        store_class = Xliff12File if file_format == "xliff" else xliff2.Xliff2File
        store = store_class.parsestring(data)
        for unit in store.units:
            if unit.source in texts:
                unit.target = texts[unit.source]
        return bytes(store)
    if file_format == "po":
        catalog = polib.pofile(data.decode())
        for entry in catalog:
            if entry.msgid in texts:
                entry.msgstr = texts[entry.msgid]
        return str(catalog).encode()
    workbook = load_workbook(io.BytesIO(data))
    for row in workbook["Translations"].iter_rows(min_row=2):
        if row[2].value in texts:
            row[3].value = texts[row[2].value]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def state(piece, field, language="rad"):
    return states_for([piece])[(piece.pk, field, language)].state


@pytest.mark.parametrize("file_format", FORMATS)
def test_export_edit_import_round_trips(piece, file_format):
    data = translated(exported(piece, file_format), file_format, EDE)
    exchange = read(NAMES[file_format], data)
    assert exchange.language == "rad"

    plan = apply_import(exchange)
    assert not plan.errors and not plan.conflicts
    assert len(plan.changes) == 4
    summary = TranslationRecord.objects.get(field="summary", language="rad")
    assert summary.text == "Bi hrŏ 30 % kơ pô tal dua."
    assert state(piece, "body") == TranslationState.NEEDS_REVIEW
    body = TranslationRecord.objects.filter(field="body", language="rad")
    assert set(body.values_list("text", flat=True)) == {
        "Hlei dưi mŭt",
        "Mnuih mâo 15 thŭn.",
    }
    # Imported text waits for a reviewer: the public does not see it yet.
    piece.refresh_from_db()
    assert not piece.summary_rad

    again = read(
        NAMES[file_format], translated(exported(piece, file_format), file_format, {})
    )
    assert [unit.target for unit in again.units] == list(EDE.values())


def test_a_partly_translated_field_shows_its_missing_units(piece):
    data = translated(exported(piece, "po"), "po", {"Ai được tham gia": "Hlei dưi mŭt"})
    apply_import(read("rad.po", data))
    assert state(piece, "body") == TranslationState.MISSING
    assert state(piece, "summary") == TranslationState.MISSING
    states = unit_states(piece, "rad")
    assert sorted(states.values()) == sorted(
        [TranslationState.MISSING] * 3 + [TranslationState.NEEDS_REVIEW]
    )


def test_dry_run_changes_nothing(piece):
    data = translated(exported(piece, "xliff"), "xliff", EDE)
    plan = plan_import(read("rad.xlf", data))
    assert len(plan.changes) == 4
    assert not TranslationRecord.objects.exists()


def test_dry_run_command_lists_changes_and_writes_nothing(piece, tmp_path, capsys):
    path = tmp_path / "rad.po"
    path.write_bytes(translated(exported(piece, "po"), "po", EDE))
    call_command("import_translations", str(path), "--dry-run")
    output = capsys.readouterr().out
    assert "Would change 4 units" in output and "Hlei dưi mŭt" in output
    assert not TranslationRecord.objects.exists()


def test_export_command_writes_the_file(piece, tmp_path):
    path = tmp_path / "rad.xlf"
    call_command(
        "export_translations",
        "--language",
        "rad",
        "--format",
        "xliff",
        "--output",
        str(path),
    )
    exchange = read("rad.xlf", path.read_bytes())
    assert {unit.source for unit in exchange.units} >= set(EDE)


def test_export_command_refuses_an_unknown_language(piece):
    with pytest.raises(CommandError, match="does not translate into “xx”"):
        call_command("export_translations", "--language", "xx", "--format", "po")


def test_source_changed_since_export_is_a_conflict(piece):
    data = translated(exported(piece, "xlsx"), "xlsx", EDE)
    piece.summary_vi = "Giảm 40 % cho người thứ hai."
    piece.save_revision().publish()

    plan = apply_import(read("rad.xlsx", data))
    assert [conflict.key.rsplit(":", 1)[1] for conflict in plan.conflicts] == [
        "summary"
    ]
    assert "source changed" in plan.conflicts[0].reason
    assert not TranslationRecord.objects.filter(field="summary").exists()
    assert TranslationRecord.objects.filter(field="title").exists()


def test_translation_edited_in_loa_since_export_is_a_conflict(piece):
    data = translated(exported(piece, "po"), "po", EDE)
    editor = translator_user("h-hen", "rad")
    record_translation(piece, "title", "rad", editor, text="Klei mgang (Loa)")

    plan = apply_import(read("rad.po", data))
    assert [conflict.key.rsplit(":", 1)[1] for conflict in plan.conflicts] == ["title"]
    assert "changed in Loa" in plan.conflicts[0].reason
    title = TranslationRecord.objects.get(field="title", language="rad")
    assert title.text == "Klei mgang (Loa)" and title.translated_by == editor


def test_one_bad_unit_changes_nothing(piece):
    exchange = read("rad.po", translated(exported(piece, "po"), "po", EDE))
    exchange.units[1].key = "content.policyexplainerpage:999999:summary"
    plan = apply_import(exchange)
    assert plan.errors == [
        "No piece matches the unit “content.policyexplainerpage:999999:summary”."
    ]
    assert not TranslationRecord.objects.exists()


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("nonsense", "is not a unit id"),
        ("content.policyexplainerpage:x:title", "is not a number"),
        ("auth.user:1:username", "No piece matches"),
    ],
)
def test_unknown_ids_are_clear_errors(piece, key, message):
    exchange = read("rad.po", translated(exported(piece, "po"), "po", EDE))
    exchange.units[0].key = key
    plan = plan_import(exchange)
    assert any(message in error for error in plan.errors)


def test_an_unknown_field_is_an_error(piece):
    exchange = read("rad.po", translated(exported(piece, "po"), "po", EDE))
    exchange.units[0].key = f"content.policyexplainerpage:{piece.pk}:slug"
    assert "has no translated field “slug”" in plan_import(exchange).errors[0]


def test_a_lost_check_value_is_an_error(piece):
    exchange = read("rad.po", translated(exported(piece, "po"), "po", EDE))
    exchange.units[0].check = ""
    assert "lost its check value" in plan_import(exchange).errors[0]


def test_wrong_language_is_refused(piece):
    data = translated(exported(piece, "xliff", language="jra"), "xliff", EDE)
    exchange = read("jra.xlf", data)
    assert plan_import(exchange, expected_language="rad").errors == [
        "The file is in Jarai, not Ede."
    ]
    exchange.language = "vi"
    assert "source language" in plan_import(exchange).errors[0]
    exchange.language = "fr"
    assert "does not translate into “fr”" in plan_import(exchange).errors[0]


def test_a_translator_cannot_import_another_language(piece):
    ede = translator_user("h-nie", "rad")
    data = translated(exported(piece, "po", language="jra"), "po", EDE)
    plan = apply_import(read("jra.po", data), user=ede)
    assert plan.errors and not TranslationRecord.objects.exists()


def test_qa_warnings_come_with_the_plan(piece):
    texts = {**EDE, "Giảm 30 % cho người thứ hai.": "Bi hrŏ kơ pô tal dua."}
    plan = plan_import(read("rad.po", translated(exported(piece, "po"), "po", texts)))
    summary = next(change for change in plan.changes if change.key.endswith("summary"))
    assert [warning.check for warning in summary.warnings] == ["numbers"]


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="x" source-language="vi" target-language="rad" datatype="plaintext">
<body><trans-unit id="a:1:title"><source>x</source><target>&secret;</target>
</trans-unit></body></file></xliff>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="x" source-language="vi" target-language="rad" datatype="plaintext">
<body><trans-unit id="a:1:title"><source>x</source><target>&lol3;</target></trans-unit>
</body></file></xliff>"""


@pytest.mark.parametrize("data", [XXE, BILLION_LAUGHS], ids=["xxe", "billion-laughs"])
def test_xml_entity_tricks_are_refused(data, tmp_path):
    with pytest.raises(ExchangeError, match="DTD or XML entities"):
        read("evil.xlf", data)
    path = tmp_path / "evil.xlf"
    path.write_bytes(data)
    with pytest.raises(CommandError, match="DTD or XML entities"):
        call_command("import_translations", str(path))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.xlf", b"<xliff><file>", "not well-formed XML"),
        ("a.xlf", b"<html><body>hi</body></html>", "not an XLIFF file"),
        ("a.po", b'msgid "x"\nmsgstr "y"\n\ngarbage line\n', "line 4"),
        ("a.po", b"\xff\xfe\x00", "not UTF-8"),
        ("a.xlsx", b"PK\x03\x04 broken", "not a spreadsheet"),
        ("a.docx", b"just words", "not an XLIFF, PO or XLSX file"),
    ],
)
def test_malformed_files_get_clear_errors(name, data, message):
    with pytest.raises(ExchangeError, match=message):
        read(name, data)


def test_a_po_file_naming_a_server_file_is_not_read_from_disk(tmp_path):
    secret = tmp_path / "secret.po"
    secret.write_text('msgid ""\nmsgstr ""\n"Language: rad\\n"\n')
    with pytest.raises(ExchangeError, match="line 1"):
        read("a.po", str(secret).encode())


def test_a_spreadsheet_without_its_columns_is_refused(piece):
    workbook = load_workbook(io.BytesIO(exported(piece, "xlsx")))
    workbook["Translations"].delete_cols(6)
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ExchangeError, match="lacks the columns: check"):
        read("rad.xlsx", buffer.getvalue())


RICH_SOURCE = "Giảm {1}30 %{/1} cho người thứ hai.{2/}Xem {3}VssID{/3}."
RICH_TARGET = "Bi hrŏ {1}30 %{/1} kơ pô tal dua.{2/}Dlăng {3}VssID{/3}."
XLIFF_CODES = {"xliff": ("g", "x"), "xliff2": ("pc", "ph")}


@pytest.fixture
def rich_piece(explainer_index):
    return PolicyExplainerPageFactory(
        parent=explainer_index,
        title_vi="Bảo hiểm y tế hộ gia đình",
        summary_vi=RICH_SOURCE,
        body_vi=stream(),
        body_en=stream(),
    )


def as_codes(text: str, file_format: str) -> str:
    """`text` with its placeholders as the format's inline codes."""
    paired, standalone = XLIFF_CODES[file_format]
    markup = html.escape(text, quote=False)
    markup = re.sub(r"\{(\d+)/\}", rf'<{standalone} id="\1"/>', markup)
    markup = re.sub(r"\{/\d+\}", f"</{paired}>", markup)
    return re.sub(r"\{(\d+)\}", rf'<{paired} id="\1">', markup)


def translated_keeping_codes(data: bytes, file_format: str, texts) -> bytes:
    """The file after a translator filled it in with a tool that shows inline
    codes as codes and writes them back into the translation."""
    if file_format not in XLIFF_CODES:
        return translated(data, file_format, texts)
    root = etree.fromstring(data)
    namespace = root.nsmap[None]
    by_text = {placeholders.strip(source): target for source, target in texts.items()}
    for source in root.iter(f"{{{namespace}}}source"):
        text = by_text.get("".join(source.itertext()))
        if text is None:
            continue
        old_target = source.getparent().find(f"{{{namespace}}}target")
        if old_target is not None:
            source.getparent().remove(old_target)
        source.addnext(
            etree.fromstring(
                f'<target xmlns="{namespace}">{as_codes(text, file_format)}</target>'
            )
        )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@pytest.mark.parametrize("file_format", FORMATS)
def test_placeholders_survive_the_round_trip(rich_piece, file_format):
    data = exported(rich_piece, file_format)
    data = translated_keeping_codes(data, file_format, {RICH_SOURCE: RICH_TARGET})
    plan = apply_import(read(NAMES[file_format], data))
    assert not plan.errors and not plan.conflicts and len(plan.changes) == 1
    summary = TranslationRecord.objects.get(field="summary", language="rad")
    assert summary.text == RICH_TARGET


@pytest.mark.parametrize(
    ("file_format", "target", "problem"),
    [
        (
            "po",
            "Bi hrŏ {1}30 %{/1} kơ pô tal dua. Dlăng {3}VssID{/3}.",
            "Placeholder {2/} is missing.",
        ),
        (
            "xlsx",
            "Bi hrŏ {1}30 %{/1} kơ {1}pô{/1} tal dua.{2/}Dlăng {3}VssID{/3}.",
            "Placeholder {1} appears 2 times; keep it once. "
            "Placeholder {/1} appears 2 times; keep it once.",
        ),
        (
            "xliff",
            "Bi hrŏ {1}30 %{/1} kơ pô tal dua.{2/}Dlăng {3}VssID{/3}.{4/}",
            "Placeholder 4 is not in the source.",
        ),
        (
            "xliff2",
            "Bi hrŏ 30 % kơ pô tal dua.{2/}Dlăng {3}VssID{/3}.",
            "Placeholder {1} is missing. Placeholder {/1} is missing.",
        ),
    ],
)
def test_a_translation_that_breaks_a_placeholder_refuses_the_import(
    rich_piece, file_format, target, problem
):
    texts = {"Bảo hiểm y tế hộ gia đình": "Klei mgang kđi asei sang"}
    data = exported(rich_piece, file_format)
    data = translated_keeping_codes(data, file_format, {**texts, RICH_SOURCE: target})
    plan = apply_import(read(NAMES[file_format], data))
    key = f"content.policyexplainerpage:{rich_piece.pk}:summary"
    assert plan.errors == [f"{rich_piece} · summary (unit “{key}”): {problem}"]
    assert not TranslationRecord.objects.exists()
