"""Every language has a compiled interface catalog that matches its source."""

import gettext
from pathlib import Path

from django.conf import settings

import polib
import pytest

from locales.registry import load_languages

CATALOG_DIR = Path(settings.LOCALE_PATHS[0])
CODES = [language.code for language in load_languages()]


def catalog_path(code, suffix):
    return CATALOG_DIR / code / "LC_MESSAGES" / f"django.{suffix}"


@pytest.mark.parametrize("code", CODES)
def test_every_language_has_a_source_and_compiled_catalog(code):
    assert catalog_path(code, "po").is_file()
    assert catalog_path(code, "mo").is_file()


@pytest.mark.parametrize("code", CODES)
def test_compiled_catalog_matches_its_source(code):
    source = polib.pofile(str(catalog_path(code, "po")))
    expected = {}
    for entry in source:
        if not entry.translated() or entry.obsolete:
            continue
        # Compiled messages with a context are keyed "context\x04message".
        msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            # Compiled plural forms are keyed by (singular, form number).
            for form, text in entry.msgstr_plural.items():
                expected[(msgid, int(form))] = text
        else:
            expected[msgid] = entry.msgstr
    with catalog_path(code, "mo").open("rb") as compiled_file:
        compiled = gettext.GNUTranslations(compiled_file)
    compiled_messages = {
        msgid: msgstr for msgid, msgstr in compiled._catalog.items() if msgid
    }
    assert compiled_messages == expected, "run `make messages` to recompile"
    assert source.metadata["Language"] == code


def test_vietnamese_interface_is_translated():
    source = polib.pofile(str(catalog_path("vi", "po")))
    assert source.percent_translated() == 100
