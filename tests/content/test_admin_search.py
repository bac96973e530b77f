"""The admin's search and page chooser (used to put material in toolkits,
print runs and sessions) find a piece by its material code or its title in
any language."""

import io

from django.core.management import call_command

from wagtail.search.models import IndexEntry

import pytest

from tests.factories import PolicyExplainerPageFactory


@pytest.mark.parametrize("query", ["code", "tự nguyện", "Voluntary social"])
def test_the_page_chooser_finds_a_piece(admin_client, explainer_index, query):
    piece = PolicyExplainerPageFactory(parent=explainer_index)
    query = piece.material_code if query == "code" else query
    found = admin_client.get("/admin/choose-page/search/", {"q": query})
    assert [page.pk for page in found.context["pages"]] == [piece.pk]


@pytest.mark.parametrize("query", ["code", "Voluntary social"])
def test_the_admin_search_finds_a_piece(admin_client, explainer_index, query):
    piece = PolicyExplainerPageFactory(parent=explainer_index)
    query = piece.material_code if query == "code" else query
    found = admin_client.get("/admin/pages/search/", {"q": query})
    assert piece.pk in [page.pk for page in found.context["pages"]]


def test_rebuild_search_fills_the_admins_index(admin_client, explainer_index):
    """Publishes reach the admin's index through the background worker;
    `rebuild_search` (which `load_demo` runs) fills it at once."""
    piece = PolicyExplainerPageFactory(parent=explainer_index)
    IndexEntry.objects.all().delete()
    call_command("rebuild_search", stdout=io.StringIO())
    found = admin_client.get("/admin/choose-page/search/", {"q": piece.material_code})
    assert [page.pk for page in found.context["pages"]] == [piece.pk]
