"""Exchange files for translators who work offline: XLIFF 1.2 and 2.0, PO and
XLSX, written and read with maintained libraries (translate-toolkit, polib,
openpyxl). An uploaded PO file is checked by GNU msgfmt before polib reads
it.

Every format carries, per unit, its id, the source, the translation, notes
for the translator (where the text sits, glossary terms) and a check value
that records the source and translation as they were at export, so an
import can tell what changed on either side since.

Inline markup travels as numbered placeholders (`locales.placeholders`):
XLIFF files carry them as inline codes (`<g>`/`<x/>` in 1.2, `<pc>`/`<ph/>`
in 2.0), which translation tools protect; PO files and spreadsheets carry
the `{1}`…`{/1}` tokens as text, with a note to keep them.
"""

import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

import polib
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring
from lxml import etree
from openpyxl import Workbook, load_workbook
from translate.misc.xml_helpers import reindent
from translate.storage import xliff

from locales import placeholders
from locales.spreadsheets import append_row

FORMATS = {
    "xliff": ("xlf", "application/x-xliff+xml"),
    "xliff2": ("xlf", "application/x-xliff+xml"),
    "po": ("po", "text/x-gettext-translation"),
    "xlsx": (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}
CHECK_NOTE = "loa-check"
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MSGFMT_SECONDS = 20
# msgfmt reports `<stdin>:LINE: problem` or `<stdin>:LINE:COLUMN: problem`.
MSGFMT_PROBLEM = re.compile(r"^<stdin>:(\d+):(?:\d+:)? (.*)$")
XLSX_COLUMNS = ["id", "context", "source", "translation", "glossary", "check"]


class ExchangeError(ValueError):
    """A file that cannot be read, with what is wrong in words a translator
    understands."""


@dataclass
class ExchangeUnit:
    key: str
    source: str
    target: str
    check: str = ""
    context: str = ""
    glossary: list[str] = field(default_factory=list)


@dataclass
class ExchangeFile:
    source_language: str
    language: str
    units: list[ExchangeUnit]


# XLIFF 1.2: translate-toolkit writes 1.1 unless told the namespace.
XLIFF12_NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"


class Xliff12Unit(xliff.xliffunit):
    namespace = XLIFF12_NAMESPACE


class Xliff12File(xliff.xlifffile):
    UnitClass = Xliff12Unit
    XMLskeleton = xliff.xlifffile.XMLskeleton.replace("1.1", "1.2")
    namespace = XLIFF12_NAMESPACE


XLIFF2_NAMESPACE = "urn:oasis:names:tc:xliff:document:2.0"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def write(exchange: ExchangeFile, file_format: str) -> bytes:
    """`exchange` as a file in `file_format`, one of `FORMATS`."""
    writers = {
        "xliff": lambda: _write_xliff(exchange),
        "xliff2": lambda: _write_xliff2(exchange),
        "po": lambda: _write_po(exchange),
        "xlsx": lambda: _write_xlsx(exchange),
    }
    return writers[file_format]()


def read(filename: str, data: bytes) -> ExchangeFile:
    """Read an exchange file, recognised by its content and name."""
    name = filename.lower()
    if data.startswith(b"PK"):
        exchange = _read_xlsx(data)
    elif name.endswith((".xlf", ".xliff")) or data.lstrip().startswith(b"<"):
        exchange = _read_xliff(data)
    elif name.endswith((".po", ".pot")):
        exchange = _read_po(data)
    else:
        raise ExchangeError(
            _("“%(name)s” is not an XLIFF, PO or XLSX file.") % {"name": filename}
        )
    _refuse_null_characters(exchange)
    return exchange


def _refuse_null_characters(exchange: ExchangeFile) -> None:
    """Refuse a file whose text holds a null character: no text in Loa may
    hold one (PostgreSQL refuses it). XML cannot carry one; a PO file can."""
    if "\x00" in f"{exchange.language}{exchange.source_language}":
        raise ExchangeError(_("The file's language holds a null character."))
    for unit in exchange.units:
        texts = [unit.key, unit.source, unit.target, unit.check, unit.context]
        if any("\x00" in (text or "") for text in texts + unit.glossary):
            raise ExchangeError(
                _(
                    "The unit “%(key)s” holds a null character, which text "
                    "cannot contain: remove it and import the file again."
                )
                % {"key": unit.key.replace("\x00", "\u2400")}
            )


def _notes(unit: ExchangeUnit) -> list[tuple[str, str]]:
    """(category, text) of the notes a unit carries to the translator."""
    notes = [("context", unit.context)] if unit.context else []
    notes += [("glossary", term) for term in unit.glossary]
    return [*notes, (CHECK_NOTE, unit.check)]


def _write_xliff(exchange: ExchangeFile) -> bytes:
    store = Xliff12File(sourcelanguage=exchange.source_language)
    store.settargetlanguage(exchange.language)
    for unit in exchange.units:
        entry = store.addsourceunit(unit.source)
        entry.setid(unit.key)
        entry.target = unit.target
        _put_codes(entry.source_dom, unit.source, "g", "x")
        _put_codes(entry.get_target_dom(), unit.target, "g", "x")
        for category, text in _notes(unit):
            entry.addnote(text, origin=category)
    return bytes(store)


def _write_xliff2(exchange: ExchangeFile) -> bytes:
    # Written by hand: translate-toolkit puts notes and xml:space inside
    # <segment>, where the XLIFF 2.0 schema allows neither.
    def element(parent, tag: str, attributes=None) -> etree._Element:
        return etree.SubElement(parent, _xliff2(tag), attributes)

    root = etree.Element(
        _xliff2("xliff"),
        {
            "version": "2.0",
            "srcLang": exchange.source_language,
            "trgLang": exchange.language,
        },
        nsmap={None: XLIFF2_NAMESPACE},
    )
    # One unit, one segment: the check value covers the unit's whole text.
    body = element(root, "file", {"id": "f1", "canResegment": "no"})
    taken_ids = set()
    for unit in exchange.units:
        # Keys hold ":", "/" and "#", which ids (NMTOKENs) may not: the key
        # travels in the unit's name, which is free text.
        node = element(
            body, "unit", {"id": _unit_id(unit.key, taken_ids), "name": unit.key}
        )
        node.set(XML_SPACE, "preserve")
        notes = element(node, "notes")
        for category, text in _notes(unit):
            element(notes, "note", {"category": category}).text = text
        segment = element(node, "segment")
        _put_codes(element(segment, "source"), unit.source, "pc", "ph")
        if unit.target:
            _put_codes(element(segment, "target"), unit.target, "pc", "ph")
    # Indented as translate-toolkit indents XLIFF: never inside a text.
    reindent(
        root,
        max_level=8,
        leaves={"note", "source", "target"},
        ignore_preserve={"unit"},
        toplevel=False,
    )
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True)


