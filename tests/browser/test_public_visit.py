"""A visitor on a phone: switches language, searches, listens to a recording
and downloads a PDF, and fetches a script's font only for text in it."""

import subprocess

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import RECORDED_SCRIPT
from tests.browser.public_pages import public_paths

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
FONT_STATUS = """family => [...document.fonts]
  .filter(face => face.family.replaceAll('"', '') === family)
  .map(face => face.status)"""


def test_a_visitor_switches_language_and_searches(chromium, site_url, screenshots):
    page = chromium.new_page(viewport=PHONE)
    fonts = []
    page.on(
        "request",
        lambda request: fonts.append(request.url) if ".woff2" in request.url else None,
    )
    page.goto(f"{site_url}/vi/")
    screenshots(page, "home-vi")
    page.click(".languages a[hreflang=en]")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url == f"{site_url}/en/"
    screenshots(page, "home-en")

    page.fill("#site-search-query", "pension")
    page.keyboard.press("Enter")
    results = page.locator("main .cards a")
    expect(results.first).to_be_visible()
    screenshots(page, "search-pension")
    results.first.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    screenshots(page, "search-result")

    # Latin text needs no font from the site; the switcher's Tai Dam and
    # Khmer names need only their few glyphs.
    assert page.evaluate(FONT_STATUS, "Loa Khmer") == ["unloaded"]
    assert sorted(url.rsplit("/", 1)[1] for url in set(fonts)) == [
        "autonym-khmer.woff2",
        "autonym-tai-viet.woff2",
    ]
    # A page with Khmer text uses the Khmer face.
    page.fill("#site-search-query", "ធានារ៉ាប់រង")
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    assert page.evaluate(FONT_STATUS, "Loa Khmer") == ["loaded"]
    screenshots(page, "search-khmer")
    page.close()


def test_a_visitor_listens_and_downloads_the_pdf(
    chromium, site_url, screenshots, tmp_path
):
    paths = public_paths(site_url)
    page = chromium.new_page(viewport=PHONE, accept_downloads=True)
    page.goto(f"{site_url}/vi/radio/{RECORDED_SCRIPT}/")
    audio = page.locator("figure.recording audio")
    expect(audio).to_be_visible()
    played = audio.evaluate(
        """audio => audio.play()
             .then(() => new Promise(done => setTimeout(done, 700)))
             .then(() => audio.currentTime)"""
    )
    assert played > 0.3
    assert page.locator("ol.script-lines").inner_text()  # the transcript
    screenshots(page, "radio-listening")

    page.goto(site_url + paths["explainer"])
    with page.expect_download() as download:
        page.locator("a[type='application/pdf']").first.click()
    pdf = tmp_path / "explainer.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    picture = screenshots(page, "explainer-with-pdf-link")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "50",
            "-f",
            "1",
            "-l",
            "1",
            pdf,
            picture.with_name("pdf-page"),
        ],
        check=True,
    )
    page.close()
