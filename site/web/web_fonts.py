"""The public site's web fonts: Noto subsets for the scripts a cheap phone may
not have, each fetched only by a page with text in that script.

Latin text (Vietnamese, English and most minority languages) uses the phone's
own fonts. For each other script there are two files:

- the whole script, declared with the script's `unicode-range`, so a browser
  downloads it only for a page with text in that script;
- the few glyphs of the language's own name, for the language switcher every
  page shows, declared with exactly those characters as its range.

`python manage.py build_web_fonts` writes the files from the Noto fonts the
PDFs use; `site/static/css/loa.css` declares them.
"""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from fontTools import subset
from fontTools.ttLib import TTFont

from locales.registry import load_languages

NOTO_DIR = Path(settings.BASE_DIR) / "content" / "static" / "content" / "fonts"
WEB_FONTS_DIR = Path(settings.BASE_DIR) / "site" / "static" / "fonts"


@dataclass(frozen=True)
class ScriptFont:
    script: str  # ISO 15924, as in languages.toml
    noto_file: str
    web_name: str
    blocks: tuple[tuple[int, int], ...]  # the script's Unicode blocks

    def characters(self) -> set[int]:
        return {code for first, last in self.blocks for code in range(first, last + 1)}

    def autonym_characters(self) -> set[int]:
        return {
            ord(character)
            for language in load_languages()
            if language.script == self.script
            for character in language.autonym
        }


SCRIPT_FONTS = (
    ScriptFont("Tavt", "NotoSansTaiViet-Regular.ttf", "tai-viet", ((0xAA80, 0xAADF),)),
    ScriptFont(
        "Khmr",
        "NotoSansKhmer-Regular.ttf",
        "khmer",
        ((0x1780, 0x17FF), (0x19E0, 0x19FF)),
    ),
)


def script_font_path(font: ScriptFont) -> Path:
    return WEB_FONTS_DIR / f"noto-sans-{font.web_name}.woff2"


def autonym_font_path(font: ScriptFont) -> Path:
    return WEB_FONTS_DIR / f"autonym-{font.web_name}.woff2"


def build(font: ScriptFont) -> list[Path]:
    """Write the script's two woff2 files; returns their paths."""
    WEB_FONTS_DIR.mkdir(parents=True, exist_ok=True)
    written = []
    for path, characters in (
        (script_font_path(font), font.characters()),
        (autonym_font_path(font), font.autonym_characters()),
    ):
        _subset(NOTO_DIR / font.noto_file, characters, path)
        written.append(path)
    return written


def _subset(source: Path, characters: set[int], target: Path) -> None:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # keep the shaping Khmer's stacked letters need
    options.hinting = False  # phones' renderers ignore most of it; halves the size
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=characters)
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(target)
