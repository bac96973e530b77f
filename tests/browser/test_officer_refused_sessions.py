"""An officer offline: the phone refuses to keep a session with a wrong
material code and says why; a session it kept is refused by the server on a
rule the phone could not know (its campaign was closed meanwhile), is listed
on the phone with the server's reasons, opened with everything typed, fixed
and sent once, and no warning remains."""

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.browser.test_officer_offline import (
    PHONE,
    choose_area,
    sessions_with_attendance,
)
from tests.demo_site import manage

pytestmark = pytest.mark.browser
FORM = "/vi/officer/sessions/new/"
KEPT = "/vi/officer/sessions/kept/"
SEND = "navigator.serviceWorker.ready.then(r => r.active.postMessage({type: 'send'}))"
SET_STATUS = (
    "from campaigns.models import Campaign; "
    "Campaign.objects.filter(pk={pk}).update(status='{status}')"
)


def reopen(site_env, campaign: str):
    manage(site_env, "shell", "-c", SET_STATUS.format(pk=campaign, status="running"))


def fill_session(page, code: str, attendance: str):
    page.select_option("#id_campaign", index=1)
    page.select_option("#id_kind", "market_visit")
    page.fill("#id_day", "2025-11-18")
    page.fill("#id_attendance", attendance)
    page.check("input[name=languages][value=vi]")
    page.fill("#id_material-0-piece", code)
    page.locator("#id_material-0-piece").dispatch_event("change")
    page.select_option("#id_material-0-format", "print")
    page.fill("#id_material-0-quantity", "25")


def kept_count(page) -> int:
    return page.evaluate("KeptStore.all().then(sessions => sessions.length)")


def test_a_refused_session_is_listed_fixed_and_sent_once(
    chromium, site_url, site_env, screenshots
):
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    log_in(page, site_url, "officer", next_path=FORM)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.goto(site_url + KEPT)  # opened once online, so it opens offline
    page.goto(site_url + FORM)
    page.wait_for_function("document.querySelector('#session-form') !== null")
    code = page.locator("#toolkit-material option").first.get_attribute("value")

    # Offline, a wrong code: the phone refuses to keep it and says why.
    page.wait_for_selector("#session-form[data-rules-loaded=true]")
    choose_area(page)
    context.set_offline(True)
    fill_session(page, "EXP-0050", "73")
    page.click("text=Lưu buổi tuyên truyền")
    expect(page.locator("#id_material-0-piece ~ .error")).to_contain_text("EXP-0050")
    screenshots(page, "refused-by-the-phone")
    assert kept_count(page) == 0
    assert page.input_value("#id_attendance") == "73"

    # Fixed, with a second piece in a row of its own, it is kept on the phone.
    page.fill("#id_material-0-piece", code)
    page.click("text=Thêm tài liệu")
    # A new row takes the session's language before any code is typed.
    expect(page.locator("#id_material-1-language")).to_have_value("vi")
    page.fill("#id_material-1-piece", code)
    page.select_option("#id_material-1-format", "post")
    page.fill("#id_material-1-quantity", "1")
    campaign = page.locator("#id_campaign").input_value()
    campaign_name = page.locator("#id_campaign option:checked").inner_text()
    page.click("text=Lưu buổi tuyên truyền")
    expect(page.locator("#offline-status")).to_contain_text("chưa gửi")
    assert kept_count(page) == 1

    # Meanwhile the office closes the campaign: the server refuses the session.
    manage(site_env, "shell", "-c", SET_STATUS.format(pk=campaign, status="closed"))
    try:
        context.set_offline(False)
        page.evaluate(SEND)
        status = page.locator("#offline-status")
        expect(status).to_have_class("offline-status offline-status-refused")
        screenshots(page, "refused-by-the-server")

        # Listed with the server's reasons; opened with everything typed.
        status.locator("a").click()
        refused = page.locator(".kept-refused")
        expect(refused).to_have_count(1)
        expect(refused.locator(".error")).not_to_have_count(0)
        expect(refused).to_contain_text(campaign_name)  # which session it is
        screenshots(page, "kept-list")
        refused.locator("a.button").click()
        expect(page.locator("#kept-reasons")).to_be_visible()
        expect(page.locator("#id_attendance")).to_have_value("73")
        expect(page.locator("#id_material-0-piece")).to_have_value(code)
        expect(page.locator("#id_material-1-format")).to_have_value("post")
        expect(page.locator("input[name=languages][value=vi]")).to_be_checked()
        screenshots(page, "opened-to-fix")

        # Fixed and sent: saved once, nothing left on the phone.
        page.select_option("#id_campaign", index=1)
        page.click("text=Lưu buổi tuyên truyền")
        expect(page.locator(".messages")).to_contain_text("Đã lưu buổi tuyên truyền")
        page.goto(site_url + KEPT)
        expect(page.locator(".kept-empty")).to_be_visible()
        assert kept_count(page) == 0
        expect(page.locator("#offline-status a")).to_be_hidden()
        screenshots(page, "nothing-left")
        assert sessions_with_attendance(page, site_url, "73") == 1
    finally:
        manage(
            site_env, "shell", "-c", SET_STATUS.format(pk=campaign, status="running")
        )
    context.close()


