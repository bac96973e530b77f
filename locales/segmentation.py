"""Words and syllables of scripts written without spaces between words.

Khmer and Tai Viet run words together; spaces mark phrases, if anything.
Browsers find line breaks in such text with ICU's dictionaries; WeasyPrint
breaks lines only at spaces, so a Khmer line runs off the paper. Here the
same ICU (the `icu4py` bindings, which bring their own ICU) finds the
words, and a zero-width space (U+200B) between them gives the renderer a place
to break. It goes into rendered copies only, never into stored text.

ICU has a Khmer dictionary but none for Tai Viet, whose words are one
syllable long or built of syllables: Tai Viet breaks between syllables.

Running times count syllables in these scripts (a word count by spaces means
nothing there): Khmer and Tai Viet syllables are read off ICU's grapheme
clusters with the spelling rules below.
"""

import re
from collections.abc import Callable, Iterator
from functools import cache

from icu4py.breakers import CharacterBreaker, LineBreaker

from locales.registry import Language, load_languages

ZERO_WIDTH_SPACE = "\u200b"

# The Unicode blocks of each script (ISO 15924) that Loa can segment.
SCRIPT_CHARACTERS = {
    "Khmr": "\u1780-\u17ff\u19e0-\u19ff",
    "Tavt": "\uaa80-\uaadf",
}
SCRIPT_LOCALES = {"Khmr": "km", "Tavt": "blt"}
# Scripts ICU finds words in with a dictionary of its own.
DICTIONARY_SCRIPTS = {"Khmr"}

KHMER_COENG = "\u17d2"  # the next consonant is written below: same syllable
KHMER_SYLLABLE_STARTS = re.compile("[\u1780-\u17b3]")  # consonants, vowels
# Dependent vowels and the signs that carry a vowel sound (nikahit, reahmuk…).
KHMER_VOWEL_SIGNS = re.compile("[\u17b6-\u17c8\u17d0]")
KHMER_SILENT = "\u17cd"  # toandakhiat: the letter is not pronounced
KHMER_BANTOC = "\u17cb"  # the consonant closes a short syllable

TAI_VIET_CONSONANTS = re.compile("[\uaa80-\uaaaf]")
# Vowels written before the consonant they follow in speech.
TAI_VIET_PREVOWELS = re.compile("[\uaab5\uaab6\uaab9\uaabb\uaabc]")
# Vowels written after, above or below their consonant.
TAI_VIET_VOWELS = re.compile("[\uaab0-\uaab4\uaab7\uaab8\uaaba\uaabd\uaabe]")
TAI_VIET_WORD_SYMBOLS = re.compile("[\uaadb-\uaadd]")  # ꫛ kon, ꫜ nueng, ꫝ sam
# The letters O (ꪮ, ꪯ) also write the vowel o after a consonant.
TAI_VIET_VOWEL_LETTERS = re.compile("[\uaaae\uaaaf]")
# The letters VO (ꪪ, ꪫ) between a consonant and its vowel make it rounded (kw).
TAI_VIET_MEDIALS = re.compile("[\uaaaa\uaaab]")
TAI_VIET_ROUNDED_ONSET = re.compile(
    "[\uaaaa\uaaab][\uaab0-\uaab4\uaab7\uaab8\uaaba\uaabd\uaabe]"
)


def unspaced_scripts() -> tuple[str, ...]:
    """The scripts of registered languages written without spaces."""
    return tuple(
        sorted(
            {
                language.script
                for language in load_languages()
                if not language.word_spacing
            }
        )
    )


def undictionaried_scripts() -> tuple[str, ...]:
    """The scripts written without spaces that ICU, and so a browser, has no
    dictionary for: a web page has to give their break opportunities too."""
    return tuple(
        script for script in unspaced_scripts() if script not in DICTIONARY_SCRIPTS
    )


@cache
def _runs(scripts: tuple[str, ...]) -> re.Pattern | None:
    if not scripts:
        return None
    characters = "".join(SCRIPT_CHARACTERS[script] for script in scripts)
    return re.compile(f"[{characters}]+")


def script_of(run: str) -> str:
    for script, characters in SCRIPT_CHARACTERS.items():
        if re.match(f"[{characters}]", run):
            return script
    raise ValueError(f"not a segmented script: {run[:10]!r}")


def break_points(run: str, script: str) -> list[int]:
    """Where a line may break inside `run`, a stretch of one script with no
    spaces: offsets between words (Khmer) or syllables (Tai Viet)."""
    if script == "Tavt":
        starts = [start for start, _end in tai_viet_syllables(run)]
    else:
        segments = LineBreaker(run, SCRIPT_LOCALES[script]).segments()
        starts = [start for start, _end in segments]
    return [start for start in starts if 0 < start < len(run)]


def with_break_opportunities(text: str, scripts: tuple[str, ...] | None = None) -> str:
    """`text` with a zero-width space between the words (or syllables) of
    every run in a script written without spaces (or only in `scripts`);
    other text is unchanged."""
    runs = _runs(unspaced_scripts() if scripts is None else scripts)
    if runs is None or not text:
        return text
    return runs.sub(_break_run, text)


def _break_run(match: re.Match) -> str:
    run = match.group()
    pieces = []
    last = 0
    for point in break_points(run, script_of(run)):
        pieces.append(run[last:point])
        last = point
    pieces.append(run[last:])
    return ZERO_WIDTH_SPACE.join(pieces)


# Tags, comments, and elements whose text is not shown as it is: what a
# form sends back (a textarea) must stay as stored.
UNTOUCHED = re.compile(
    r"(<!--.*?-->|<(textarea|script|style|title)\b.*?</\2\s*>|<[^>]*>)",
    re.DOTALL | re.IGNORECASE,
)