def _unit_id(key: str, taken: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9._-]", "_", key) or "unit"
    unit_id, number = base, 1
    while unit_id in taken:
        number += 1
        unit_id = f"{base}_{number}"
    taken.add(unit_id)
    return unit_id


def _read_xliff(data: bytes) -> ExchangeFile:
    _refuse_unsafe_xml(data)
    root = defused_fromstring(data)
    if root.get("version", "").startswith("2."):
        return _read_xliff2(root)
    try:
        store = Xliff12File.parsestring(data)
    except (ValueError, AssertionError, StopIteration) as error:
        raise ExchangeError(_("This is not an XLIFF file Loa can read.")) from error
    units = [
        ExchangeUnit(
            key=entry.getid().rpartition(xliff.ID_SEPARATOR)[2],
            source=_read_codes(entry.source_dom),
            target=_read_codes(entry.get_target_dom()),
            check=entry.getnotes(CHECK_NOTE).strip(),
        )
        for entry in store.units
        if not entry.isheader()
    ]
    return ExchangeFile(
        store.getsourcelanguage() or "", store.gettargetlanguage() or "", units
    )


def _read_xliff2(root) -> ExchangeFile:
    if root.tag != _xliff2("xliff"):
        raise ExchangeError(_("This is not an XLIFF file Loa can read."))
    units = []
    for node in root.iter(_xliff2("unit")):
        parts = [
            part
            for part in node
            if part.tag in (_xliff2("segment"), _xliff2("ignorable"))
        ]
        checks = [
            note.text or ""
            for note in node.iter(_xliff2("note"))
            if note.get("category") == CHECK_NOTE
        ]
        units.append(
            ExchangeUnit(
                # Files exported before units had names used the key as id.
                key=node.get("name") or node.get("id", ""),
                source="".join(
                    _read_codes(part.find(_xliff2("source"))) for part in parts
                ),
                target="".join(
                    _read_codes(part.find(_xliff2("target"))) for part in parts
                ),
                check="".join(checks).strip(),
            )
        )
    return ExchangeFile(root.get("srcLang", ""), root.get("trgLang", ""), units)


