import re

import pytest

from locales.registry import (
    RegistryError,
    fallback_chain,
    get_language,
    load_languages,
    parse_registry,
)

REQUIRED_CODES = {"vi", "en", "rad", "jra", "mng", "hmn", "blt", "km", "bdq", "kpm"}

VALID_ENTRY = """
[[language]]
code = "{code}"
english_name = "Name"
autonym = "Autonym"
script = "Latn"
direction = "ltr"
fallback = {fallback}
reading_rate = 130
{extra}
"""


def entry(code, fallback="[]", extra=""):
    return VALID_ENTRY.format(code=code, fallback=fallback, extra=extra)


def test_registry_ships_the_required_languages_with_vietnamese_as_source():
    languages = load_languages()
    assert REQUIRED_CODES <= {language.code for language in languages}
    assert languages[0].code == "vi"
    assert languages[0].source
    assert [language.code for language in languages if language.source] == ["vi"]


def test_every_language_has_names_script_and_reading_rate():
    for language in load_languages():
        assert language.autonym and language.english_name
        assert language.direction in ("ltr", "rtl")
        assert language.reading_rate > 0
        assert len(language.script) == 4


def test_minority_languages_fall_back_to_vietnamese_then_english():
    assert fallback_chain("rad") == ("rad", "vi", "en")
    assert fallback_chain("blt") == ("blt", "vi", "en")
    assert fallback_chain("en") == ("en", "vi")


def test_english_writes_decimals_with_a_point_and_vietnamese_with_a_comma():
    assert get_language("en").decimal_separator == "."
    assert get_language("vi").decimal_separator == ","


def test_khmer_and_tai_dam_are_written_without_spaces_and_timed_in_syllables():
    for code in ("km", "blt"):
        language = get_language(code)
        assert not language.word_spacing
        assert language.reading_unit == "syllables"
    assert get_language("vi").word_spacing
    assert get_language("vi").reading_unit == "words"


def test_tai_dam_is_written_in_tai_viet_and_khmer_in_khmer_script():
    assert get_language("blt").script == "Tavt"
    assert get_language("km").script == "Khmr"


def test_unknown_code_raises_key_error():
    with pytest.raises(KeyError):
        get_language("xx")


def test_a_valid_registry_parses():
    languages = parse_registry(
        entry("vi", '["en"]', "source = true") + entry("en", '["vi"]')
    )
    assert [language.code for language in languages] == ["vi", "en"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not [valid toml", "not valid TOML"),
        ("", "no [[language]] entries"),
        (entry("vi", extra="source = true") + entry("vi"), "listed twice: vi"),
        (entry("vi") + entry("en"), "exactly one language must be the source"),
        (entry("vi", '["xx"]', "source = true"), "'xx', which is not registered"),
        (entry("vi", '["vi"]', "source = true"), "falls back to itself"),
        (entry("VI", extra="source = true"), "2 or 3 lowercase letters"),
        (entry("vi-VN", extra="source = true"), "2 or 3 lowercase letters"),
        (entry("vi", extra="source = true\ncolour = 'red'"), "unknown keys"),
        (
            entry("vi", extra="source = true").replace('direction = "ltr"', ""),
            "'direction' is missing",
        ),
        (
            entry("vi", extra="source = true").replace("130", "0"),
            "reading_rate must be a positive",
        ),
        (
            entry("vi", extra="source = true").replace('"Latn"', '"latin"'),
            "ISO 15924",
        ),
        (
            entry("vi", extra="source = true\ndecimal_separator = ';'"),
            "decimal_separator must be",
        ),
        (
            entry("vi", extra="source = true\nreading_unit = 'letters'"),
            "reading_unit must be",
        ),
        (
            entry("vi", extra="source = true\nword_spacing = 'no'"),
            "word_spacing must be true or false",
        ),
        (
            entry("vi", extra="source = true\nword_spacing = false"),
            "timed in syllables",
        ),
    ],
)
def test_invalid_registries_are_refused_with_a_specific_message(text, message):
    with pytest.raises(RegistryError, match=re.escape(message)):
        parse_registry(text)
