from django.core.exceptions import ValidationError
from django.utils import translation

import pytest

from content.models import MaterialCode, PolicyExplainerPage
from tests.factories import FAQAnswerPageFactory, PolicyExplainerPageFactory


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


def test_codes_are_assigned_in_sequence_per_kind(explainer_index, faq_index):
    first = PolicyExplainerPageFactory(parent=explainer_index)
    second = PolicyExplainerPageFactory(parent=explainer_index)
    answer = FAQAnswerPageFactory(parent=faq_index)
    assert first.material_code == "EXP-0001"
    assert second.material_code == "EXP-0002"
    assert answer.material_code == "FAQ-0001"


def test_code_survives_edits_and_publishing(explainer_index):
    page = PolicyExplainerPageFactory(parent=explainer_index)
    code = page.material_code
    page.title_vi = "Tiêu đề mới"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.material_code == code


def test_code_of_a_deleted_piece_is_never_reused(explainer_index):
    page = PolicyExplainerPageFactory(parent=explainer_index)
    assert page.material_code == "EXP-0001"
    page.delete()
    assert (
        PolicyExplainerPageFactory(parent=explainer_index).material_code == "EXP-0002"
    )


def test_an_existing_printed_code_can_be_given_to_a_new_piece(explainer_index):
    page = PolicyExplainerPageFactory(parent=explainer_index, material_code="EXP-0042")
    assert page.material_code == "EXP-0042"
    assert MaterialCode.objects.filter(prefix="EXP", number=42).exists()
    assert (
        PolicyExplainerPageFactory(parent=explainer_index).material_code == "EXP-0043"
    )


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("FAQ-0001", "looks like EXP-0007"),
        ("EXP-12", "looks like EXP-0007"),
        ("exp-0001", "looks like EXP-0007"),
    ],
)
def test_malformed_codes_are_refused(explainer_index, code, message):
    with pytest.raises(ValidationError, match=message):
        PolicyExplainerPageFactory(parent=explainer_index, material_code=code)
    assert not PolicyExplainerPage.objects.exists()


def test_a_code_in_use_is_refused(explainer_index):
    PolicyExplainerPageFactory(parent=explainer_index, material_code="EXP-0005")
    with pytest.raises(ValidationError, match="already has this material code"):
        PolicyExplainerPageFactory(parent=explainer_index, material_code="EXP-0005")
    assert PolicyExplainerPage.objects.count() == 1


def test_a_code_issued_before_is_refused(explainer_index):
    PolicyExplainerPageFactory(parent=explainer_index).delete()
    with pytest.raises(ValidationError, match="EXP-0001 was issued before"):
        PolicyExplainerPageFactory(parent=explainer_index, material_code="EXP-0001")


def test_a_copy_gets_its_own_code(explainer_index):
    page = PolicyExplainerPageFactory(parent=explainer_index)
    copy = page.copy(update_attrs={"slug": "copy-of-page"})
    assert copy.material_code != page.material_code
    assert copy.material_code == "EXP-0002"
