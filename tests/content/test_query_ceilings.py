"""Every public page type renders within a fixed number of queries, whatever
the volume of material (the same ceilings `make bench` reports)."""

import pytest

from tests.factories import (
    FAQAnswerPageFactory,
    PolicyExplainerPageFactory,
    RadioScriptPageFactory,
    TopicFactory,
    TopicIndexPageFactory,
)


@pytest.fixture
def site(home_page, explainer_index, faq_index, radio_index):
    topic = TopicFactory(slug="voluntary")
    TopicIndexPageFactory(parent=home_page)
    pieces = {}
    for _ in range(4):
        explainer = PolicyExplainerPageFactory(parent=explainer_index)
        answer = FAQAnswerPageFactory(parent=faq_index)
        script = RadioScriptPageFactory(parent=radio_index)
        for piece in (explainer, answer, script):
            piece.topics.add(topic)
            piece.save_revision().publish()
        pieces = {"explainers": explainer, "faq": answer, "radio": script}
    return pieces


@pytest.mark.parametrize(
    ("path", "ceiling"),
    [
        ("/vi/", 10),
        ("/rad/explainers/{explainers}/", 8),
        ("/vi/radio/{radio}/", 8),
        ("/vi/faq/{faq}/", 9),
        ("/vi/faq/", 9),
        ("/vi/explainers/", 9),
        ("/vi/topics/voluntary/", 11),
        ("/vi/search/?q=b%E1%BA%A3o+hi%E1%BB%83m", 6),
    ],
)
def test_public_pages_stay_within_their_query_ceiling(
    client, site, path, ceiling, django_assert_max_num_queries
):
    url = path.format(**{name: piece.slug for name, piece in site.items()})
    client.get("/en/")  # warm: the site's root paths and content types are loaded
    with django_assert_max_num_queries(ceiling):
        assert client.get(url).status_code == 200