def _xliff2(tag: str) -> str:
    return f"{{{XLIFF2_NAMESPACE}}}{tag}"


def _put_codes(element, text: str, paired: str, standalone: str) -> None:
    """Fill `element` with `text`, its placeholders as inline codes: `paired`
    elements around what `{n}`…`{/n}` enclose, `standalone` ones for `{n/}`."""
    if element is None:
        return
    namespace = etree.QName(element).namespace
    for child in list(element):
        element.remove(child)
    element.text = None
    # A text whose placeholders do not pair up (a bad translation kept in
    # Loa) cannot be nested elements: it goes out as plain text.
    parts = (
        placeholders.parse(text) if not placeholders.problems(text, text) else [text]
    )
    open_elements = [element]
    for part in parts:
        if isinstance(part, str):
            _append_text(open_elements[-1], part)
        elif part.kind == "close":
            open_elements.pop()
        else:
            tag = etree.QName(namespace, paired if part.kind == "open" else standalone)
            code = etree.SubElement(open_elements[-1], tag, {"id": str(part.id)})
            if part.kind == "open":
                open_elements.append(code)


def _append_text(element, text: str) -> None:
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _read_codes(element) -> str:
    """The text of `element` with its inline codes back as placeholders;
    other inline elements (a tool's segment markers) keep only their text."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            name = child.tag.rpartition("}")[2]
            number = child.get("id", "")
            if name in ("g", "pc") and number.isdigit():
                parts += [f"{{{number}}}", _read_codes(child), f"{{/{number}}}"]
            elif name in ("x", "ph") and number.isdigit():
                parts.append(f"{{{number}/}}")
            else:
                parts.append(_read_codes(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _refuse_unsafe_xml(data: bytes) -> None:
    try:
        defused_fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        raise ExchangeError(
            _(
                "The file declares a DTD or XML entities. Loa refuses them: "
                "they can make a file read other files or grow without end."
            )
        ) from error
    except Exception as error:  # any parser error means bad XML
        raise ExchangeError(
            _("The file is not well-formed XML: %(error)s") % {"error": error}
        ) from error


def _write_po(exchange: ExchangeFile) -> bytes:
    catalog = polib.POFile()
    now = timezone.localtime().strftime("%Y-%m-%d %H:%M%z")
    catalog.metadata = {
        "Project-Id-Version": "Loa",
        "Language": exchange.language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": exchange.source_language,
        "POT-Creation-Date": now,
        "PO-Revision-Date": now,
        "Last-Translator": "",
        "Language-Team": exchange.language,
    }
    for unit in exchange.units:
        notes = [unit.context] if unit.context else []
        notes += unit.glossary
        notes += _placeholder_note(unit.source)
        notes.append(f"{CHECK_NOTE}: {unit.check}")
        catalog.append(
            polib.POEntry(
                msgctxt=unit.key,
                msgid=unit.source,
                msgstr=unit.target,
                comment="\n".join(notes),
            )
        )
    return str(catalog).encode("utf-8")


def _placeholder_note(source: str) -> list[str]:
    """A note asking to keep the placeholders of `source`, if it has any."""
    tokens = [
        str(part) for part in placeholders.parse(source) if not isinstance(part, str)
    ]
    if not tokens:
        return []
    return [
        _(
            "Keep the placeholders %(tokens)s: they stand for formatting and "
            "links. Move them with the words they belong to; do not add, "
            "remove or change any."
        )
        % {"tokens": " ".join(tokens)}
    ]


def _read_po(data: bytes) -> ExchangeFile:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ExchangeError(_("The PO file is not UTF-8 text.")) from error
    _check_po(data)
    try:
        # polib takes text without a line break for a file name to open.
        catalog = polib.pofile(text + "\n")
    except (OSError, ValueError) as error:
        raise ExchangeError(
            _("The PO file cannot be read: %(error)s") % {"error": error}
        ) from error
    units = []
    for entry in catalog:
        if entry.obsolete:
            continue
        check = ""
        for line in (entry.comment or "").splitlines():
            if line.startswith(f"{CHECK_NOTE}:"):
                check = line.partition(":")[2].strip()
        target = "" if "fuzzy" in entry.flags else entry.msgstr
        units.append(ExchangeUnit(entry.msgctxt or "", entry.msgid, target, check))
    return ExchangeFile(
        catalog.metadata.get("X-Source-Language", ""),
        catalog.metadata.get("Language", ""),
        units,
    )


def _check_po(data: bytes) -> None:
    """Refuse a PO file that GNU msgfmt finds damaged, naming its lines.

    polib reads what it can and silently drops the rest: a file cut off in
    the middle of an entry would import as if it were whole."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        raise ExchangeError(
            _(
                "Loa cannot check PO files on this server: GNU gettext's "
                "msgfmt is not installed. Use an XLIFF or XLSX file instead."
            )
        )
    try:
        checked = subprocess.run(  # noqa: S603 — msgfmt reads the file from stdin
            [msgfmt, "--check-format", "--check-header", "-o", "/dev/null", "-"],
            input=data,
            capture_output=True,
            env={"LC_ALL": "C"},
            timeout=MSGFMT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise ExchangeError(_("The PO file takes too long to check.")) from error
    if checked.returncode == 0:
        return
    output = checked.stderr.decode("utf-8", "replace").splitlines()
    problems = [
        match.groups()
        for match in map(MSGFMT_PROBLEM.match, output)
        if match and not match[2].startswith("warning:")
    ]
    if not problems:
        raise ExchangeError(
            _("The PO file is damaged: %(problem)s")
            % {"problem": (output or ["msgfmt failed"])[0].removeprefix("msgfmt: ")}
        )
    raise ExchangeError(
        _("The PO file is damaged at %(places)s.")
        % {
            "places": "; ".join(
                _("line %(line)s: %(problem)s") % {"line": line, "problem": problem}
                for line, problem in problems[:5]
            )
        }
    )


def _write_xlsx(exchange: ExchangeFile) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Translations"
    append_row(sheet, XLSX_COLUMNS)
    for unit in exchange.units:
        append_row(
            sheet,
            [
                unit.key,
                "\n".join([unit.context, *_placeholder_note(unit.source)]).strip(),
                unit.source,
                unit.target,
                "\n".join(unit.glossary),
                unit.check,
            ],
        )
    for column, width in zip("ABCDEF", (12, 24, 60, 60, 30, 12), strict=True):
        sheet.column_dimensions[column].width = width
    about = workbook.create_sheet("About")
    append_row(about, ["source language", exchange.source_language])
    append_row(about, ["language", exchange.language])
    append_row(about, ["exported", timezone.localtime().isoformat(timespec="seconds")])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _read_xlsx(data: bytes) -> ExchangeFile:
    _refuse_zip_bomb(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        # Read-only sheets parse their XML row by row, as they are read.
        return _read_workbook(workbook)
    except ExchangeError:
        raise
    except Exception as error:  # openpyxl and the XML parser raise many kinds
        raise ExchangeError(_("This is not a spreadsheet Loa can read.")) from error


def _read_workbook(workbook) -> ExchangeFile:
    if "Translations" not in workbook.sheetnames or "About" not in workbook.sheetnames:
        raise ExchangeError(
            _("The spreadsheet needs the sheets “Translations” and “About”.")
        )
    about = {
        str(row[0]).strip(): str(row[1] or "").strip()
        for row in workbook["About"].iter_rows(min_col=1, max_col=2, values_only=True)
        if row and row[0]
    }
    rows = workbook["Translations"].iter_rows(values_only=True)
    header = [str(cell or "").strip().lower() for cell in next(rows, ())]
    missing = [
        name for name in ("id", "source", "translation", "check") if name not in header
    ]
    if missing:
        raise ExchangeError(
            _("The spreadsheet lacks the columns: %(names)s.")
            % {"names": ", ".join(missing)}
        )
    position = {name: header.index(name) for name in header if name}
    units = []
    for row in rows:
        values = [_cell_text(cell) for cell in row]
        values += [""] * (len(header) - len(values))
        if not any(values):
            continue
        units.append(
            ExchangeUnit(
                key=values[position["id"]],
                source=values[position["source"]],
                target=values[position["translation"]],
                check=values[position["check"]],
            )
        )
    return ExchangeFile(
        about.get("source language", ""), about.get("language", ""), units
    )


def _cell_text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _refuse_zip_bomb(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise ExchangeError(_("This is not a spreadsheet Loa can read.")) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise ExchangeError(
            _("The spreadsheet unpacks to more than %(limit)d MB; Loa refuses it.")
            % {"limit": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )
