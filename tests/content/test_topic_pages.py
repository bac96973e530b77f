import pytest

from tests.factories import (
    FAQAnswerPageFactory,
    PolicyExplainerPageFactory,
    TopicFactory,
    TopicIndexPageFactory,
)


@pytest.fixture
def topic_index(home_page):
    return TopicIndexPageFactory(parent=home_page)


def test_topic_index_lists_every_topic(client, topic_index):
    TopicFactory(slug="voluntary", name_vi="Bảo hiểm xã hội tự nguyện")
    TopicFactory(slug="household", name_vi="Bảo hiểm y tế hộ gia đình")
    html = client.get("/vi/topics/").content.decode()
    assert 'href="/vi/topics/voluntary/"' in html
    assert 'href="/vi/topics/household/"' in html


def test_topic_page_lists_its_material_only(
    client, topic_index, explainer_index, faq_index, django_assert_max_num_queries
):
    topic = TopicFactory(slug="withdrawal", name_vi="Rút một lần")
    on_topic = PolicyExplainerPageFactory(parent=explainer_index)
    off_topic = PolicyExplainerPageFactory(parent=explainer_index)
    answer = FAQAnswerPageFactory(parent=faq_index)
    for piece in (on_topic, answer):
        piece.topics.add(topic)
        piece.save_revision().publish()
    client.get("/vi/topics/withdrawal/")
    # Routing and access checks (6), the topic, the private sections, and one
    # list per kind of material: constant however much material there is.
    with django_assert_max_num_queries(11):
        response = client.get("/rad/topics/withdrawal/")
    html = response.content.decode()
    assert response.status_code == 200
    assert on_topic.title_vi in html
    assert answer.title_vi in html
    assert off_topic.title_vi not in html


def test_unknown_topic_is_not_found(client, topic_index):
    response = client.get("/vi/topics/no-such-topic/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
