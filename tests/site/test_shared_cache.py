"""The shared cache in front, as production runs it: gunicorn, the purge
worker and Varnish (site/varnish/loa.vcl) on localhost over the demo site,
everything reached over HTTP through the cache as visitors and editors do.

A page is served from the cache the second time; an edit published in the
admin shows through the cache within a second in every language it touches;
a page made private is never served from it again, and a signed-in person
always reaches the app. Runs once, on the embedded default.
"""

import html
import os
import time
from contextlib import ExitStack
from urllib.parse import urlsplit

import pytest
import requests

from bench.app_server import app_server, free_port
from bench.shared_cache_server import shared_cache
from content.models import PolicyExplainerPage
from locales.registry import load_languages
from tests.demo_site import db_worker, demo_site
from tests.page_forms import edit_form_from_html
from tests.site.test_workers_agree import admin_post, logged_in

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="the embedded default only"
)
NEW_SUMMARY = "Từ ngày 1/7/2025, người tham gia được hưởng thêm chế độ thai sản."


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """The cache's base URL, in front of one app server and the worker that
    sends purges."""
    folder = tmp_path_factory.mktemp("shared-cache")
    address = f"http://127.0.0.1:{free_port()}"
    env = demo_site(folder) | {
        "LOA_PUBLIC_URL": address,
        "LOA_SHARED_CACHE_URL": address,
    }
    with ExitStack() as stack:
        app = stack.enter_context(app_server(env, log=folder / "gunicorn.log"))
        port = urlsplit(address).port
        stack.enter_context(shared_cache(port, urlsplit(app).port))
        stack.enter_context(
            db_worker(env, folder / "worker.log", "--queue-name", "purges")
        )
        yield address


def explainers(cache) -> list[dict]:
    listing = requests.get(
        f"{cache}/api/v2/pages/",
        params={"type": "content.PolicyExplainerPage", "limit": 5},
        timeout=10,
    ).json()
    return listing["items"]


def visit(url, **headers):
    return requests.get(url, headers=headers, timeout=10, allow_redirects=False)


def test_a_publish_shows_through_the_cache_at_once(cache):
    piece = explainers(cache)[0]
    path = urlsplit(piece["meta"]["html_url"]).path.removeprefix("/vi")
    pages = {
        language.code: f"{cache}/{language.code}{path}" for language in load_languages()
    }
    assert visit(pages["vi"]).headers["X-Cache"] == "miss"
    again = visit(pages["vi"])
    assert again.headers["X-Cache"] == "hit" and again.status_code == 200
    # Revisited with its ETag, the cache answers 304 itself.
    revisit = visit(pages["vi"], **{"If-None-Match": again.headers["ETag"]})
    assert revisit.status_code == 304 and revisit.headers["X-Cache"] == "hit"

    editor = logged_in(cache, "admin")
    edit = f"/admin/pages/{piece['id']}/edit/"
    data = edit_form_from_html(
        editor.get(cache + edit, timeout=10).text, PolicyExplainerPage
    )
    # The languages that show the Vietnamese summary in place of their own
    # (its start: the page may join words with no-break spaces).
    old_summary = data["summary_vi"].strip()[:40]
    touched = [
        code
        for code, url in pages.items()
        if old_summary in html.unescape(visit(url).text)
    ]
    assert {"vi"} < set(touched) < set(pages)
    for url in pages.values():
        assert visit(url).headers["X-Cache"] == "hit"

    data["summary_vi"] = NEW_SUMMARY
    data["action-publish"] = "action-publish"
    saved = admin_post(editor, cache, edit, data)
    assert saved.status_code == 302, saved.text[:3000]
    published = time.monotonic()
    waiting = set(touched)
    while waiting and time.monotonic() - published < 1:
        waiting = {
            code
            for code in waiting
            if NEW_SUMMARY not in html.unescape(visit(pages[code]).text)
        }
        time.sleep(0.05)
    assert not waiting, f"still the old summary through the cache in {waiting}"
    for code, url in pages.items():
        assert shows_new_summary(url) == (code in touched), code


def shows_new_summary(url) -> bool:
    return NEW_SUMMARY in html.unescape(visit(url).text)


def test_a_page_made_private_is_never_served_from_the_cache(cache):
    piece = explainers(cache)[1]
    url = cache + urlsplit(piece["meta"]["html_url"]).path
    pdf = url + "pdf/"
    for address in (url, url, pdf, pdf):
        visit(address)
    assert visit(url).headers["X-Cache"] == visit(pdf).headers["X-Cache"] == "hit"

    editor = logged_in(cache, "admin")
    admin_post(
        editor,
        cache,
        f"/admin/pages/{piece['id']}/privacy/",
        {"restriction_type": "login", "password": "", "groups": []},
    )
    deadline = time.monotonic() + 1
    while visit(url).status_code == 200 and time.monotonic() < deadline:
        time.sleep(0.05)
    for address in (url, pdf) * 3:
        answer = visit(address)
        assert answer.status_code == 302 and "/login/" in answer.headers["Location"]
        assert answer.headers["X-Cache"] == "miss"
    # A signed-in person passes the cache and reads the page from the app.
    signed_in = editor.get(url, timeout=10)
    assert signed_in.status_code == 200 and signed_in.headers["X-Cache"] == "miss"
    assert "public" not in signed_in.headers.get("Cache-Control", "")
