"""Routing from the home page: where a path leads is kept until the next
publish, move or deletion, and view restrictions are looked up only while a
page of the site has one."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from tests.factories import PolicyExplainerPageFactory


@pytest.fixture
def reader(client, db):
    """A signed-in visitor: the whole-page cache does not serve them."""
    client.force_login(get_user_model().objects.create_user("ban-doc"))
    return client


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_a_path_once_found_takes_fewer_queries_until_the_next_publish(
    reader, explainer_index
):
    page = PolicyExplainerPageFactory(parent=explainer_index)
    url = f"/vi/explainers/{page.slug}/"
    reader.get("/vi/")  # the site, looked up once per generation
    first = queries(reader, url)
    again = queries(reader, url)
    assert again < first
    PolicyExplainerPageFactory(parent=explainer_index)
    reader.get("/vi/")
    assert queries(reader, url) == first
    assert queries(reader, url) == again


def test_a_path_not_found_is_found_once_published(reader, explainer_index):
    assert reader.get("/vi/explainers/se-co/").status_code == 404
    PolicyExplainerPageFactory(parent=explainer_index, slug="se-co")
    assert reader.get("/vi/explainers/se-co/").status_code == 200


def test_a_deleted_or_moved_page_is_not_found_where_it_was(
    reader, explainer_index, faq_index
):
    gone = PolicyExplainerPageFactory(parent=explainer_index)
    moved = PolicyExplainerPageFactory(parent=explainer_index)
    for page in (gone, moved):
        assert reader.get(f"/vi/explainers/{page.slug}/").status_code == 200
    gone.delete()
    assert reader.get(f"/vi/explainers/{gone.slug}/").status_code == 404
    moved.move(faq_index, pos="last-child")
    response = reader.get(f"/vi/explainers/{moved.slug}/")
    assert response.status_code != 200


def test_a_restriction_added_later_applies_at_once(reader, explainer_index):
    page = PolicyExplainerPageFactory(parent=explainer_index)
    url = f"/vi/explainers/{page.slug}/"
    assert reader.get(url).status_code == 200
    PageViewRestriction.objects.create(
        page=explainer_index,
        restriction_type="password",
        password="loa",  # noqa: S106
    )
    response = reader.get(url)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
