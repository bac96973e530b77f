"""The script web fonts: built from the Noto fonts, complete, and declared in
the stylesheet so only pages in that script fetch them."""

import re
from pathlib import Path

from django.conf import settings

from fontTools.ttLib import TTFont

from locales.registry import load_languages
from web.web_fonts import (
    NOTO_DIR,
    SCRIPT_FONTS,
    autonym_font_path,
    script_font_path,
)

STYLESHEET = Path(settings.BASE_DIR) / "site" / "static" / "css" / "loa.css"


def covered(path: Path) -> set[int]:
    """The characters a font file has glyphs for."""
    return set(TTFont(path).getBestCmap())


def declared_faces() -> dict[str, list[tuple[int, int]]]:
    """Each font file loa.css declares, with its unicode-range."""
    faces = {}
    for face in re.findall(r"@font-face\s*{(.*?)}", STYLESHEET.read_text(), re.S):
        url = re.search(r'url\("\.\./fonts/([^"]+)"\)', face).group(1)
        faces[url] = [
            (int(first, 16), int(last or first, 16))
            for first, last in re.findall(r"U\+([0-9A-F]+)(?:-([0-9A-F]+))?", face)
        ]
    return faces


def test_every_script_of_a_registered_language_has_a_web_font():
    scripts = {language.script for language in load_languages()} - {"Latn"}
    assert scripts == {font.script for font in SCRIPT_FONTS}


def test_script_fonts_keep_every_character_noto_has_in_the_script():
    for font in SCRIPT_FONTS:
        in_noto = covered(NOTO_DIR / font.noto_file) & font.characters()
        assert in_noto, font.script
        assert covered(script_font_path(font)) == in_noto


def test_autonym_fonts_hold_just_the_language_names():
    for font in SCRIPT_FONTS:
        autonym = font.autonym_characters()
        assert autonym, font.script
        assert covered(autonym_font_path(font)) == autonym
        assert autonym_font_path(font).stat().st_size < 2_000


def test_the_stylesheet_declares_each_font_for_its_script_only():
    faces = declared_faces()
    for font in SCRIPT_FONTS:
        for path in (script_font_path(font), autonym_font_path(font)):
            assert path.name in faces
            assert faces[path.name] == list(font.blocks)
    # Latin text never triggers a download: no face's range reaches it.
    for ranges in faces.values():
        assert all(first > 0x24F for first, _ in ranges)
