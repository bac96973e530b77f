"""Lighthouse's mobile audits of the three kinds of piece, as search engines
and browsers judge them: SEO and best practices score 100, in the source
language and in one written in its own script."""

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.browser.public_pages import in_language, public_paths

LIGHTHOUSE = Path(__file__).with_name("node_modules") / ".bin" / "lighthouse"
# Each kind of piece in the source language, and one in a language written
# in its own script.
PAGES = [
    ("explainer", "vi"),
    ("radio script", "vi"),
    ("FAQ answer", "vi"),
    ("explainer", "km"),
]
CATEGORIES = ("seo", "best-practices")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def paths(site_url):
    return public_paths(site_url)


def audit(url: str, folder: Path) -> dict:
    """Lighthouse's report of `url`, as a phone on a mobile network sees it."""
    report = folder / "report.json"
    subprocess.run(  # noqa: S603 — the pinned npm tool on our own demo site
        [
            str(LIGHTHOUSE),
            url,
            f"--only-categories={','.join(CATEGORIES)}",
            "--form-factor=mobile",
            f"--chrome-flags=--headless=new {' '.join(CHROMIUM_ARGS)}",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
        timeout=180,
    )
    return json.loads(report.read_text())


@pytest.mark.parametrize(("kind", "language"), PAGES)
def test_a_piece_scores_100_for_seo_and_best_practices(
    site_url, paths, kind, language, tmp_path
):
    report = audit(site_url + in_language(paths[kind], language), tmp_path)
    failed = [
        f"{entry['id']}: {entry['title']}"
        for entry in report["audits"].values()
        if entry.get("score") is not None
        and entry["score"] < 1
        and entry.get("scoreDisplayMode") in ("binary", "numeric")
    ]
    scores = {name: report["categories"][name]["score"] for name in CATEGORIES}
    assert scores == dict.fromkeys(CATEGORIES, 1), "\n".join(failed)
