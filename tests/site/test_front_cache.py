"""What each change purges from the shared cache in front: exactly the
addresses it made stale, in every language, once the change is committed.

The purges are received by a small HTTP server standing where the cache
would be; tests/site/test_shared_cache.py runs the real cache.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.test import override_settings

import pytest

from content.models import Topic
from locales.registry import load_languages
from tests.factories import FAQAnswerPageFactory, PolicyExplainerPageFactory
from tests.page_forms import publish_in_editor
from tests.processes import PUBLIC_URL

LANGUAGES = [language.code for language in load_languages()]


class Receiver(BaseHTTPRequestHandler):
    received: list[tuple[str, str, str]]

    def do_PURGE(self):
        self.answer()

    def do_BAN(self):
        self.answer()

    def answer(self):
        self.received.append((self.command, self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purges(settings):
    """The (method, host, path) of every purge the cache in front receives
    from now on. Asked for after the other fixtures: what they made is not
    purged (nothing was in front then)."""
    received = []
    handler = type("Handler", (Receiver,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    location = f"http://127.0.0.1:{server.server_port}"
    cache = {"BACKEND": "web.front_cache.VarnishBackend", "LOCATION": location}
    with override_settings(
        LOA_PUBLIC_URL=PUBLIC_URL, WAGTAILFRONTENDCACHE={"shared": cache}
    ):
        yield received
    server.shutdown()


def paths(purges) -> set[str]:
    assert {host for _method, host, _path in purges} == {"loa.example"}
    return {path for method, _host, path in purges if method == "PURGE"}


def test_a_publish_purges_the_piece_and_what_shows_it_in_every_language(
    client,
    explainer_index,
    faq_index,
    admin_user,
    django_capture_on_commit_callbacks,
    purges,
):
    with django_capture_on_commit_callbacks(execute=True):
        piece = PolicyExplainerPageFactory(parent=explainer_index)
        listing = FAQAnswerPageFactory(parent=faq_index)
        listing.related_explainers.add(piece)
        listing.save_revision().publish()
        other = PolicyExplainerPageFactory(parent=explainer_index)
    purges.clear()

    with django_capture_on_commit_callbacks(execute=True):
        publish_in_editor(client, piece, admin_user, summary_vi="Mức đóng mới.")

    purged = paths(purges)
    for code in LANGUAGES:
        page = f"/{code}/explainers/{piece.slug}/"
        assert {page, page + "pdf/", page + "pdf/a5/", page + "v/1/"} <= purged
        assert {f"/{code}/", f"/{code}/explainers/"} <= purged
        assert f"/{code}/faq/{listing.slug}/" in purged
        assert f"/{code}/explainers/{other.slug}/" not in purged
    assert len(purges) == len(purged), "each address once"


def test_nothing_is_purged_before_the_change_is_committed(
    client, explainer_index, admin_user, django_capture_on_commit_callbacks, purges
):
    with django_capture_on_commit_callbacks(execute=True):
        piece = PolicyExplainerPageFactory(parent=explainer_index)
    purges.clear()
    # The test's transaction is never committed.
    publish_in_editor(client, piece, admin_user, summary_vi="Mức đóng mới.")
    assert purges == []


def test_a_page_made_private_is_purged(
    client, explainer_index, admin_user, django_capture_on_commit_callbacks, purges
):
    with django_capture_on_commit_callbacks(execute=True):
        piece = PolicyExplainerPageFactory(parent=explainer_index)
    purges.clear()
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/pages/{piece.pk}/privacy/",
            {"restriction_type": "login", "password": "", "groups": []},
        )
    assert f"/km/explainers/{piece.slug}/pdf/" in paths(purges)


def test_a_renamed_topic_bans_everything(
    client, admin_user, django_capture_on_commit_callbacks, purges
):
    with django_capture_on_commit_callbacks(execute=True):
        topic = Topic.objects.create(name="Bảo hiểm y tế", slug="bao-hiem-y-te")
    purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        topic.name_vi = "Bảo hiểm y tế hộ gia đình"
        topic.save()
    assert purges == [("BAN", "loa.example", "/")]
