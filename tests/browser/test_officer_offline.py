"""An outreach officer on a 360 px phone: logs a session online, then loses
the connection, still reads what was opened before and logs a session that
waits on the phone until the connection returns, and is saved once."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.browser.public_pages import public_paths

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
FORM = "/vi/officer/sessions/new/"


def choose_area(page, screenshots=None):
    """Find the area by typing its name without tone marks, and choose it."""
    page.fill("#id_area_search", "dak lak")
    results = page.locator("#id_area_results button")
    expect(results.first).to_contain_text("Đắk Lắk")
    expect(page.locator("#id_area_search_status")).to_contain_text("Tìm thấy")
    if screenshots:
        screenshots(page, "area-search-results")
    chosen = results.first.inner_text().splitlines()[0]
    results.first.click()
    expect(page.locator("#id_area option:checked")).to_contain_text(chosen)


def fill_session(page, attendance: str, screenshots=None, online=True):
    page.select_option("#id_campaign", index=1)
    page.select_option("#id_kind", "village_meeting")
    page.fill("#id_day", "2025-10-28")
    if online:
        choose_area(page, screenshots)
    else:
        # No search without a connection: the areas used before are in the
        # page, and the search box says why it finds nothing.
        page.fill("#id_area_search", "krong")
        expect(page.locator("#id_area_search_status")).to_contain_text("kết nối")
        page.select_option("#id_area", index=1)
    page.fill("#id_attendance", attendance)
    page.check("input[name=languages][value=rad]")
    code = page.locator("#toolkit-material option").first.get_attribute("value")
    page.fill("#id_material-0-piece", code)
    page.select_option("#id_material-0-language", "vi")
    page.select_option("#id_material-0-format", "print")
    page.fill("#id_material-0-quantity", "40")


def sessions_with_attendance(page, site_url, attendance: str) -> int:
    page.goto(f"{site_url}/vi/officer/sessions/")
    return len(re.findall(rf"\b{attendance} (?:người|people)\b", page.content()))


def test_an_officer_logs_sessions_online_and_offline(chromium, site_url, screenshots):
    paths = public_paths(site_url)
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    log_in(page, site_url, "officer", next_path=FORM)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")

    # Online: the form is saved at once.
    page.reload()
    fill_session(page, "61", screenshots)
    screenshots(page, "form-online")
    page.click("text=Lưu buổi tuyên truyền")
    expect(page.locator(".messages")).to_contain_text("Đã lưu buổi tuyên truyền")
    screenshots(page, "saved-online")

    # What the officer opens online stays readable offline.
    explainer = site_url + paths["explainer"]
    page.goto(explainer)
    title = page.locator("h1").inner_text()
    pdf = page.evaluate("url => fetch(url).then(r => r.status)", explainer + "pdf/")
    assert pdf == 200
    page.goto(site_url + FORM)

    context.set_offline(True)
    page.goto(explainer)
    expect(page.locator("h1")).to_have_text(title)
    screenshots(page, "explainer-offline")
    kept_pdf = page.evaluate(
        "url => fetch(url).then(r => [r.status, r.headers.get('Content-Type')])",
        explainer + "pdf/",
    )
    assert kept_pdf == [200, "application/pdf"]

    # A session logged offline waits on the phone, and says so.
    page.goto(site_url + FORM)
    fill_session(page, "137", online=False)
    page.click("text=Lưu buổi tuyên truyền")
    status = page.locator("#offline-status")
    expect(status).to_contain_text("chưa gửi")
    screenshots(page, "kept-offline")

    # Back online: it is sent, once, even when asked to send twice.
    context.set_offline(False)
    page.evaluate(
        """() => navigator.serviceWorker.ready.then(registration => {
             registration.active.postMessage({type: "send"});
             registration.active.postMessage({type: "send"});
           })"""
    )
    expect(status).to_contain_text("Đã gửi", timeout=15_000)
    screenshots(page, "sent")
    assert sessions_with_attendance(page, site_url, "137") == 1
    assert sessions_with_attendance(page, site_url, "61") == 1
    screenshots(page, "session-list")
    context.close()
