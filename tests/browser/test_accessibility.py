"""WCAG 2.2 AA and valid HTML on every public page type and on the officer's
session form, in Vietnamese, English, Ede and Khmer: axe-core in Chromium
finds no violation and the Nu HTML Checker no error."""

import json
import subprocess
from pathlib import Path

import pytest
import requests

from tests.browser.conftest import DEMO_PASSWORD, log_in
from tests.browser.public_pages import (
    LANGUAGES,
    PAGE_TYPES,
    in_language,
    public_paths,
)

CHECKERS = Path(__file__).with_name("node_modules")
AXE = CHECKERS / "axe-core" / "axe.min.js"
VNU = CHECKERS / "vnu-jar" / "build" / "dist" / "vnu.jar"
# WCAG 2.0–2.2 A and AA, and axe's best practices (headings in order among them).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
KINDS = [*PAGE_TYPES, "topic page", "search results"]
PHONE = {"width": 360, "height": 740}
# Pages are opened with bypass_csp: axe-core is injected as an inline script,
# which the site's policy (rightly) refuses.

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def paths(site_url):
    return public_paths(site_url)


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page as it is now, one line per node."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{violation['id']}: {violation['help']} at {node['target']}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]


def assert_no_violation(page):
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n" + "\n".join(violations)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_public_page_has_no_accessibility_violation(
    chromium, site_url, paths, kind, language
):
    page = chromium.new_page(viewport=PHONE, bypass_csp=True)
    response = page.goto(site_url + in_language(paths[kind], language))
    assert response.ok
    assert page.locator("html").get_attribute("lang") == language
    assert_no_violation(page)
    page.close()


@pytest.mark.parametrize("language", ["vi", "rad"])
def test_officer_session_form_has_no_accessibility_violation(
    chromium, site_url, language
):
    page = chromium.new_page(viewport=PHONE, bypass_csp=True)
    form = f"/{language}/officer/sessions/new/"
    log_in(page, site_url, "officer", next_path=form)
    page.locator("details summary").first.click()  # “More details”
    assert_no_violation(page)
    # A refused form, with its error messages, is checked too.
    page.locator("main form button[type=submit]").last.click()
    assert page.locator(".field-error").count() > 0
    assert_no_violation(page)
    page.close()


def test_officer_field_kits_have_no_accessibility_violation(
    chromium, site_url, screenshots
):
    page = chromium.new_page(viewport=PHONE, bypass_csp=True)
    log_in(page, site_url, "officer", next_path="/vi/officer/field-kits/")
    assert_no_violation(page)
    screenshots(page, "field-kits")
    # Asked for with no language: refused, with the error beside the field.
    page.locator("main form button[type=submit]").click()
    assert page.locator(".field-error").count() > 0
    assert_no_violation(page)
    screenshots(page, "field-kits-refused")
    page.close()


def test_keyboard_reaches_content_language_and_search_with_visible_focus(
    chromium, site_url, paths
):
    page = chromium.new_page(viewport=PHONE, bypass_csp=True)
    page.goto(site_url + paths["explainer"])
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.bounding_box()["x"] >= 0  # shown when focused
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    focused = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused.append(
            page.evaluate(
                """() => {
                  const element = document.activeElement;
                  const style = getComputedStyle(element);
                  return {
                    tag: element.tagName, name: element.name || "",
                    lang: element.getAttribute("hreflang") || "",
                    outline: style.outlineStyle !== "none"
                      && parseFloat(style.outlineWidth) >= 2,
                  };
                }"""
            )
        )
    assert {"vi", "en", "rad", "km"} <= {element["lang"] for element in focused}, (
        focused
    )
    assert any(element["name"] == "q" for element in focused), focused
    unmarked = [e for e in focused if e["tag"] != "BODY" and not e["outline"]]
    assert not unmarked, unmarked
    page.close()


def test_pages_are_valid_html(site_url, paths, tmp_path):
    """Every page above, as served, through the Nu HTML Checker."""
    browser = requests.Session()
    files = []
    for language in LANGUAGES:
        for kind in KINDS:
            response = browser.get(site_url + in_language(paths[kind], language))
            assert response.ok
            files.append(tmp_path / f"{language}-{kind.replace(' ', '-')}.html")
            files[-1].write_bytes(response.content)
    browser.get(f"{site_url}/admin/login/")
    browser.post(
        f"{site_url}/admin/login/",
        data={
            "username": "officer",
            "password": DEMO_PASSWORD,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
        headers={"Referer": f"{site_url}/admin/login/"},
    )
    for path in (
        "/vi/officer/sessions/new/",
        "/vi/officer/sessions/",
        "/vi/officer/field-kits/",
    ):
        response = browser.get(site_url + path)
        assert response.ok and "<form" in response.text
        files.append(tmp_path / f"officer-{len(files)}.html")
        files[-1].write_bytes(response.content)

    checked = subprocess.run(  # noqa: S603
        ["java", "-jar", str(VNU), "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(checked.stdout)["messages"]
    errors = [
        f"{Path(message['url']).name}:{message.get('lastLine')}: {message['message']}"
        for message in messages
        if message["type"] == "error"
    ]
    assert not errors, "\n".join(errors)