def html_with_break_opportunities(
    html: str, scripts: tuple[str, ...] | None = None
) -> str:
    """Rendered HTML with break opportunities in its text, never inside a tag,
    an attribute (a URL, an `alt`, a `lang`) or a form's text area."""
    pieces = []
    last = 0
    for match in UNTOUCHED.finditer(html):
        pieces.append(with_break_opportunities(html[last : match.start()], scripts))
        pieces.append(match.group())
        last = match.end()
    pieces.append(with_break_opportunities(html[last:], scripts))
    return "".join(pieces)


def _clusters(run: str, locale: str) -> Iterator[tuple[int, int]]:
    return CharacterBreaker(run, locale).segments()


def khmer_syllables(run: str) -> list[tuple[int, int]]:
    """The spoken syllables of a Khmer run, as (start, end) offsets.

    A syllable is a consonant (with the consonants written below it after a
    coeng) or an independent vowel, with its vowel signs; a consonant with no
    vowel sign after one that has one, or at the end of a word, closes the
    syllable before it.
    """
    syllables: list[tuple[int, int]] = []
    for word_start, word_end in LineBreaker(run, "km").segments():
        word = run[word_start:word_end]
        clusters = _khmer_clusters(word)
        for index, (start, end) in enumerate(clusters):
            cluster = word[start:end]
            if not KHMER_SYLLABLE_STARTS.match(cluster) or KHMER_SILENT in cluster:
                if syllables:
                    syllables[-1] = (syllables[-1][0], word_start + end)
                continue
            previous = word[clusters[index - 1][0] : clusters[index - 1][1]]
            closes = index > 0 and (
                KHMER_BANTOC in cluster
                or not KHMER_VOWEL_SIGNS.search(cluster)
                and (KHMER_VOWEL_SIGNS.search(previous) or index == len(clusters) - 1)
            )
            if closes and syllables:
                syllables[-1] = (syllables[-1][0], word_start + end)
            else:
                syllables.append((word_start + start, word_start + end))
    return syllables


def _khmer_clusters(word: str) -> list[tuple[int, int]]:
    """ICU's grapheme clusters, with a consonant written below (after a
    coeng) joined to the cluster it belongs to."""
    clusters: list[tuple[int, int]] = []
    for start, end in _clusters(word, "km"):
        if clusters and word[clusters[-1][1] - 1] == KHMER_COENG:
            clusters[-1] = (clusters[-1][0], end)
        else:
            clusters.append((start, end))
    return clusters


def tai_viet_syllables(run: str) -> list[tuple[int, int]]:
    """The syllables of a Tai Viet run, as (start, end) offsets.

    Tai Viet writes some vowels before the consonant they follow in speech
    (ꪹ, ꪵ, ꪶ, ꪻ, ꪼ): such a vowel opens a syllable. A consonant opens one
    when a vowel is written on or after it, or when the syllable before it
    already has its closing consonant; otherwise it closes that syllable.
    The letters ꪮ and ꪯ after a bare consonant write its vowel; ꪪ and ꪫ
    between a consonant and its vowel round it. Tone marks
    and punctuation stay with the syllable before them.
    """
    clusters = list(_clusters(run, "blt"))
    syllables: list[tuple[int, int]] = []
    onset_pending = closed = True
    voiced = False  # the syllable so far has a written vowel
    for index, (start, end) in enumerate(clusters):
        cluster = run[start:end]
        following = ""
        if index + 1 < len(clusters):
            following = run[end : clusters[index + 1][1]]
        opens = False
        if TAI_VIET_WORD_SYMBOLS.match(cluster):
            opens, onset_pending, closed = True, True, True
        elif TAI_VIET_PREVOWELS.match(cluster):
            opens, onset_pending, closed, voiced = True, True, False, True
        elif TAI_VIET_CONSONANTS.match(cluster):
            if onset_pending and syllables and not closed:
                onset_pending = False
            elif (
                syllables
                and not (voiced or closed or onset_pending)
                and TAI_VIET_MEDIALS.match(cluster)
                and TAI_VIET_VOWELS.match(following)
            ):
                voiced = True
            elif (
                TAI_VIET_VOWELS.search(cluster)
                or TAI_VIET_VOWELS.match(following)
                or TAI_VIET_ROUNDED_ONSET.match(run, end)
                or closed
            ):
                opens, onset_pending, closed = True, False, False
                voiced = bool(TAI_VIET_VOWELS.search(cluster + following))
            elif not voiced and TAI_VIET_VOWEL_LETTERS.match(cluster):
                voiced = True
            else:
                closed = True
        if opens or not syllables:
            syllables.append((start, end))
        else:
            syllables[-1] = (syllables[-1][0], end)
    return syllables


SYLLABLE_COUNTERS: dict[str, Callable[[str], list[tuple[int, int]]]] = {
    "Khmr": khmer_syllables,
    "Tavt": tai_viet_syllables,
}


def syllable_count(text: str, script: str) -> int:
    """Syllables of `text` in `script` (Khmer or Tai Viet); other text in it
    counts one a word."""
    characters = SCRIPT_CHARACTERS[script]
    count = 0
    for run in re.findall(f"[{characters}]+", text):
        count += len(SYLLABLE_COUNTERS[script](run))
    rest = re.sub(f"[{characters}]+", " ", text)
    return count + sum(1 for word in rest.split() if any(c.isalnum() for c in word))


def reading_units(text: str, language: Language) -> int:
    """How many of the language's reading units (words or syllables) `text`
    holds, to time it at the language's reading rate."""
    if language.reading_unit == "syllables":
        return syllable_count(text, language.script)
    return len(text.split())