def test_a_form_sent_back_by_the_server_keeps_the_chosen_photo(
    chromium, site_url, site_env, screenshots, tmp_path
):
    photo = tmp_path / "IMG_20251118_0930.jpg"
    Image.new("RGB", (64, 48), (200, 120, 40)).save(photo)
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    log_in(page, site_url, "officer", next_path=FORM)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_selector("#session-form[data-rules-loaded=true]")
    code = page.locator("#toolkit-material option").first.get_attribute("value")
    choose_area(page)
    fill_session(page, code, "48")
    page.click("text=Thêm chi tiết (không bắt buộc)")
    page.set_input_files("#id_photo", photo)
    campaign = page.locator("#id_campaign").input_value()

    # The campaign closes while the form is filled in: only the server knows.
    manage(site_env, "shell", "-c", SET_STATUS.format(pk=campaign, status="closed"))
    try:
        page.click("text=Lưu buổi tuyên truyền")
        expect(page.locator(".messages .message-error")).to_be_visible()
        expect(page.locator("#photo-kept")).to_be_visible()
        assert page.evaluate("document.querySelector('#id_photo').files[0].size") > 0
        expect(page.locator("#id_attendance")).to_have_value("48")
        screenshots(page, "sent-back-with-the-photo")
        page.select_option("#id_campaign", index=1)
        page.click("text=Lưu buổi tuyên truyền")
        expect(page.locator(".messages")).to_contain_text("Đã lưu buổi tuyên truyền")
        expect(page.locator(".photos img")).to_have_count(1)
    finally:
        reopen(site_env, campaign)
    context.close()


def test_material_is_given_in_a_language_it_exists_in(chromium, site_url):
    """Ede spoken, a piece with no Ede text: the copy handed out was the
    Vietnamese one, not whichever language the piece lists first."""
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    log_in(page, site_url, "officer", next_path=FORM)
    page.wait_for_selector("#session-form[data-rules-loaded=true]")
    code = page.evaluate(
        """fetch(document.getElementById("session-form").dataset.rules)
          .then((response) => response.json())
          .then((rules) => Object.entries(rules.material).find(
            ([, piece]) => piece.text.includes("vi") && !piece.text.includes("rad")
              && piece.text[0] !== "vi")?.[0])"""
    )
    assert code, "the demo has a piece in Vietnamese and another language, not Ede"
    page.check("input[name=languages][value=rad]")
    page.fill("#id_material-0-piece", code)
    page.locator("#id_material-0-piece").dispatch_event("change")
    expect(page.locator("#id_material-0-language")).to_have_value("vi")
    context.close()
