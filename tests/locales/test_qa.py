"""QA checks catch what translators most often lose."""

import unicodedata
from decimal import Decimal

import pytest

from locales.models import GlossaryTerm
from locales.qa import QAWarning, check_translation, glossary_terms_in, numbers_in

SOURCE = (
    "Tỉnh hỗ trợ thêm 15 % mức đóng; 2.560.179 người có thẻ, đạt 89,89%. "
    "Chi 456 triệu đồng."
)
GOOD_EN = (
    "The province pays an extra 15% of the premium; 2,560,179 people have a "
    "card, 89.89%. 456 million VND was paid."
)

pytestmark = pytest.mark.usefixtures("english")


def checks(warnings):
    return [warning.check for warning in warnings]


def test_numbers_are_read_with_each_languages_separators():
    assert [str(value) for value, _ in numbers_in("2.560.179 và 89,89%", "vi")] == [
        "2560179",
        "89.89",
    ]
    assert [str(value) for value, _ in numbers_in("2,560,179 and 89.89%", "en")] == [
        "2560179",
        "89.89",
    ]
    assert numbers_in("15 %", "rad") == numbers_in("15%", "en")


def test_a_faithful_translation_has_no_warnings():
    assert check_translation(SOURCE, GOOD_EN, "en") == []


def test_a_dropped_percentage_is_caught():
    target = GOOD_EN.replace("an extra 15% of", "part of")
    warnings = check_translation(SOURCE, target, "en")
    assert checks(warnings) == ["numbers"]
    assert "percentage “15 %”" in warnings[0].message


def test_a_percentage_written_as_a_plain_number_is_caught():
    target = GOOD_EN.replace("89.89%", "89.89")
    assert checks(check_translation(SOURCE, target, "en")) == ["numbers"]


def test_a_number_with_the_wrong_separators_is_caught():
    # "2.560.179" read as English is not two and a half million.
    target = GOOD_EN.replace("2,560,179", "2.560.179")
    assert "numbers" in checks(check_translation(SOURCE, target, "en"))


@pytest.mark.django_db
def test_a_missing_glossary_term_is_caught():
    term = GlossaryTerm.objects.create(
        language="en", source_term="mức đóng", translation="contribution"
    )
    warnings = check_translation(SOURCE, GOOD_EN, "en", glossary=[term])
    assert checks(warnings) == ["glossary"]
    assert "contribution" in warnings[0].message
    fixed = GOOD_EN.replace("premium", "contribution")
    assert check_translation(SOURCE, fixed, "en", glossary=[term]) == []


def test_length_over_the_fields_limit_is_caught():
    warnings = check_translation(SOURCE, GOOD_EN, "en", max_length=60)
    assert checks(warnings) == ["length"]


def test_untranslated_source_is_caught():
    assert checks(check_translation(SOURCE, SOURCE, "rad")) == ["untranslated"]
    partly = "Klei hriăm: " + SOURCE
    assert checks(check_translation(SOURCE, partly, "rad")) == ["untranslated"]


def test_unbalanced_markup_and_lost_placeholders_are_caught():
    source = "<p>Xin chào <b>%(name)s</b></p>"
    assert check_translation(source, "<p>Hello <b>%(name)s</b></p>", "en") == []
    warnings = check_translation(source, "<p>Hello <b>friend</p>", "en")
    assert checks(warnings) == ["markup", "markup"]


def test_an_empty_translation_is_not_checked():
    assert check_translation(SOURCE, "  ", "en") == []


def term(source_term, translation):
    return GlossaryTerm(language="en", source_term=source_term, translation=translation)


def test_digits_in_markup_attributes_are_not_numbers():
    assert numbers_in('<p data-block-key="95i5i">Có 3 xã</p>', "vi") == [
        (Decimal(3), False)
    ]
    source = '<p data-block-key="95i5i">Xin chào</p>'
    assert check_translation(source, '<p data-block-key="a1b2c">Hello</p>', "en") == []


def test_a_number_only_in_the_targets_markup_is_missing():
    source = '<p data-block-key="a1b2c">Có 95 xã</p>'
    target = '<p data-block-key="95i5i">There are communes</p>'
    assert checks(check_translation(source, target, "en")) == ["numbers"]


