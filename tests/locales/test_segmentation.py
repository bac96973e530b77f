"""Words and syllables of Khmer and Tai Viet, the scripts written without
spaces: where lines may break, and how many syllables a broadcaster reads."""

from locales.registry import get_language, load_languages
from locales.segmentation import (
    SCRIPT_CHARACTERS,
    SYLLABLE_COUNTERS,
    ZERO_WIDTH_SPACE,
    html_with_break_opportunities,
    reading_units,
    syllable_count,
    unspaced_scripts,
    with_break_opportunities,
)
from tests.texts_without_spaces import (
    KHMER_SENTENCES,
    KHMER_TEXT,
    TAI_VIET_SENTENCES,
    TAI_VIET_TEXT,
)


def words(text):
    return with_break_opportunities(text).split(ZERO_WIDTH_SPACE)


def test_every_script_written_without_spaces_can_be_segmented():
    scripts = {
        language.script for language in load_languages() if not language.word_spacing
    }
    assert scripts == {"Khmr", "Tavt"} == set(unspaced_scripts())
    assert scripts <= set(SCRIPT_CHARACTERS) & set(SYLLABLE_COUNTERS)


def test_khmer_breaks_between_the_words_of_icus_dictionary():
    assert words("ប័ណ្ណធានារ៉ាប់រងសុខភាពជួយគ្រួសាររបស់អ្នក") == [
        "ប័ណ្ណធានា",
        "រ៉ាប់រង",
        "សុខភាព",
        "ជួយ",
        "គ្រួសារ",
        "របស់",
        "អ្នក",
    ]


def test_tai_viet_breaks_between_syllables_with_vowels_written_before_them():
    assert words("ꪁꪫꪱꪣꪜꪱꪉꪀꪽꪙꪎꪴꪁꪜꪱꪚꪻꪬꪵꪀ꫁ꪹꪭꪙ") == [
        "ꪁꪫꪱꪣ",
        "ꪜꪱꪉ",
        "ꪀꪽꪙ",
        "ꪎꪴꪁ",
        "ꪜꪱꪚ",
        "ꪻꪬ",
        "ꪵꪀ꫁",
        "ꪹꪭꪙ",
    ]


def test_break_opportunities_add_nothing_but_zero_width_spaces():
    for text in (KHMER_TEXT, TAI_VIET_TEXT):
        broken = with_break_opportunities(text)
        assert broken.replace(ZERO_WIDTH_SPACE, "") == text
        assert broken.count(ZERO_WIDTH_SPACE) > len(text) // 12
    vietnamese = "Bảo hiểm y tế hộ gia đình: 4,5 % mức lương cơ sở."
    assert with_break_opportunities(vietnamese) == vietnamese


def test_html_keeps_its_tags_and_attributes_whole():
    html = '<p title="ꪁꪫꪱꪣꪜꪱꪉ"><a href="/km/ប័ណ្ណធានា/">ប័ណ្ណធានារ៉ាប់រង</a></p>'
    assert html_with_break_opportunities(html) == (
        f'<p title="ꪁꪫꪱꪣꪜꪱꪉ"><a href="/km/ប័ណ្ណធានា/">ប័ណ្ណធានា'
        f"{ZERO_WIDTH_SPACE}រ៉ាប់រង</a></p>"
    )


def test_khmer_syllables_count_final_consonants_with_their_syllable():
    # ធា-នា-រ៉ាប់-រង-សុខ-ភាព-តាម-គ្រួ-សារ-ជួយ-អ្នក-និង-ក្រុម-គ្រួ-សារ-
    # រ-បស់-អ្នក-នៅ-ពេល-មាន-ជំ-ងឺ-ឬ-គ្រោះ-ថ្នាក់
    assert syllable_count(KHMER_SENTENCES[0], "Khmr") == 26
    assert syllable_count("កម្មករ", "Khmr") == 3
    assert syllable_count("បង់ថ្លៃ", "Khmr") == 2


def test_tai_viet_syllables_count_one_a_syllable_and_a_number_as_a_word():
    assert syllable_count(TAI_VIET_SENTENCES[0], "Tavt") == 16
    assert syllable_count("ꪀꪙꪕꪳꪀ 2025", "Tavt") == 3


def test_reading_units_are_words_where_words_are_spaced():
    assert reading_units("Bảo hiểm y tế hộ gia đình", get_language("vi")) == 7
    assert reading_units(KHMER_SENTENCES[0], get_language("km")) == 26


def test_text_a_form_sends_back_is_left_as_stored():
    html = "<textarea name='notes'>ꪁꪫꪱꪣꪜꪱꪉ</textarea><p>ꪁꪫꪱꪣꪜꪱꪉ</p>"
    assert html_with_break_opportunities(html) == (
        f"<textarea name='notes'>ꪁꪫꪱꪣꪜꪱꪉ</textarea><p>ꪁꪫꪱꪣ{ZERO_WIDTH_SPACE}ꪜꪱꪉ</p>"
    )
