"""An editor works in Wagtail's own page editor (Draftail keys the paragraphs,
the stream is posted by the editor's JavaScript): publishing without a
change outdates no translation; changing one word outdates exactly that
paragraph, and the translator sees the word that changed."""

import pytest
import requests
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def explainer_id(site_url) -> int:
    response = requests.get(
        f"{site_url}/api/v2/pages/",
        params={"type": "content.PolicyExplainerPage", "offset": 1, "limit": 1},
        timeout=10,
    )
    return response.json()["items"][0]["id"]


def publish(editor):
    editor.locator("footer [data-w-dropdown-target='toggle']").first.click()
    editor.locator("button[name=action-publish]").click()
    expect(editor.locator(".messages")).to_be_visible()


def test_the_editor_outdates_only_what_changed(chromium, site_url, screenshots):
    page_id = explainer_id(site_url)
    edit_path = f"/admin/pages/{page_id}/edit/"
    editor = chromium.new_context().new_page()
    log_in(editor, site_url, "editor", next_path=edit_path)
    publish(editor)
    screenshots(editor, "published-unchanged")

    english = chromium.new_context().new_page()
    log_in(english, site_url, "admin", next_path="/admin/translations/matrix/")
    english.click(f"a[href*='/{page_id}/en/']")
    units = english.locator(".translate-unit")
    expect(units.first).to_be_visible()
    expect(english.locator(".translate-unit.state-row-outdated")).to_have_count(0)

    editor.goto(f"{site_url}{edit_path}")
    paragraph = editor.locator(
        "[data-contentpath='body_vi'] .Draftail-Editor [contenteditable=true]"
    ).first
    paragraph.click()
    editor.keyboard.press("End")
    editor.keyboard.type(" (sửa)")
    # Draftail writes the field's value a moment after the last key.
    editor.wait_for_timeout(1500)
    publish(editor)

    english.reload()
    outdated = english.locator(".translate-unit.state-row-outdated")
    expect(outdated).to_have_count(1)
    expect(outdated.locator("ins")).to_contain_text("(sửa)")
    outdated.scroll_into_view_if_needed()
    screenshots(english, "one-paragraph-outdated")