def test_placeholders_are_not_read_as_numbers():
    source = "Xem {1}Điều 2{/1} và {3/}"
    target = "See {1}Article 2{/1} and {3/}"
    assert check_translation(source, target, "en") == []
    warnings = check_translation(source, "See Article 2 and {3/}", "en")
    assert checks(warnings) == ["placeholders", "placeholders"]
    assert "{/1}" in warnings[1].message


def test_python_placeholders_in_plain_fields_are_still_checked():
    warnings = check_translation("Chào %(name)s", "Hello", "en")
    assert checks(warnings) == ["markup"]
    assert warnings[0].blocking


def test_a_glossary_term_matches_whole_words_only():
    card = term("thẻ", "card")
    assert glossary_terms_in("Cụ thể, hãy thêm thông tin.", [card]) == []
    assert glossary_terms_in("Mang theo Thẻ.", [card]) == [card]


def test_a_glossary_term_keeps_its_tone_marks():
    card = term("thẻ", "card")
    assert glossary_terms_in("Như thế là đủ.", [card]) == []
    pay = term("đóng", "pay")
    assert glossary_terms_in("Dòng tiền", [pay]) == []
    # Typed decomposed (NFD), the same word still matches.
    decomposed = unicodedata.normalize("NFD", "Đóng tiền")
    assert glossary_terms_in(decomposed, [pay]) == [pay]


def test_a_longer_glossary_term_covers_the_shorter_ones_inside_it():
    card = term("thẻ", "card")
    insurance = term("bảo hiểm y tế", "health insurance")
    insurance_card = term("thẻ bảo hiểm y tế", "health insurance card")
    glossary = [card, insurance, insurance_card]
    assert glossary_terms_in("Mang theo thẻ bảo hiểm y tế.", glossary) == [
        insurance_card
    ]
    assert glossary_terms_in("Thẻ bảo hiểm y tế và thẻ căn cước.", glossary) == [
        card,
        insurance_card,
    ]


def test_a_glossary_translation_must_be_whole_words_in_the_target():
    card = term("thẻ", "card")
    warnings = check_translation(
        "Mang thẻ.", "Bring your cardigan.", "en", glossary=[card]
    )
    assert checks(warnings) == ["glossary"]
    assert check_translation("Mang thẻ.", "Card needed.", "en", glossary=[card]) == []


@pytest.mark.parametrize(
    "text", ["95%", "41/2024/QH15", "VssID", "31/10/2025", "(1) – 2,5 %", "BHXH 15"]
)
def test_a_text_without_words_is_kept_as_it_is(text):
    assert check_translation(text, text, "rad") == []


def test_a_short_text_with_words_kept_as_it_is_is_untranslated():
    text = "1.800.000 đồng"
    assert checks(check_translation(text, text, "rad")) == ["untranslated"]


def test_a_missing_number_is_quoted_as_the_source_writes_it():
    warnings = check_translation("Đạt 89,89% kế hoạch.", "Plan reached.", "en")
    assert warnings[0].message == (
        "The source's percentage “89,89%” is not in the translation."
    )


def test_a_decimal_point_where_the_language_writes_a_comma_is_explained():
    warnings = check_translation("Đạt 89,89%.", "Đạt 89.89%.", "rad")
    assert [warning.message for warning in warnings] == [
        "The source's percentage “89,89%” is not in the translation "
        "(this language writes decimals with a comma: 89,89%)."
    ]


def test_thousands_grouped_the_other_way_are_explained():
    warnings = check_translation("Có 2.560.179 người.", "2.560.179 people.", "en")
    assert [warning.message for warning in warnings] == [
        "The source's number “2.560.179” is not in the translation "
        "(this language groups thousands with a comma: 2,560,179)."
    ]


def test_lost_content_is_blocking_and_advice_is_not():
    assert QAWarning("length", "Too long.").blocking is False
    target = GOOD_EN.replace("an extra 15% of", "part of")
    warnings = check_translation(
        SOURCE + " {1/}", target, "en", max_length=60, glossary=[term("đạt", "reached")]
    )
    blocking = {warning.check: warning.blocking for warning in warnings}
    assert blocking == {
        "numbers": True,
        "glossary": False,
        "length": False,
        "placeholders": True,
    }
