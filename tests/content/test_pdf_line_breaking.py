"""Khmer and Tai Viet on paper: text written without spaces wraps inside the
page on every paper a piece is printed on, and no character is lost.

WeasyPrint breaks lines only at spaces; without break opportunities a line
of Khmer or Tai Viet runs past the right edge of the page and is cut."""

import re
from collections import Counter
from html import unescape
from pathlib import Path

import pytest

from content.pdf import render_pdf
from locales.segmentation import ZERO_WIDTH_SPACE
from tests.factories import PolicyExplainerPageFactory, RadioScriptPageFactory, stream
from tests.pdf_files import fetch_pdf, poppler
from tests.texts_without_spaces import (
    KHMER_SENTENCES,
    KHMER_TEXT,
    TAI_VIET_SENTENCES,
    TAI_VIET_TEXT,
)

TEXTS = {
    "km": (KHMER_SENTENCES, KHMER_TEXT),
    "blt": (TAI_VIET_SENTENCES, TAI_VIET_TEXT),
}
PAPERS = {"pdf/": (595, 842), "pdf/a5/": (420, 595)}  # in points
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
    r"(.*?)</word>"
)
FONTS_CSS = (
    Path(__file__).parents[2] / "content" / "templates" / "content" / "pdf" / "pdf.css"
)
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


@pytest.fixture
def pieces(explainer_index, radio_index):
    """An explainer and a radio script with long Khmer and Tai Viet text."""
    explainer = {}
    script = {}
    for code, (sentences, text) in TEXTS.items():
        explainer[f"title_{code}"] = sentences[0][:40]
        explainer[f"summary_{code}"] = sentences[1]
        explainer[f"body_{code}"] = stream(
            ("heading", {"text": sentences[2]}),
            *(("paragraph", f"<p>{sentence}</p>") for sentence in sentences[3:]),
            ("paragraph", f"<p>{text}</p>"),
        )
        script[f"title_{code}"] = sentences[0][:40]
        script[f"notes_{code}"] = sentences[1]
        script[f"body_{code}"] = stream(
            ("music_cue", {"text": sentences[2][:30], "seconds": 5}),
            *(
                ("speaker_line", {"speaker": sentences[0][:12], "text": sentence})
                for sentence in sentences[3:]
            ),
            ("speaker_line", {"speaker": sentences[0][:12], "text": text}),
        )
    return {
        "explainers": PolicyExplainerPageFactory(parent=explainer_index, **explainer),
        "radio": RadioScriptPageFactory(parent=radio_index, **script),
    }


def placed_words(data, tmp_path):
    """Every word pdftotext finds, with its page's size and its box."""
    layout = poppler("pdftotext", data, tmp_path, "-bbox", "-enc", "UTF-8")
    for width, height, body in PAGE.findall(layout):
        for x_min, y_min, x_max, y_max, text in WORD.findall(body):
            box = tuple(float(value) for value in (x_min, y_min, x_max, y_max))
            yield (float(width), float(height)), box, unescape(text)


def extractable(text, code, tmp_path):
    """The characters of `text` that pdftotext can read back from a PDF.

    Text extraction cannot give back every character of a Khmer cluster whose
    vowel is drawn before its consonant (េ, ែ, ៃ…), though the glyph is drawn:
    what it reads of `text` set on one line of a page wide enough for it is
    the most any PDF of it can show."""
    html = (
        f'<html lang="{code}"><head><style>@page {{ size: 5000mm 100mm }}'
        f'{{% include "content/pdf/pdf.css" %}}</style></head>'
        f"<body><p>{text}</p></body></html>"
    )
    html = html.replace('{% include "content/pdf/pdf.css" %}', _font_faces())
    return characters(poppler("pdftotext", render_pdf(html), tmp_path))


def _font_faces():
    css = (FONTS_CSS).read_text(encoding="utf-8")
    return "".join(line for line in css.splitlines() if line.startswith("@font-face"))


def characters(text):
    return Counter(
        character
        for character in text
        if not character.isspace() and character != ZERO_WIDTH_SPACE
    )


@pytest.mark.parametrize("code", TEXTS)
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("section", ["explainers", "radio"])
def test_text_without_spaces_stays_on_the_page(
    client, pieces, tmp_path, code, paper, section
):
    """On A4 and A5, for the explainer and the broadcaster sheet: every
    word inside the page box, every character of the source on a page."""
    piece = pieces[section]
    data = fetch_pdf(client, f"/{code}/{section}/{piece.slug}/{paper}")
    words = list(placed_words(data, tmp_path))
    assert words
    for (width, height), (x_min, y_min, x_max, y_max), text in words:
        assert (width, height) == pytest.approx(PAPERS[paper], abs=1)
        assert 0 <= x_min and x_max <= width, f"{text} runs off the page"
        assert 0 <= y_min and y_max <= height, f"{text} runs off the page"
    printed = characters("".join(text for _size, _box, text in words))
    _sentences, source = TEXTS[code]
    readable = extractable(source, code, tmp_path)
    assert sum(readable.values()) > 0.9 * sum(characters(source).values())
    # The whole text is printed once on its own, and its sentences again.
    missing = readable - printed
    assert not missing, f"characters lost: {''.join(missing.elements())[:40]}"


def test_lines_break_between_words_not_only_at_the_margin(client, pieces, tmp_path):
    """The long paragraph of Khmer fills many lines, each cut at a word."""
    piece = pieces["explainers"]
    data = fetch_pdf(client, f"/km/explainers/{piece.slug}/pdf/")
    text = poppler("pdftotext", data, tmp_path, "-enc", "UTF-8")
    lines = [line for line in text.splitlines() if len(line.strip()) > 20]
    assert len(lines) > 15
