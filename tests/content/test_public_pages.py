"""Material pages as the public sees them, in every language."""

import pytest

from locales.registry import load_languages
from tests.factories import (
    FAQAnswerPageFactory,
    LegalProvisionFactory,
    PolicyExplainerPageFactory,
    RadioScriptPageFactory,
    TopicFactory,
    stream,
)

CODES = [language.code for language in load_languages()]


@pytest.mark.parametrize("code", CODES)
def test_explainer_renders_in_every_language(client, explainer_index, code):
    page = PolicyExplainerPageFactory(parent=explainer_index)
    response = client.get(f"/{code}/explainers/{page.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{code}"' in html
    assert page.material_code in html
    has_notice = 'role="note"' in html
    assert has_notice == (code not in ("vi", "en"))


def test_explainer_shows_its_body_blocks_and_legal_basis(client, explainer_index):
    provision = LegalProvisionFactory(number="41/2024/QH15", article="Article 100")
    topic = TopicFactory(name_vi="Bảo hiểm xã hội tự nguyện")
    page = PolicyExplainerPageFactory(
        parent=explainer_index,
        body_vi=stream(
            ("key_figures", [{"value": "91,9 %", "label": "dân số có BHYT"}]),
            ("steps", [{"title": "Đến bưu điện xã", "text": ""}]),
            ("callout", {"kind": "warning", "text": "Cân nhắc trước khi rút."}),
        ),
    )
    page.legal_basis.add(provision)
    page.topics.add(topic)
    page.save_revision().publish()
    html = client.get(f"/vi/explainers/{page.slug}/").content.decode()
    assert "<strong>91,9 %</strong>" in html
    assert '<ol class="steps">' in html
    assert "callout-warning" in html
    assert "Luật 41/2024/QH15, Article 100" in html
    assert "Bảo hiểm xã hội tự nguyện" in html


def test_fallback_text_is_marked_with_its_language(client, explainer_index):
    page = PolicyExplainerPageFactory(parent=explainer_index, title_rad="Klei hriăm")
    html = client.get(f"/rad/explainers/{page.slug}/").content.decode()
    assert "<h1>Klei hriăm</h1>" in html
    assert f'<p class="lead" lang="vi">{page.summary_vi}</p>' in html
    assert '<div class="body" lang="vi">' in html


def test_explainer_renders_in_constant_queries(
    client, explainer_index, django_assert_max_num_queries
):
    page = PolicyExplainerPageFactory(parent=explainer_index)
    for _ in range(5):
        page.topics.add(TopicFactory())
        page.legal_basis.add(LegalProvisionFactory())
    page.save_revision().publish()
    client.get(f"/vi/explainers/{page.slug}/")
    with django_assert_max_num_queries(8):
        assert client.get(f"/rad/explainers/{page.slug}/").status_code == 200


def test_explainer_index_with_fifty_items_renders_in_constant_queries(
    client, explainer_index, django_assert_max_num_queries
):
    for _ in range(50):
        PolicyExplainerPageFactory(parent=explainer_index)
    client.get("/vi/explainers/")
    with django_assert_max_num_queries(10):
        html = client.get("/en/explainers/").content.decode()
    assert html.count('class="card"') == 50


def test_faq_index_groups_answers_by_topic(client, faq_index):
    enrolment = TopicFactory(slug="a-enrolment", name_vi="Tham gia")
    withdrawal = TopicFactory(slug="b-withdrawal", name_vi="Rút một lần")
    first = FAQAnswerPageFactory(parent=faq_index)
    second = FAQAnswerPageFactory(parent=faq_index)
    loose = FAQAnswerPageFactory(parent=faq_index)
    first.topics.add(enrolment)
    second.topics.add(enrolment, withdrawal)
    for answer in (first, second):
        answer.save_revision().publish()
    groups = faq_index.answers_by_topic()
    assert [(topic, [a.pk for a in answers]) for topic, answers in groups] == [
        (enrolment, [first.pk, second.pk]),
        (withdrawal, [second.pk]),
        (None, [loose.pk]),
    ]
    html = client.get("/vi/faq/").content.decode()
    assert html.index("Tham gia") < html.index("Rút một lần") < html.index(loose.title)


def test_faq_index_with_fifty_answers_renders_in_constant_queries(
    client, faq_index, django_assert_max_num_queries
):
    topics = [TopicFactory() for _ in range(5)]
    for number in range(50):
        answer = FAQAnswerPageFactory(parent=faq_index)
        answer.topics.add(topics[number % 5])
        answer.save_revision().publish()
    client.get("/vi/faq/")
    with django_assert_max_num_queries(10):
        assert client.get("/km/faq/").status_code == 200


@pytest.mark.parametrize("code", CODES)
def test_faq_answer_and_radio_script_render_in_every_language(
    client, faq_index, radio_index, code
):
    answer = FAQAnswerPageFactory(parent=faq_index)
    script = RadioScriptPageFactory(parent=radio_index)
    html = client.get(f"/{code}/faq/{answer.slug}/").content.decode()
    assert f'<html lang="{code}"' in html
    assert answer.material_code in html
    assert ('role="note"' in html) == (code not in ("vi", "en"))
    html = client.get(f"/{code}/radio/{script.slug}/").content.decode()
    assert script.material_code in html
    assert '<li class="line line-pause">' in html
    # Only Vietnamese exists: every other language shows it, marked.
    assert ('role="note"' in html) == (code != "vi")


def test_index_pages_say_when_they_fall_back(client, faq_index, explainer_index):
    assert 'role="note"' in client.get("/rad/faq/").content.decode()
    assert 'role="note"' not in client.get("/en/faq/").content.decode()
    assert 'role="note"' in client.get("/jra/explainers/").content.decode()
