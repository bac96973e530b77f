"""Exchange files as other tools see them: PO files checked by msgfmt, XLIFF
checked against the OASIS schemas, inline codes as codes."""

import shutil
import subprocess

import pytest

from locales.exchange.formats import (
    ExchangeError,
    ExchangeFile,
    ExchangeUnit,
    read,
    write,
)

pytestmark = pytest.mark.usefixtures("english")

TITLE = "content.policyexplainerpage:12:title"


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
