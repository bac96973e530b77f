"""Exchange files as other tools see them: PO files checked by msgfmt, XLIFF
checked against the OASIS schemas, inline codes as codes."""

import io
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from lxml import etree
from openpyxl import load_workbook
from translate.storage import xliff2
from translate.storage.placeables import StringElem
from translate.tools import pocount

import locales.exchange
from locales.exchange.formats import (
    ExchangeError,
    ExchangeFile,
    ExchangeUnit,
    Xliff12File,
    read,
    write,
)

pytestmark = pytest.mark.usefixtures("english")

TITLE = "content.policyexplainerpage:12:title"
XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
NAMES = {"xliff": "rad.xlf", "xliff2": "rad.xlf", "po": "rad.po", "xlsx": "rad.xlsx"}


def exchange_file(*units: ExchangeUnit) -> ExchangeFile:
    return ExchangeFile("vi", "rad", list(units))


def unit(key=TITLE, source="Bảo hiểm y tế", target="", **extra) -> ExchangeUnit:
    return ExchangeUnit(key, source, target, check="s:1;t:2", **extra)


def msgfmt(data: bytes) -> subprocess.CompletedProcess:
    return subprocess.run(
        [shutil.which("msgfmt"), "--check-format", "--check-header", "-o", "-", "-"],
        input=data,
        capture_output=True,
        env={"LC_ALL": "C"},
        check=False,
    )


def test_an_exported_po_file_passes_msgfmt_without_a_warning():
    data = write(exchange_file(unit(), unit(f"{TITLE}x", "Giảm 30 %")), "po")
    checked = msgfmt(data)
    assert checked.returncode == 0 and checked.stderr == b""


def test_a_po_file_cut_off_mid_entry_is_refused_with_its_line():
    data = write(
        exchange_file(
            unit(target="Klei mgang"), unit(f"{TITLE}x", "Giảm 30 %", "Bi hrŏ 30 %")
        ),
        "po",
    )
    cut = data[: data.rindex(b"30 %")]
    line = cut.count(b"\n") + 1
    with pytest.raises(ExchangeError) as refused:
        read("rad.po", cut)
    assert str(refused.value).startswith(f"The PO file is damaged at line {line}: ")
    assert "end-of-file within string" in str(refused.value)


def test_a_po_entry_without_its_msgstr_is_refused():
    data = write(exchange_file(unit(target="Klei mgang")), "po")
    cut = data[: data.rindex(b"msgstr")]
    with pytest.raises(ExchangeError, match="The PO file is damaged at line"):
        read("rad.po", cut)


def test_without_msgfmt_po_files_are_refused_not_trusted(monkeypatch, tmp_path):
    data = write(exchange_file(unit(target="Klei mgang")), "po")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ExchangeError, match="msgfmt"):
        read("rad.po", data)


SCHEMAS = Path(locales.exchange.__file__).parent / "schemas"
KEYS = [
    "content.policyexplainerpage:12:title",
    "content.policyexplainerpage:12:body:4f1c-9a/items/#0",
    "content.policyexplainerpage:12:body:4f1c_9a/items/_0",
]


class LocalSchemas(etree.Resolver):
    """The schemas' import of the W3C's xml.xsd, from the copy beside them."""

    def resolve(self, url, pubid, context):
        if url == "http://www.w3.org/2001/xml.xsd":
            return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context)
        return None


def schema(name: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(LocalSchemas())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name), parser))


def assert_valid(data: bytes, schema_name: str) -> None:
    checker = schema(schema_name)
    valid = checker.validate(etree.fromstring(data))
    assert valid, [str(error) for error in checker.error_log]


def test_xliff2_export_is_valid_against_the_oasis_schema():
    units = [
        unit(key, "Bảo hiểm", "Klei" * (index % 2)) for index, key in enumerate(KEYS)
    ]
    units[0].context = "Bảo hiểm y tế · Title"
    units[0].glossary = ["bảo hiểm → klei mgang"]
    assert_valid(write(exchange_file(*units), "xliff2"), "xliff_core_2.0.xsd")


def test_xliff12_export_is_valid_against_the_oasis_schema():
    units = [
        unit(key, "Bảo hiểm", "Klei" * (index % 2)) for index, key in enumerate(KEYS)
    ]
    units[0].context = "Bảo hiểm y tế · Title"
    assert_valid(write(exchange_file(*units), "xliff"), "xliff-core-1.2-strict.xsd")


def test_xliff2_unit_ids_are_safe_and_the_keys_come_back():
    data = write(exchange_file(*[unit(key) for key in KEYS]), "xliff2")
    ids = [node.get("id") for node in etree.fromstring(data).iter(f"{{{XLIFF2}}}unit")]
    assert len(set(ids)) == len(KEYS)
    assert all(re.fullmatch(r"[\w.-]+", unit_id) for unit_id in ids)
    assert [unit.key for unit in read("rad.xlf", data).units] == KEYS


