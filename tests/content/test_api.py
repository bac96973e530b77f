"""The headless API serves live, public pages in the language asked for, says
where a field falls back and how far the translation has got, and never
serves a draft."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from content.models import PieceVersion
from locales.workflow import record_translation, review
from tests.factories import PolicyExplainerPageFactory, translator_user


@pytest.fixture
def explainer(explainer_index):
    page = PolicyExplainerPageFactory(parent=explainer_index)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def detail(client, page, **headers):
    return client.get(f"/api/v2/pages/{page.pk}/", **headers)


def test_locale_chooses_the_language_of_every_field(client, explainer):
    english = client.get(f"/api/v2/pages/{explainer.pk}/?locale=en").json()
    assert english["title"] == explainer.title_en
    assert english["summary"] == explainer.summary_en
    assert english["body"][0]["value"]["text"] == "Who can join"
    assert english["meta"]["language"] == "en"
    assert english["meta"]["fallback"] == {}
    assert english["meta"]["html_url"].endswith(f"/en/explainers/{explainer.slug}/")
    assert english["material_code"] == explainer.material_code
    # The version English readers see, and the revision that made it.
    version = PieceVersion.objects.get(piece=explainer, language="en")
    assert english["version"]["number"] == version.number == 1
    assert english["version"]["revision"] == version.revision_id


def test_a_language_without_a_translation_falls_back_and_says_so(client, explainer):
    ede = client.get(f"/api/v2/pages/{explainer.pk}/?locale=rad").json()
    assert ede["title"] == explainer.title_vi
    assert ede["meta"]["language"] == "rad"
    assert ede["meta"]["fallback"] == {"body": "vi", "summary": "vi", "title": "vi"}
    assert ede["meta"]["translation_state"] == "missing"


def test_the_translation_state_follows_the_workflow(client, explainer):
    translator = translator_user("h-nie", "en", reviewer=True)
    records = [
        record
        for field in ("title", "summary", "body")
        for record in record_translation(
            explainer, field, "en", translator, submit=True
        )
    ]
    state = detail(client, explainer, QUERY_STRING="locale=en").json()["meta"]
    assert state["translation_state"] == "needs_review"
    review(explainer, records, translator, approve=True)
    state = detail(client, explainer, QUERY_STRING="locale=en").json()["meta"]
    assert state["translation_state"] == "approved"
    source = detail(client, explainer, QUERY_STRING="locale=vi").json()["meta"]
    assert source["translation_state"] == "source"


def test_accept_language_chooses_when_no_locale_is_given(client, explainer):
    response = detail(client, explainer, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["title"] == explainer.title_en


def test_an_unknown_locale_is_a_clear_400(client, explainer):
    response = client.get("/api/v2/pages/?locale=xx")
    assert response.status_code == 400
    assert response.json() == {"message": "unknown locale “xx”"}


def test_drafts_are_never_served(client, explainer_index, explainer):
    unpublished = PolicyExplainerPageFactory(parent=explainer_index)
    unpublished.unpublish()
    assert detail(client, unpublished).status_code == 404
    listing = client.get("/api/v2/pages/?type=content.PolicyExplainerPage").json()
    assert [item["id"] for item in listing["items"]] == [explainer.pk]

    explainer.title_vi = "Bản nháp chưa duyệt"
    explainer.save_revision()
    assert detail(client, explainer).json()["title"] != "Bản nháp chưa duyệt"


def test_a_listing_takes_the_same_queries_for_more_pages(
    client, explainer_index, django_assert_max_num_queries
):
    url = "/api/v2/pages/?type=content.PolicyExplainerPage&locale=en"
    PolicyExplainerPageFactory(parent=explainer_index)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    few = len(captured)  # counted now: the log keeps only the latest queries
    for _ in range(5):
        PolicyExplainerPageFactory(parent=explainer_index)
    # New pages start a new published generation: the site is looked up again.
    client.get(url)
    with django_assert_max_num_queries(few):
        response = client.get(url)
    assert response.json()["meta"]["total_count"] == 6


def test_search_takes_the_words_of_any_query(client, explainer):
    """Quotes and operators are dropped, not passed to full-text syntax."""

    def found(query):
        response = client.get("/api/v2/pages/", {"search": query})
        assert response.status_code == 200, query
        return [item["id"] for item in response.json()["items"]]

    words = " ".join(explainer.title.split()[:2])
    assert found(f'"{words}" ); DROP TABLE x; --') == found(f"{words} DROP TABLE x")
    assert found(f"({words}*") == found(words)


def test_addresses_are_at_the_public_address_in_the_language_asked_for(
    client, explainer
):
    """Not Wagtail's site record (localhost:80) nor the host asked."""
    listing = client.get("/api/v2/pages/?locale=rad&type=content.PolicyExplainerPage")
    item = listing.json()["items"][0]
    assert item["meta"]["html_url"] == (
        f"https://loa.example/rad/explainers/{explainer.slug}/"
    )
    assert item["meta"]["detail_url"] == (
        f"https://loa.example/api/v2/pages/{explainer.pk}/"
    )
    ede = client.get(f"/api/v2/pages/{explainer.pk}/?locale=rad").json()
    assert ede["meta"]["html_url"] == item["meta"]["html_url"]
