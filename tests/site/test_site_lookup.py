"""The request's site and home page come from the cache, and any change to
a site or a home page is seen on the very next request."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, Site

from tests.factories import HomePageFactory

# A query string keeps the whole-page cache out of the way.
UNCACHED = "/vi/?fresh=1"


def site_queries(client, path=UNCACHED) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [query["sql"] for query in queries if "wagtailcore_site" in query["sql"]]


def test_the_site_is_looked_up_once(client, home_page):
    assert site_queries(client)
    assert site_queries(client) == []


def test_a_republished_home_page_is_seen_at_once(client, home_page):
    client.get(UNCACHED)
    home_page.intro_vi = "Chào mừng đến với Loa, bản mới."
    home_page.save_revision().publish()
    assert "bản mới" in client.get(UNCACHED).content.decode()


def test_a_site_moved_to_another_home_page_is_seen_at_once(client, home_page):
    client.get(UNCACHED)
    other = HomePageFactory(
        parent=Page.get_first_root_node(),
        slug="other-home",
        intro_vi="Trang chủ thứ hai của tỉnh.",
    )
    Site.objects.filter(is_default_site=True).update(root_page=other)
    # A bulk update sends no signal; saving the site does.
    Site.objects.get(is_default_site=True).save()
    assert "Trang chủ thứ hai" in client.get(UNCACHED).content.decode()
