"""The registry of content languages, read from `languages.toml`.

Settings import this module before Django is set up, so it must not import
models or anything else that needs the app registry.
"""

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language as active_language_code

REGISTRY_FILE = Path(__file__).with_name("languages.toml")

# A primary language subtag: two letters (ISO 639-1) or three (ISO 639-3).
# modeltranslation turns codes into column names, so nothing else is allowed.
CODE_PATTERN = re.compile(r"^[a-z]{2,3}$")
SCRIPT_PATTERN = re.compile(r"^[A-Z][a-z]{3}$")
READING_UNITS = ("words", "syllables")


class RegistryError(ValueError):
    """The language registry file is not valid; the message says where."""


@dataclass(frozen=True)
class Language:
    code: str
    english_name: str
    autonym: str
    script: str
    direction: str
    fallback: tuple[str, ...]
    reading_rate: int
    source: bool = False
    decimal_separator: str = ","
    reading_unit: str = "words"
    word_spacing: bool = True

    @property
    def bidi(self) -> bool:
        return self.direction == "rtl"

    @property
    def lang_info(self) -> dict:
        """This language as an entry of Django's `LANG_INFO`."""
        return {
            "bidi": self.bidi,
            "code": self.code,
            "name": self.english_name,
            "name_local": self.autonym,
        }


def parse_registry(text: str) -> tuple[Language, ...]:
    """Parse and check registry TOML; raise RegistryError naming the problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RegistryError(f"language registry is not valid TOML: {error}") from None
    entries = data.get("language")
    if not isinstance(entries, list) or not entries:
        raise RegistryError("language registry has no [[language]] entries")
    languages = tuple(_parse_entry(index, entry) for index, entry in enumerate(entries))
    _check_consistency(languages)
    return languages


def _parse_entry(index: int, entry: dict) -> Language:
    where = f"language entry {index + 1} ({entry.get('code', 'no code')})"
    required = {
        "code": str,
        "english_name": str,
        "autonym": str,
        "script": str,
        "direction": str,
        "fallback": list,
        "reading_rate": int,
    }
    for key, kind in required.items():
        if key not in entry:
            raise RegistryError(f"{where}: '{key}' is missing")
        if not isinstance(entry[key], kind) or isinstance(entry[key], bool):
            raise RegistryError(f"{where}: '{key}' must be a {kind.__name__}")
    optional = {"source", "decimal_separator", "reading_unit", "word_spacing"}
    unknown = set(entry) - set(required) - optional
    if unknown:
        raise RegistryError(f"{where}: unknown keys {sorted(unknown)}")
    if not CODE_PATTERN.match(entry["code"]):
        raise RegistryError(
            f"{where}: code must be 2 or 3 lowercase letters (ISO 639-1 or 639-3)"
        )
    if not SCRIPT_PATTERN.match(entry["script"]):
        raise RegistryError(f"{where}: script must be an ISO 15924 code like 'Latn'")
    if entry["direction"] not in ("ltr", "rtl"):
        raise RegistryError(f"{where}: direction must be 'ltr' or 'rtl'")
    if entry["reading_rate"] <= 0:
        raise RegistryError(f"{where}: reading_rate must be a positive number")
    if not entry["autonym"].strip() or not entry["english_name"].strip():
        raise RegistryError(f"{where}: names must not be empty")
    if entry.get("decimal_separator", ",") not in (",", "."):
        raise RegistryError(f"{where}: decimal_separator must be ',' or '.'")
    if entry.get("reading_unit", "words") not in READING_UNITS:
        raise RegistryError(f"{where}: reading_unit must be 'words' or 'syllables'")
    if not isinstance(entry.get("word_spacing", True), bool):
        raise RegistryError(f"{where}: word_spacing must be true or false")
    spaced = entry.get("word_spacing", True)
    if entry.get("reading_unit", "words") == "words" and not spaced:
        raise RegistryError(
            f"{where}: a script written without spaces is timed in syllables"
        )
    return Language(
        reading_unit=entry.get("reading_unit", "words"),
        word_spacing=entry.get("word_spacing", True),
        decimal_separator=entry.get("decimal_separator", ","),
        code=entry["code"],
        english_name=entry["english_name"],
        autonym=entry["autonym"],
        script=entry["script"],
        direction=entry["direction"],
        fallback=tuple(entry["fallback"]),
        reading_rate=entry["reading_rate"],
        source=bool(entry.get("source", False)),
    )


def _check_consistency(languages: tuple[Language, ...]) -> None:
    codes = [language.code for language in languages]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise RegistryError(f"language codes listed twice: {', '.join(duplicates)}")
    sources = [language.code for language in languages if language.source]
    if len(sources) != 1:
        raise RegistryError(
            f"exactly one language must be the source (source = true), found {sources}"
        )
    for language in languages:
        for code in language.fallback:
            if code == language.code:
                raise RegistryError(f"{language.code}: falls back to itself")
            if code not in codes:
                raise RegistryError(
                    f"{language.code}: falls back to '{code}', which is not registered"
                )
        if len(set(language.fallback)) != len(language.fallback):
            raise RegistryError(f"{language.code}: fallback lists a language twice")


@cache
def load_languages(path: Path = REGISTRY_FILE) -> tuple[Language, ...]:
    """All registered content languages, the source language first."""
    languages = parse_registry(path.read_text(encoding="utf-8"))
    return tuple(sorted(languages, key=lambda language: not language.source))


def source_language() -> Language:
    return load_languages()[0]


def source_language_code() -> str:
    """The code of the language pieces are written in ("vi")."""
    return source_language().code


def language_choices(
    codes: Iterable[str] | None = None, label: str = "{english_name}"
) -> list[tuple[str, str]]:
    """(code, label) pairs for choosing a language: every registered
    language, the source first, or only those in `codes`, in the registry's
    order. `label` is formatted with the language's fields, as in
    "{autonym} ({code})"."""
    wanted = None if codes is None else set(codes)
    return [
        (language.code, label.format_map(vars(language)))
        for language in load_languages()
        if wanted is None or language.code in wanted
    ]


def get_language(code: str) -> Language:
    """The registered language with this code; KeyError if there is none."""
    for language in load_languages():
        if language.code == code:
            return language
    raise KeyError(code)


def language_label(code: str) -> str:
    """ "Êđê (rad)": the autonym and code, or the bare code if unregistered."""
    try:
        language = get_language(code)
    except KeyError:
        return code
    return f"{language.autonym} ({code})"


def fallback_chain(code: str) -> tuple[str, ...]:
    """The languages tried for `code`, in order, starting with `code` itself."""
    return (code, *get_language(code).fallback)


def current_language() -> Language:
    """The registered language active in this request, else the source language."""
    try:
        return get_language(active_language_code() or "")
    except KeyError:
        return source_language()
