"""The browser tests' site: the demo, served by gunicorn from a database and
media of its own, driven by Debian's Chromium through Playwright.

These tests reach the site only over HTTP, as a visitor would, so they run the
same whatever database the rest of the suite uses. Screenshots of each step
go to `test-artifacts/browser/`.
"""

import math
import re
import wave
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from bench.app_server import app_server
from tests.demo_site import DEMO_PASSWORD, demo_site, manage

ROOT = Path(__file__).parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = "/usr/bin/chromium"
# Chromium as this machine runs it: no sandbox as root, and none of the
# background connections a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# The demo has no recordings: the announcement gets one in Vietnamese, a
# two-second tone standing in for the studio's file.
RECORDED_SCRIPT = "announcement-family-health-insurance-chip-id"
ADD_RECORDING = f"""
from django.core.files import File
from wagtail.documents.models import Document
from content.models import RadioRecording, RadioScriptPage
page = RadioScriptPage.objects.get(slug="{RECORDED_SCRIPT}")
with open("{{wav}}", "rb") as wav:
    audio = Document.objects.create(title="BHYT", file=File(wav, "thong-bao.wav"))
recording = RadioRecording(page=page, language="vi", audio=audio)
recording.full_clean()
recording.save()
"""


def _tone(path: Path) -> Path:
    """A two-second 440 Hz WAV file."""
    rate = 8000
    samples = (
        int(12000 * math.sin(2 * math.pi * 440 * n / rate)) for n in range(2 * rate)
    )
    with wave.open(str(path), "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(rate)
        audio.writeframes(
            b"".join(sample.to_bytes(2, "little", signed=True) for sample in samples)
        )
    return path


@pytest.fixture(scope="session")
def site_env(tmp_path_factory):
    """The environment of the demo site's processes: for a test that changes
    what the office does meanwhile, through `manage(site_env, …)`."""
    folder = tmp_path_factory.mktemp("demo-site")
    env = demo_site(folder)
    manage(env, "shell", "-c", ADD_RECORDING.format(wav=_tone(folder / "tone.wav")))
    return env


@pytest.fixture(scope="session")
def site_url(site_env, tmp_path_factory):
    """The demo site's base URL: migrated, loaded and served by gunicorn."""
    log = tmp_path_factory.mktemp("server") / "gunicorn.log"
    # One process: the page cache lives in its memory, as on a single server.
    with app_server(site_env, threads=4, log=log) as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium, headless, for the module's tests."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def screenshots(request):
    """`shoot(page, step)` saves a full-page screenshot as a test artifact."""
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)
    taken = []

    def shoot(page, step: str):
        taken.append(step)
        path = folder / f"{len(taken):02d}-{step}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return shoot


def log_in(page, site_url: str, username: str, next_path: str = "/admin/"):
    """Log in through Wagtail's login form, landing on `next_path`."""
    page.goto(f"{site_url}/admin/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("button[type=submit]").last.click()
    page.wait_for_url(re.compile(re.escape(next_path.split("?")[0])))
