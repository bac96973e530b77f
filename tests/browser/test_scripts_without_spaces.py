"""Khmer and Tai Dam pages on a 360 px phone that has no font for either
script: the site's own fonts draw every title and line (bold included), and
no line of text written without spaces makes the page wider than the phone."""

import json
import subprocess

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.demo_site import manage
from tests.texts_without_spaces import KHMER_TEXT, TAI_VIET_TEXT

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
SLUG = "household-health-insurance-without-spaces"
ADD_EXPLAINER = """
import json
from content.models import ExplainerIndexPage, PolicyExplainerPage
texts = json.loads({texts!r})
index = ExplainerIndexPage.objects.first()
page = PolicyExplainerPage(
    title="Bảo hiểm y tế hộ gia đình",
    title_vi="Bảo hiểm y tế hộ gia đình",
    slug="{slug}",
    summary_vi="Cả nhà cùng tham gia, người thứ hai đóng 70 %.",
    body_vi=json.dumps([{{"type": "paragraph", "value": "<p>Đóng theo hộ.</p>"}}]),
)
for code, text in texts.items():
    setattr(page, "title_" + code, text[:48])
    setattr(page, "summary_" + code, text[:120])
    setattr(page, "body_" + code, json.dumps([
        {{"type": "heading", "value": {{"text": text[120:170]}}}},
        {{"type": "paragraph", "value": "<p>" + text + "</p>"}},
    ]))
index.add_child(instance=page)
page.save_revision().publish()
"""
# Fontconfig as the machine has it, less every face with Khmer or Tai Viet:
# a phone that has neither script.
HIDE_SCRIPT_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont>
    <glob>*Khmer*</glob>
    <glob>*TaiViet*</glob>
  </rejectfont></selectfont>
</fontconfig>
"""
PAGE_FONTS = """() => [...document.fonts]
  .filter(face => face.status === 'loaded')
  .map(face => face.family.replaceAll('"', ''))"""


@pytest.fixture(scope="module")
def phone_without_fonts(tmp_path_factory):
    """Chromium that cannot find a Khmer or Tai Viet font on the machine."""
    folder = tmp_path_factory.mktemp("fonts")
    config = folder / "fonts.conf"
    config.write_text(HIDE_SCRIPT_FONTS)
    env = {"FONTCONFIG_FILE": str(config), "HOME": str(folder)}
    found = subprocess.run(
        ["fc-list", ":charset=aa80 1780"], env=env, capture_output=True, text=True
    )
    assert found.stdout.strip() == ""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, env=env
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def explainer_path(site_env):
    texts = json.dumps({"blt": TAI_VIET_TEXT, "km": KHMER_TEXT})
    manage(site_env, "shell", "-c", ADD_EXPLAINER.format(texts=texts, slug=SLUG))
    return f"explainers/{SLUG}/"


@pytest.mark.parametrize(
    ("code", "font"), [("blt", "Loa Tai Viet"), ("km", "Loa Khmer")]
)
def test_a_page_fits_the_phone_in_the_sites_own_font(
    phone_without_fonts, site_url, explainer_path, screenshots, code, font
):
    page = phone_without_fonts.new_page(viewport=PHONE)
    page.goto(f"{site_url}/{code}/{explainer_path}")
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")
    assert font in page.evaluate(PAGE_FONTS)
    assert (
        page.evaluate("getComputedStyle(document.querySelector('h1')).fontWeight")
        == "700"
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width == PHONE["width"]
    screenshots(page, f"explainer-{code}-360px")
    page.close()
