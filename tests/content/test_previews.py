"""Previews in the page editor, as the editor's browser asks for them: the
edit form posted to the preview view, then the preview page fetched."""

from django.contrib.auth import get_user_model

from wagtail.test.utils.form_data import rich_text

import pytest

from campaigns.models import SessionQuestion
from content.models import FAQAnswerPage
from tests.factories import FAQAnswerPageFactory, PolicyExplainerPageFactory
from tests.officer_screens import NEW, post_data
from tests.page_forms import edit_form_as_is


@pytest.fixture
def editor(client, db):
    client.force_login(get_user_model().objects.create_superuser("bien-tap"))
    return client


def preview(client, page, **changes):
    """The preview of `page` as its edit form stands, with `changes` typed."""
    data = edit_form_as_is(client, page)
    data.update(changes)
    url = f"/admin/pages/{page.pk}/edit/preview/"
    checked = client.post(url, data)
    assert checked.json() == {"is_valid": True, "is_available": True}
    return client.get(url)


def test_a_live_faq_answer_previews_with_its_related_explainers(
    editor, faq_index, explainer_index
):
    shown = PolicyExplainerPageFactory(parent=explainer_index, title_vi="Lương hưu")
    answer = FAQAnswerPageFactory(parent=faq_index)
    response = preview(
        editor,
        answer,
        short_answer_vi="Có, từ đủ 15 tuổi.",
        related_explainers=[str(shown.pk)],
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Có, từ đủ 15 tuổi." in html and "Lương hưu" in html


def test_a_draft_explainer_chosen_as_related_is_not_shown_in_a_preview(
    editor, faq_index, explainer_index
):
    draft = PolicyExplainerPageFactory(parent=explainer_index, title_vi="Bản nháp")
    draft.unpublish()
    answer = FAQAnswerPageFactory(parent=faq_index)
    response = preview(editor, answer, related_explainers=[str(draft.pk)])
    assert response.status_code == 200
    assert "Bản nháp" not in response.content.decode()


def test_a_question_promoted_from_a_session_previews_as_it_is_answered(
    editor,
    faq_index,
    setting,
):
    assert editor.post(NEW, post_data(*setting)).status_code == 302
    question = SessionQuestion.objects.get()
    promoted = editor.post(f"/vi/officer/questions/{question.pk}/promote/")
    assert promoted.status_code == 302, promoted
    question.refresh_from_db()
    draft = FAQAnswerPage.objects.get(pk=question.faq_answer_id)
    response = preview(
        editor,
        draft,
        short_answer_vi="Khoảng 330.000 đồng mỗi tháng.",
        full_answer_vi=rich_text("<p>Theo chuẩn nghèo khu vực nông thôn.</p>"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert question.text in html and "Khoảng 330.000 đồng" in html