def test_translate_toolkit_opens_the_xliff2_export():
    data = write(exchange_file(unit(target="Klei mgang")), "xliff2")
    store = xliff2.Xliff2File.parsestring(data)
    [entry] = store.units
    assert (entry.source, entry.target) == ("Bảo hiểm y tế", "Klei mgang")


LEGACY_XLIFF2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="vi" \
trgLang="rad">
  <file id="f1">
    <unit id="content.policyexplainerpage:12:body:4f1c/items/#0">
      <segment xml:space="preserve"><source>Ai được tham gia</source>
        <target>Hlei dưi mŭt</target>
        <notes>
          <note category="context">Bảo hiểm y tế · Body</note>
          <note category="loa-check">s:1;t:2</note>
        </notes>
      </segment>
    </unit>
  </file>
</xliff>
""".encode()


def test_xliff2_files_exported_before_still_import():
    [legacy] = read("rad.xlf", LEGACY_XLIFF2).units
    assert legacy == ExchangeUnit(
        "content.policyexplainerpage:12:body:4f1c/items/#0",
        "Ai được tham gia",
        "Hlei dưi mŭt",
        "s:1;t:2",
    )


RICH_SOURCE = "Đóng {1}30 %{/1} mức lương cơ sở.{2/}Xem {3}VssID{/3}."
RICH_TARGET = "Bi mtam {1}30 %{/1} prăk.{2/}Dlăng {3}VssID{/3}."
CODES = {
    "xliff": '<g id="1">30 %</g> mức lương cơ sở.<x id="2"/>Xem <g id="3">VssID</g>.',
    "xliff2": (
        '<pc id="1">30 %</pc> mức lương cơ sở.<ph id="2"/>Xem <pc id="3">VssID</pc>.'
    ),
}


@pytest.mark.parametrize("file_format", ["xliff", "xliff2"])
def test_placeholders_go_out_as_inline_codes(file_format):
    data = write(
        exchange_file(unit(source=RICH_SOURCE, target=RICH_TARGET)), file_format
    )
    assert CODES[file_format].encode() in data
    assert b"{1}" not in data and b"{2/}" not in data
    schema_name = {"xliff": "xliff-core-1.2-strict.xsd", "xliff2": "xliff_core_2.0.xsd"}
    assert_valid(data, schema_name[file_format])


@pytest.mark.parametrize("file_format", ["xliff", "xliff2"])
def test_translate_toolkit_sees_the_inline_codes_as_codes(file_format):
    data = write(
        exchange_file(unit(source=RICH_SOURCE, target=RICH_TARGET)), file_format
    )
    store_class = Xliff12File if file_format == "xliff" else xliff2.Xliff2File
    [entry] = store_class.parsestring(data).units
    codes = [part for part in entry.rich_source[0].sub if type(part) is not StringElem]
    assert [(type(code).__name__, code.id) for code in codes] == {
        "xliff": [("G", "1"), ("X", "2"), ("G", "3")],
        # translate-toolkit has no classes for XLIFF 2.0 codes, but keeps
        # them as codes, not text.
        "xliff2": [("UnknownXML", "1"), ("UnknownXML", "2"), ("UnknownXML", "3")],
    }[file_format]
    assert entry.source == "Đóng 30 % mức lương cơ sở.Xem VssID."


def test_pocount_counts_words_not_codes(tmp_path):
    path = tmp_path / "rad.xlf"
    path.write_bytes(write(exchange_file(unit(source=RICH_SOURCE)), "xliff"))
    assert pocount.calcstats(str(path))["totalsourcewords"] == 8


@pytest.mark.parametrize("file_format", ["xliff", "xliff2", "po", "xlsx"])
def test_placeholders_come_back_as_they_went(file_format):
    units = [unit(source=RICH_SOURCE, target=RICH_TARGET), unit(f"{TITLE}x")]
    # A translation kept in Loa with a broken placeholder goes out as text.
    units[1].target = "Klei {1}mgang"
    [rich, broken] = read(
        NAMES[file_format], write(exchange_file(*units), file_format)
    ).units
    assert (rich.source, rich.target) == (RICH_SOURCE, RICH_TARGET)
    assert broken.target == "Klei {1}mgang"


def test_po_files_carry_the_placeholders_as_text_with_a_note():
    data = write(exchange_file(unit(source=RICH_SOURCE), unit(f"{TITLE}x")), "po")
    [rich, plain] = polib.pofile(data.decode())
    assert rich.msgid == RICH_SOURCE
    assert "Keep the placeholders {1} {/1} {2/} {3} {/3}" in rich.comment
    assert "placeholders" not in plain.comment


def test_spreadsheets_carry_the_placeholders_as_text_with_a_note():
    data = write(exchange_file(unit(source=RICH_SOURCE, context="Body")), "xlsx")
    row = next(
        load_workbook(io.BytesIO(data))["Translations"].iter_rows(
            min_row=2, values_only=True
        )
    )
    assert row[2] == RICH_SOURCE
    assert row[1].startswith("Body\nKeep the placeholders {1} {/1} {2/} {3} {/3}")
