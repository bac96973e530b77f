"""Two gunicorn workers on the embedded default (SQLite, no Redis), as `make
run` and `make bench` serve it: what is withdrawn through one worker is gone
from both at once, and failed logins are counted across both.

Each request goes on a new connection, so the two workers share them out.
Runs once, on the embedded default; the PostgreSQL-and-Redis pass has
`test_scale_out.py`.
"""

import os
import re
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
import requests

from bench.app_server import app_server
from tests.demo_site import DEMO_PASSWORD, demo_site

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="the embedded default only"
)
VISITS = 30
# The admin speaks Vietnamese: "Too many failed logins…"
THROTTLED = "Đăng nhập sai quá nhiều lần"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("two-workers")
    env = demo_site(folder)
    with app_server(env, workers=2, log=folder / "gunicorn.log") as url:
        wait_for_both_workers(url)
        yield url


def wait_for_both_workers(url: str) -> None:
    """The server answers once one worker is up; the other may still be
    loading. Each worker renders the home page once (a miss) and then serves
    it from its own memory: two misses, two workers."""
    misses = 0
    deadline = time.monotonic() + 60
    while misses < 2:
        assert time.monotonic() < deadline, "the second worker never answered"
        misses += [cache for _, cache in anonymous_visits(f"{url}/vi/")].count("miss")


def faq_answers(url: str) -> list[dict]:
    """The demo's FAQ answers in Vietnamese, as the public API lists them."""
    listing = requests.get(
        f"{url}/api/v2/pages/",
        params={"type": "content.FAQAnswerPage", "locale": "vi", "limit": 5},
        timeout=10,
    ).json()
    return listing["items"]


def anonymous_visits(url: str) -> list[tuple[int, str]]:
    """Status and cache state of VISITS anonymous requests, each on a new
    connection, four at a time: a worker takes one request at a time, so
    both workers take some."""

    def visit(_):
        answer = requests.get(url, timeout=10, allow_redirects=False)
        return answer.status_code, answer.headers.get("X-Loa-Cache")

    with ThreadPoolExecutor(max_workers=4) as visitors:
        return list(visitors.map(visit, range(VISITS)))


def logged_in(url: str, username: str) -> requests.Session:
    session = requests.Session()
    login = f"{url}/admin/login/"
    session.get(login, timeout=10)
    response = try_password(session, url, username, DEMO_PASSWORD)
    assert response.status_code == 302, response.text[:1000]
    return session


def try_password(session, url: str, username: str, password: str):
    login = f"{url}/admin/login/"
    if "csrftoken" not in session.cookies:
        session.get(login, timeout=10)
    return session.post(
        login,
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": login},
        allow_redirects=False,
        timeout=10,
    )


def admin_post(session, url: str, path: str, data: dict):
    """Post an admin form as the editor's browser does."""
    page = session.get(url + path, timeout=10)
    assert page.ok, page.status_code
    response = session.post(
        url + path,
        data={**data, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        headers={"Referer": url + path},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code in (200, 302), response.text[:1000]
    return response


def test_a_page_withdrawn_through_one_worker_is_gone_from_both(site):
    unpublished, made_private = faq_answers(site)[:2]
    urls = [
        site + urlsplit(page["meta"]["html_url"]).path
        for page in (unpublished, made_private)
    ]
    for url in urls:
        visits = anonymous_visits(url)
        assert {status for status, _cache in visits} == {200}
        # Each worker rendered the page once and has served it from its
        # memory since.
        assert [cache for _status, cache in visits].count("miss") == 2

    editor = logged_in(site, "admin")
    admin_post(editor, site, f"/admin/pages/{unpublished['id']}/unpublish/", {})
    assert {status for status, _ in anonymous_visits(urls[0])} == {404}

    admin_post(
        editor,
        site,
        f"/admin/pages/{made_private['id']}/privacy/",
        {"restriction_type": "login", "password": "", "groups": []},
    )
    for status, _cache in anonymous_visits(urls[1]):
        assert status == 302
    answer = requests.get(urls[1], timeout=10, allow_redirects=False)
    assert re.search(r"/login/", answer.headers["Location"])


def test_failed_logins_are_counted_across_both_workers(site):
    for _ in range(5):
        refused = try_password(requests.Session(), site, "reviewer-rad", "wrong")
        assert refused.status_code == 200
        assert THROTTLED not in refused.text

    def right_password(_):
        answer = try_password(requests.Session(), site, "reviewer-rad", DEMO_PASSWORD)
        return answer.status_code, THROTTLED in answer.text

    # Once the account's limit is reached, refused by both workers: four at
    # a time, so each takes some.
    with ThreadPoolExecutor(max_workers=4) as visitors:
        answers = list(visitors.map(right_password, range(8)))
    assert answers == [(200, True)] * 8
