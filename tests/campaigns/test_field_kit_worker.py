"""A field kit whose worker dies in the middle of the build: the site's real
processes (gunicorn and `manage.py db_worker`) on a demo database of their
own, the kit asked for through the officer's form over HTTP.

The killed worker's kit is shown as failed once its heartbeat is older than
the timeout; asking again, or the kit's retry button, starts a new build that
a new worker finishes. A worker stopped by force (Ctrl+C twice) records its
job as failed, and the kit says so at once.
"""

import csv
import html
import io
import os
import re
import signal
import time
import zipfile
from pathlib import Path

from django.utils import translation

import pytest
import requests

from bench.app_server import app_server
from campaigns.models import FieldKit
from tests.demo_site import DEMO_PASSWORD, db_worker, demo_site

# The demo site is SQLite whatever the suite runs on: once is enough.
pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="the embedded default only"
)
KITS = "/vi/officer/field-kits/"
STALE_SECONDS = 4
# Each item of a build waits this long: the middle of a build lasts.
ITEM_PAUSE = "0.5"
WAIT_SECONDS = 60


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The demo's database and two servers on it: `quick` takes a build
    with no heartbeat for STALE_SECONDS as stopped, `patient` only after an
    hour. Yields (environment, folder, quick URL, patient URL)."""
    folder = tmp_path_factory.mktemp("kit-worker")
    env = demo_site(folder)
    quick = env | {"LOA_FIELD_KIT_STALE_SECONDS": str(STALE_SECONDS)}
    patient = env | {"LOA_FIELD_KIT_STALE_SECONDS": "3600"}
    with (
        app_server(quick, log=folder / "quick.log") as quick_url,
        app_server(patient, log=folder / "patient.log") as patient_url,
    ):
        yield env, folder, quick_url, patient_url


def worker(env: dict, log: Path, pause: str = "0"):
    """The kits' worker, each item of its builds lasting `pause` more."""
    return db_worker(env | {"LOA_FIELD_KIT_ITEM_PAUSE": pause}, log)


def officer_session(url: str) -> requests.Session:
    """The demo officer, logged in through the login form."""
    session = requests.Session()
    login = f"{url}/admin/login/?next={KITS}"
    session.get(login, timeout=10)
    response = session.post(
        login,
        data={
            "username": "officer",
            "password": DEMO_PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
            "next": KITS,
        },
        headers={"Referer": login},
        timeout=10,
    )
    assert response.ok and response.url.endswith(KITS)
    return session


def post(session: requests.Session, url: str, data: dict) -> str:
    """Post a form as the browser does; the path it redirects to."""
    response = session.post(
        url,
        data={**data, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        headers={"Referer": url},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text[:2000]
    return response.headers["Location"]


def ask_for_kit(session, url: str, languages: list[str]) -> str:
    """Ask for the first campaign's kit through the officer's form."""
    form = session.get(url + KITS, timeout=10).text
    campaign = re.search(r'name="campaign"[^>]*>.*?<option value="(\d+)"', form, re.S)
    return post(session, url + KITS, {"campaign": campaign[1], "languages": languages})


def page_text(session, url: str) -> str:
    return html.unescape(session.get(url, timeout=10).text)


def page_showing(session, url: str, needle: str) -> str:
    """The page, once it shows `needle`."""

    def shown():
        text = page_text(session, url)
        return text if needle in text else ""

    return wait_for(shown, repr(needle))


def progress(page: str) -> int | None:
    """The percentage a building kit shows, or None when it is not building."""
    found = re.search(r'role="status">[^<:]*: (\d+) %', page)
    return int(found[1]) if found else None


def wait_for(condition, what: str):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.2)
    raise AssertionError(f"no {what} within {WAIT_SECONDS} s")


def reason(failure: str) -> str:
    """A failed kit's reason as the officer reads it, in Vietnamese."""
    with translation.override("vi"):
        return FieldKit(failure=failure).failure_reason


def kit_path(pk_path: str) -> str:
    assert re.fullmatch(r"/vi/officer/field-kits/\d+/", pk_path), pk_path
    return pk_path


def test_a_killed_worker_s_kit_fails_and_a_new_worker_builds_it_again(site):
    env, folder, url, _ = site
    officer = officer_session(url)
    stuck = kit_path(ask_for_kit(officer, url, ["vi", "en"]))
    assert progress(page_text(officer, url + stuck)) == 0  # waiting: no worker

    with worker(env, folder / "worker-1.log", pause=ITEM_PAUSE) as first:
        shown = wait_for(lambda: progress(page_text(officer, url + stuck)), "progress")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    assert 0 < shown < 100
    # Just after the worker died its last heartbeat is recent: still building.
    assert progress(page_text(officer, url + stuck)) is not None

    stopped = reason(FieldKit.Failure.WORKER_ENDED)
    page = page_showing(officer, url + stuck, stopped)
    assert progress(page) is None
    assert f'action="{stuck}retry/"' in page
    with translation.override("vi"):
        building = str(FieldKit.Status.BUILDING.label)
        ready = str(FieldKit.Status.READY.label)
        failed = str(FieldKit.Status.FAILED.label)
    listing = page_text(officer, url + KITS)
    card = listing[listing.index(f'href="{stuck}"') :].split("</li>")[0]
    assert failed in card and building not in card and ready not in card

    # Asking again, and the retry button, start one new build, not the stuck one.
    again = kit_path(ask_for_kit(officer, url, ["vi", "en"]))
    assert again != stuck
    assert post(officer, url + stuck + "retry/", {}) == again
    with worker(env, folder / "worker-2.log"):
        page = page_showing(officer, url + again, ".zip")
    link = re.search(r'href="([^"]+\.zip)" download', page)[1]
    archive = zipfile.ZipFile(io.BytesIO(officer.get(url + link, timeout=10).content))
    names = set(archive.namelist())
    assert {"index.csv", "index.html"} <= names and any(
        name.endswith("-en.pdf") for name in names
    )
    index = csv.DictReader(io.StringIO(archive.read("index.csv").decode("utf-8-sig")))
    assert {row["file"] for row in index} == names - {"index.csv", "index.html"}
    assert ask_for_kit(officer, url, ["vi", "en"]) == again
    # The stuck kit stays failed, with its reason.
    assert stopped in page_text(officer, url + stuck)


def test_a_worker_stopped_by_force_fails_its_kit_at_once(site):
    env, folder, _, url = site
    officer = officer_session(url)
    kit = kit_path(ask_for_kit(officer, url, ["vi"]))
    with worker(env, folder / "worker-3.log", pause=ITEM_PAUSE) as stopped:
        wait_for(lambda: progress(page_text(officer, url + kit)), "progress")
        # The first Ctrl+C asks the worker to finish its job; the second
        # ends the job.
        stopped.send_signal(signal.SIGINT)
        time.sleep(0.3)
        stopped.send_signal(signal.SIGINT)
        stopped.wait(timeout=10)
    # No wait for the heartbeat's timeout (an hour on this server): the job
    # itself is recorded as failed.
    assert reason(FieldKit.Failure.WORKER_ENDED) in page_text(officer, url + kit)
    assert "terminating current task" in (folder / "worker-3.log").read_text()
