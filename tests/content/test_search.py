"""Search finds material in any language, with or without accents."""

import unicodedata
from io import StringIO

from django.core.management import call_command

from wagtail.models import PageViewRestriction

import pytest

from content.models import SearchDocument
from tests.factories import FAQAnswerPageFactory, PolicyExplainerPageFactory, stream


@pytest.fixture
def withdrawal(explainer_index):
    return PolicyExplainerPageFactory(
        parent=explainer_index,
        slug="rut-mot-lan",
        title_vi="Nhận bảo hiểm xã hội một lần",
        title_en="Taking social insurance as a one-time payment",
        summary_vi="Cân nhắc trước khi rút: mất quyền lương hưu.",
        summary_en="Think twice: you give up your pension.",
        body_vi=stream(("paragraph", "<p>Đóng đủ để có <b>lương hưu</b>.</p>")),
        body_en=stream(("paragraph", "<p>Keep paying to earn a pension.</p>")),
    )


def result_titles(client, code, query):
    response = client.get(f"/{code}/search/", {"q": query})
    assert response.status_code == 200
    return [page.title for page in response.context["results"]]


def test_search_ignores_accents_and_d_with_stroke(client, withdrawal):
    assert result_titles(client, "vi", "dong du") == [withdrawal.title_vi]
    assert result_titles(client, "vi", "ĐÓNG") == [withdrawal.title_vi]
    assert result_titles(client, "vi", "luong huu") == [withdrawal.title_vi]


def test_decomposed_and_composed_queries_find_the_same(client, withdrawal):
    decomposed = unicodedata.normalize("NFD", "bảo hiểm xã hội")
    assert result_titles(client, "vi", decomposed) == [withdrawal.title_vi]
    assert result_titles(client, "vi", "bảo hiểm xã hội") == [withdrawal.title_vi]


def test_search_finds_text_in_any_language_and_shows_the_visitors(client, withdrawal):
    assert result_titles(client, "en", "pension") == [withdrawal.title_en]
    # Searched in English words from an Ede page: shown with the Vietnamese
    # title it falls back to, marked as Vietnamese.
    response = client.get("/rad/search/", {"q": "pension"})
    html = response.content.decode()
    assert f'lang="vi">{withdrawal.title_vi}</a>' in html


def test_every_word_must_match(client, withdrawal):
    assert result_titles(client, "vi", "lương hưu") == [withdrawal.title_vi]
    assert result_titles(client, "vi", "lương thẻ-căn-cước") == []


def test_title_matches_come_first(client, withdrawal, faq_index):
    answer = FAQAnswerPageFactory(
        parent=faq_index,
        title_vi="Rút một lần có mất lương hưu không?",
        short_answer_vi="Có.",
    )
    titles = result_titles(client, "vi", "lương hưu")
    assert titles == [answer.title_vi, withdrawal.title_vi]


def test_unpublished_material_is_not_found(client, withdrawal):
    withdrawal.unpublish()
    assert not SearchDocument.objects.filter(page=withdrawal).exists()
    assert result_titles(client, "vi", "lương hưu") == []


def test_private_material_is_not_found(client, withdrawal, django_user_model):
    PageViewRestriction.objects.create(
        page=withdrawal, restriction_type=PageViewRestriction.LOGIN
    )
    assert result_titles(client, "vi", "lương hưu") == []
    client.force_login(django_user_model.objects.create_user("can-bo"))
    assert result_titles(client, "vi", "lương hưu") == []


@pytest.mark.parametrize(
    "query",
    ["%", "_", "' OR 1=1 --", ".*", "(", "\\", "a" * 5000, "đ " * 300, "\x00"],
)
def test_hostile_queries_are_answered_safely(client, withdrawal, query):
    response = client.get("/vi/search/", {"q": query})
    assert response.status_code == 200
    assert len(response.context["results"]) <= 1


def test_empty_query_shows_the_form(client, db):
    response = client.get("/vi/search/")
    assert response.status_code == 200
    assert response.context["results"] == []
    assert 'name="q"' in response.content.decode()


def test_search_runs_in_constant_queries(
    client, explainer_index, django_assert_max_num_queries
):
    for _ in range(20):
        PolicyExplainerPageFactory(parent=explainer_index)
    client.get("/vi/search/", {"q": "bảo hiểm"})  # the site, found once per server
    with django_assert_max_num_queries(5):
        response = client.get("/vi/search/", {"q": "bảo hiểm"})
    assert len(response.context["results"]) == 20


def test_rebuild_search_indexes_published_material_only(
    client, withdrawal, explainer_index
):
    draft = PolicyExplainerPageFactory(parent=explainer_index, title_vi="Bản nháp")
    draft.unpublish()
    SearchDocument.objects.all().delete()
    output = StringIO()
    call_command("rebuild_search", stdout=output)
    assert "Indexed 1 published pieces." in output.getvalue()
    assert list(SearchDocument.objects.values_list("page_id", flat=True)) == [
        withdrawal.pk
    ]
