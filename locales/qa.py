"""Quality checks on a translation, shown to translators as warnings.

Each check compares one source text with its translation: numbers and
percentages kept (read with each language's separators), glossary terms
used, length within the field's limit, no source text left untranslated,
markup and placeholders kept. A blocking warning means content was lost (a
number, a placeholder), not a matter of wording.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser

from django.utils.translation import gettext as _

from locales import placeholders
from locales.normalize import fold, nfc
from locales.registry import get_language, source_language

# Digits with grouping or decimal marks; a no-break space may group thousands.
NUMBER = re.compile(r"(?<![\w.,])(\d[\d.,\u00a0\u202f]*\d|\d)(\s?%)?")
DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
# Placeholders of plain fields; numbered ones ({1}, {/1}, {2/}) stand for
# inline markup and are checked by `locales.placeholders`.
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
VOID_TAGS = {"br", "img", "hr", "input", "meta", "link", "wbr"}
INLINE_TAGS = {"a", "abbr", "b", "code", "em", "i", "s", "span", "strong", "sub", "sup"}
LETTERS = re.compile(r"[^\W\d_]+")
LEFTOVER_WORDS = 8


@dataclass(frozen=True)
class QAWarning:
    """One finding about a translation; `blocking` when content was lost."""

    check: str
    message: str
    blocking: bool = False


def check_translation(
    source: str,
    target: str,
    language: str,
    *,
    max_length: int | None = None,
    glossary=(),
) -> list[QAWarning]:
    """Warnings about `target`, the translation of `source` into `language`."""
    if not target.strip():
        return []
    source_text, target_text = _reader_text(source), _reader_text(target)
    warnings = []
    warnings += _numbers(source_text, target_text, language)
    warnings += _glossary(source_text, target_text, glossary)
    if max_length is not None and len(target) > max_length:
        warnings.append(
            QAWarning(
                "length",
                _("The translation has %(length)d characters; the limit is %(limit)d.")
                % {"length": len(target), "limit": max_length},
            )
        )
    warnings += _leftover(source_text, target_text)
    warnings += _markup(source, target)
    warnings += [
        QAWarning("placeholders", problem, blocking=True)
        for problem in placeholders.problems(source, target)
    ]
    return warnings


def numbers_in(text: str, language: str) -> list[tuple[Decimal, bool]]:
    """[(value, is_percentage)] for every number in the text of `text` (not
    in its markup or placeholders), read with the language's decimal and
    grouping separators."""
    separator = get_language(language).decimal_separator
    return [
        (number.value, number.percent)
        for number in _read_numbers(_reader_text(text), separator)
        if number.value is not None
    ]


@dataclass(frozen=True)
class _Number:
    # None when the separators make no sense in the language ("2.560.179"
    # read as English).
    value: Decimal | None
    percent: bool
    digits: str
    written: str


def _read_numbers(text: str, decimal_separator: str) -> list[_Number]:
    return [
        _Number(
            _parse_number(match.group(1), decimal_separator),
            bool(match.group(2)),
            match.group(1),
            match.group(0),
        )
        for match in NUMBER.finditer(text)
    ]


def _parse_number(raw: str, decimal_separator: str) -> Decimal | None:
    digits = raw.replace("\u00a0", "").replace("\u202f", "")
    digits = digits.replace(_grouping(decimal_separator), "")
    try:
        return Decimal(digits.replace(decimal_separator, "."))
    except InvalidOperation:
        return None


def _grouping(decimal_separator: str) -> str:
    return "," if decimal_separator == "." else "."


def _numbers(source: str, target: str, language: str) -> list[QAWarning]:
    source_separator = source_language().decimal_separator
    target_separator = get_language(language).decimal_separator
    # A date's month may become a word ("1/7/2025" → "1 July 2025"): only
    # its day and year must be kept.
    unmatched = _read_numbers(DATE.sub(_day_and_year, target), target_separator)
    missing = []
    for number in _read_numbers(DATE.sub(_day_and_year, source), source_separator):
        if number.value is None:
            continue
        kept = [
            candidate
            for candidate in unmatched
            if (candidate.value, candidate.percent) == (number.value, number.percent)
        ]
        if kept:
            unmatched.remove(kept[0])
        else:
            missing.append(number)
    return [
        _missing_number(number, unmatched, source_separator, target_separator)
        for number in missing
    ]


def _missing_number(
    number: _Number,
    unmatched: list[_Number],
    source_separator: str,
    target_separator: str,
) -> QAWarning:
    # Typed with the other language's separators, the number is there but
    # reads as another value ("89.89" is 8989 where decimals take a comma).
    misread = [
        candidate
        for candidate in unmatched
        if any(mark in number.digits for mark in ".,")
        and candidate.percent == number.percent
        and _parse_number(candidate.digits, _grouping(target_separator)) == number.value
    ]
    if not misread:
        message = (
            _("The source's percentage “%(value)s” is not in the translation.")
            if number.percent
            else _("The source's number “%(value)s” is not in the translation.")
        )
        return QAWarning("numbers", message % {"value": number.written}, blocking=True)
    unmatched.remove(misread[0])
    message = (
        _("The source's percentage “%(value)s” is not in the translation (%(hint)s).")
        if number.percent
        else _("The source's number “%(value)s” is not in the translation (%(hint)s).")
    )
    hint = _separator_hint(number, source_separator, target_separator)
    return QAWarning(
        "numbers", message % {"value": number.written, "hint": hint}, blocking=True
    )


def _separator_hint(
    number: _Number, source_separator: str, target_separator: str
) -> str:
    expected = number.written.translate(
        str.maketrans(
            {
                source_separator: target_separator,
                _grouping(source_separator): _grouping(target_separator),
            }
        )
    )
    if source_separator in number.digits:
        hint = (
            _("this language writes decimals with a comma: %(expected)s")
            if target_separator == ","
            else _("this language writes decimals with a point: %(expected)s")
        )
    else:
        hint = (
            _("this language groups thousands with a point: %(expected)s")
            if target_separator == ","
            else _("this language groups thousands with a comma: %(expected)s")
        )
    return hint % {"expected": expected}


def _day_and_year(match: re.Match) -> str:
    return f" {match.group(1)} {match.group(3)} "


def glossary_terms_in(source: str, glossary) -> list:
    """The glossary terms that occur in the text of `source` as whole words,
    tone marks and all, in any case. A term found only inside a longer term
    found at the same place ("thẻ" in "thẻ bảo hiểm y tế") is not listed."""
    return _terms_in(_matchable(_reader_text(source)), glossary)


def _terms_in(text: str, glossary) -> list:
    covered: list[tuple[int, int]] = []
    found = set()
    terms = {_matchable(term.source_term) for term in glossary} - {""}
    for term in sorted(terms, key=len, reverse=True):
        spans = [
            (start, end)
            for start, end in _word_spans(text, term)
            if not any(low <= start and end <= high for low, high in covered)
        ]
        if spans:
            found.add(term)
            covered += spans
    return [term for term in glossary if _matchable(term.source_term) in found]


def _matchable(text: str) -> str:
    # Case and spacing do not matter, tone marks do: "thẻ" (card) is not
    # "thế" (so) nor "thể".
    return " ".join(nfc(text).casefold().split())


def _word_spans(text: str, words: str) -> list[tuple[int, int]]:
    pattern = rf"(?<!\w){re.escape(words)}(?!\w)"
    return [match.span() for match in re.finditer(pattern, text)]


def _glossary(source: str, target: str, glossary) -> list[QAWarning]:
    target = _matchable(target)
    return [
        QAWarning(
            "glossary",
            _("Glossary: “%(term)s” is translated as “%(translation)s”.")
            % {"term": term.source_term, "translation": term.translation},
        )
        for term in _terms_in(_matchable(source), glossary)
        if not _word_spans(target, _matchable(term.translation))
    ]


def _leftover(source: str, target: str) -> list[QAWarning]:
    source_words = fold(source).split()
    shown_words = source.split()
    if len(shown_words) != len(source_words):
        shown_words = source_words
    folded_target = f" {fold(target)} "
    if fold(source) == fold(target):
        if not _has_words(source):
            return []
        return [
            QAWarning("untranslated", _("The translation is the same as the source."))
        ]
    for start in range(len(source_words) - LEFTOVER_WORDS + 1):
        run = " ".join(source_words[start : start + LEFTOVER_WORDS])
        if f" {run} " in folded_target:
            return [
                QAWarning(
                    "untranslated",
                    _("Part of the source is left untranslated: “%(words)s…”.")
                    % {"words": " ".join(shown_words[start : start + LEFTOVER_WORDS])},
                )
            ]
    return []


def _has_words(text: str) -> bool:
    for token in text.split():
        # Numbers, dates and codes (41/2024/QH15) are written the same in
        # every language, and so are names with capitals inside (VssID, BHXH).
        if any(char.isdigit() for char in token):
            continue
        for word in LETTERS.findall(token):
            if not any(char.isupper() for char in word[1:]):
                return True
    return False


def _markup(source: str, target: str) -> list[QAWarning]:
    warnings = []
    problem = _unbalanced_tags(target)
    if problem:
        warnings.append(QAWarning("markup", problem))
    missing = set(PLACEHOLDER.findall(placeholders.strip(source))) - set(
        PLACEHOLDER.findall(placeholders.strip(target))
    )
    if missing:
        warnings.append(
            QAWarning(
                "markup",
                _("Placeholders missing: %(names)s.")
                % {"names": ", ".join(sorted(missing))},
                blocking=True,
            )
        )
    return warnings


def _reader_text(text: str) -> str:
    """`text` as a reader sees it: no tags, attributes or placeholders."""
    parser = _ReaderText()
    parser.feed(placeholders.strip(text))
    parser.close()
    return nfc("".join(parser.parts))


class _ReaderText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        # Paragraphs, list items and line breaks separate words; bold or a
        # link sits inside a sentence.
        if tag not in INLINE_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        self.handle_starttag(tag, [])


class _TagBalance(HTMLParser):
    def __init__(self):
        super().__init__()
        self.open_tags: list[str] = []
        self.problem = ""

    def handle_starttag(self, tag, attrs):
        if tag not in VOID_TAGS:
            self.open_tags.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        if not self.open_tags or self.open_tags[-1] != tag:
            self.problem = self.problem or (
                _("The closing </%(tag)s> does not match.") % {"tag": tag}
            )
            return
        self.open_tags.pop()


def _unbalanced_tags(text: str) -> str:
    parser = _TagBalance()
    parser.feed(text)
    parser.close()
    if parser.problem:
        return parser.problem
    if parser.open_tags:
        return _("<%(tag)s> is never closed.") % {"tag": parser.open_tags[-1]}
    return ""
