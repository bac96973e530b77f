"""Anonymous visitors get cached pages, never older than the last publish."""

from django.conf import settings
from django.contrib.auth import get_user_model

from wagtail.models import PageViewRestriction

import pytest

from tests.factories import (
    LegalProvisionFactory,
    PolicyExplainerPageFactory,
    TopicFactory,
)


@pytest.fixture
def explainer(explainer_index):
    return PolicyExplainerPageFactory(parent=explainer_index, summary_vi="Bản đầu.")


def visit(client, path):
    response = client.get(path)
    return response, response.get("X-Loa-Cache")


def test_a_second_visit_is_served_from_the_cache_per_language(
    client, explainer, django_assert_num_queries
):
    url = f"/vi/explainers/{explainer.slug}/"
    assert visit(client, url)[1] == "miss"
    # Only the published generation is read, from the table every process
    # shares on the embedded default (from Redis when it is set).
    with django_assert_num_queries(0 if settings.REDIS_URL else 1):
        response, state = visit(client, url)
    assert state == "hit" and "Bản đầu." in response.content.decode()
    assert response["Content-Language"] == "vi"
    assert visit(client, f"/rad/explainers/{explainer.slug}/")[1] == "miss"


def test_publishing_shows_the_new_text_at_once_everywhere(client, explainer):
    page_url = f"/vi/explainers/{explainer.slug}/"
    index_url = "/vi/explainers/"
    visit(client, page_url)
    visit(client, index_url)
    explainer.title_vi = "Tiêu đề mới"
    explainer.summary_vi = "Bản mới."
    explainer.save_revision().publish()
    response, state = visit(client, page_url)
    assert state == "miss" and "Bản mới." in response.content.decode()
    assert "Tiêu đề mới" in visit(client, index_url)[0].content.decode()


def test_unpublishing_and_moving_start_afresh(client, explainer, faq_index):
    url = f"/vi/explainers/{explainer.slug}/"
    visit(client, url)
    explainer.unpublish()
    assert client.get(url).status_code == 404
    explainer.save_revision().publish()
    visit(client, url)
    explainer.move(faq_index, pos="last-child")
    moved = client.get(url)
    assert (moved.status_code, moved["Location"]) == (301, f"/vi/faq/{explainer.slug}/")


def test_renaming_a_topic_refreshes_the_pages(client, explainer):
    topic = TopicFactory(name_vi="Chủ đề cũ")
    explainer.topics.add(topic)
    explainer.save_revision().publish()
    url = f"/vi/explainers/{explainer.slug}/"
    assert "Chủ đề cũ" in visit(client, url)[0].content.decode()
    topic.name_vi = "Chủ đề mới"
    topic.save()
    assert "Chủ đề mới" in visit(client, url)[0].content.decode()


def test_logged_in_users_and_queries_are_never_cached(client, explainer):
    url = f"/vi/explainers/{explainer.slug}/"
    client.force_login(get_user_model().objects.create_user("editor"))
    assert visit(client, url)[1] is None
    client.logout()
    assert visit(client, "/vi/search/?q=bảo hiểm")[1] is None
    assert visit(client, "/vi/no-such-page/")[1] is None


def test_a_password_protected_page_is_not_cached(client, explainer):
    PageViewRestriction.objects.create(
        page=explainer,
        restriction_type="password",
        password="loa",  # noqa: S106
    )
    url = f"/vi/explainers/{explainer.slug}/"
    assert visit(client, url)[1] is None
    assert visit(client, url)[1] is None


def test_a_page_made_private_leaves_the_cache_at_once(client, explainer):
    url = f"/vi/explainers/{explainer.slug}/"
    visit(client, url)
    assert visit(client, url)[1] == "hit"
    restriction = PageViewRestriction.objects.create(
        page=explainer, restriction_type="login"
    )
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    restriction.delete()
    assert visit(client, url)[0].status_code == 200


def test_a_deleted_topic_leaves_the_pages_that_named_it(client, explainer):
    topic = TopicFactory(name_vi="Chủ đề sẽ xoá")
    explainer.topics.add(topic)
    explainer.save_revision().publish()
    url = f"/vi/explainers/{explainer.slug}/"
    assert "Chủ đề sẽ xoá" in visit(client, url)[0].content.decode()
    topic.delete()
    assert "Chủ đề sẽ xoá" not in visit(client, url)[0].content.decode()


def test_signed_in_readers_see_cited_topics_and_provisions_change_at_once(
    client, explainer, django_user_model
):
    client.force_login(django_user_model.objects.create_user("ban-doc"))
    topic = TopicFactory(name_vi="Chủ đề cũ")
    explainer.topics.add(topic)
    explainer.save_revision().publish()
    url = f"/vi/explainers/{explainer.slug}/"
    for _ in range(2):
        assert "Chủ đề cũ" in client.get(url).content.decode()
    topic.name_vi = "Chủ đề mới"
    topic.save()
    assert "Chủ đề mới" in client.get(url).content.decode()
    provision = LegalProvisionFactory(title_vi="Luật Bảo hiểm y tế sửa đổi")
    explainer.legal_basis.add(provision)
    explainer.save_revision().publish()
    assert "Luật Bảo hiểm y tế sửa đổi" in client.get(url).content.decode()


def test_a_preview_shows_the_topics_of_the_draft(rf, explainer):
    published, drafted = (
        TopicFactory(name_vi=name)
        for name in ("Chủ đề đã xuất bản", "Chủ đề của bản nháp")
    )
    explainer.topics.add(published)
    explainer.save_revision().publish()
    explainer.refresh_from_db()
    request = rf.get("/")
    kept = explainer.get_context(request)["topics"]  # the live page's, now kept
    assert kept == [published]
    draft = explainer.get_latest_revision_as_object()
    draft.topics = [drafted]
    request.is_preview = True
    assert draft.get_context(request)["topics"] == [drafted]
