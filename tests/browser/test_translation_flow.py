"""A translator translates an FAQ answer into Ede and submits it; a reviewer
corrects its title in the box and approves it; the public page then speaks
Ede instead of falling back, with the correction, and names both people."""

from urllib.parse import urlsplit

import pytest
import requests
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser
MARK = "Êđê:"  # begins each translated part, so the public page shows it


def faq_answer(site_url) -> dict:
    response = requests.get(
        f"{site_url}/api/v2/pages/",
        params={"type": "content.FAQAnswerPage", "limit": 1},
        timeout=10,
    )
    return response.json()["items"][0]


def test_a_translation_reaches_the_public_once_approved(
    chromium, site_url, screenshots
):
    piece = faq_answer(site_url)
    # The API links to the public address; the test's server is elsewhere.
    path = urlsplit(piece["meta"]["html_url"]).path
    public = site_url + path.replace("/vi/", "/rad/", 1)
    visitor = chromium.new_page()
    visitor.goto(public)
    expect(visitor.locator("h1")).to_have_attribute("lang", "vi")  # a fallback
    fallback_notice = visitor.locator(".notice[role=note]")
    expect(fallback_notice).to_be_visible()
    screenshots(visitor, "public-before")

    translator = chromium.new_context().new_page()
    log_in(
        translator, site_url, "translator-rad", next_path="/admin/translations/matrix/"
    )
    translator.click(f"a[href*='/{piece['id']}/rad/']")
    # A plain box for plain text, a box with placeholder chips for rich text.
    parts = translator.locator(".translate-target [lang=rad]:visible")
    sources = translator.locator(".translate-source .translate-text")
    expect(parts.first).to_be_visible()
    assert parts.count() == sources.count() > 0
    for index in range(parts.count()):
        parts.nth(index).fill(f"{MARK} {sources.nth(index).inner_text()}")
    screenshots(translator, "translator-filled")
    translator.click("button[value=submit]")
    expect(translator.locator(".messages")).to_be_visible()
    screenshots(translator, "translator-submitted")
    visitor.reload()
    expect(visitor.locator("h1")).to_have_attribute("lang", "vi")  # not yet

    reviewer = chromium.new_context().new_page()
    log_in(reviewer, site_url, "reviewer-rad", next_path=translator.url)
    screenshots(reviewer, "reviewer-opens")
    title = reviewer.locator("textarea[lang=rad]").first
    corrected = title.input_value().replace(MARK, f"{MARK} (sửa)", 1)
    title.fill(corrected)
    reviewer.click("button[value=approve]")
    expect(reviewer.locator(".messages")).to_be_visible()
    screenshots(reviewer, "reviewer-approved")

    visitor.reload()
    expect(visitor.locator("h1")).not_to_have_attribute("lang", "vi")  # the page's own
    expect(visitor.locator("h1")).to_have_text(corrected)
    expect(fallback_notice).to_have_count(0)
    attestation = visitor.locator(".attestation")
    expect(attestation).to_contain_text("translator-rad")
    expect(attestation).to_contain_text("reviewer-rad")
    screenshots(visitor, "public-after")
