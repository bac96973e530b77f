import unicodedata

from locales.normalize import fold, nfc
from tests.factories import PolicyExplainerPageFactory, stream


def nfd(text):
    return unicodedata.normalize("NFD", text)


def test_fold_ignores_case_accents_and_d_with_stroke():
    assert fold("Bảo hiểm Y TẾ") == "bao hiem y te"
    assert fold(nfd("bảo hiểm")) == fold("bảo hiểm") == "bao hiem"
    assert fold("Đóng  đủ") == "dong du"
    assert fold("Êđê") == "ede"
    assert fold("bảo\x00hiểm\tY\u200bTế") == "bao hiem y te"


def test_nfc_composes_decomposed_vietnamese():
    assert nfc(nfd("Tiếng Việt")) == "Tiếng Việt"
    assert len(nfc(nfd("ệ"))) == 1


def test_translated_fields_are_stored_composed(explainer_index):
    page = PolicyExplainerPageFactory(
        parent=explainer_index,
        title_vi=nfd("Bảo hiểm y tế"),
        summary_vi=nfd("Đóng bảo hiểm"),
        body_vi=stream(("heading", {"text": nfd("Ai được hỗ trợ")})),
    )
    page.refresh_from_db()
    assert page.title_vi == "Bảo hiểm y tế"
    assert page.summary_vi == "Đóng bảo hiểm"
    assert page.body_vi[0].value["text"] == "Ai được hỗ trợ"
