"""Every registered language has its own URL prefix, activates, and is offered."""

import re

from django.conf import settings
from django.utils import translation
from django.utils.translation import check_for_language, get_language_info

import pytest

from locales.registry import load_languages

LANGUAGES = load_languages()
CODES = [language.code for language in LANGUAGES]


def test_settings_derive_every_language_list_from_the_registry():
    assert [code for code, _ in settings.LANGUAGES] == CODES
    assert list(settings.MODELTRANSLATION_LANGUAGES) == CODES
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.MODELTRANSLATION_DEFAULT_LANGUAGE == "vi"
    assert settings.MODELTRANSLATION_FALLBACK_LANGUAGES["rad"] == ("vi", "en")
    assert settings.MODELTRANSLATION_FALLBACK_LANGUAGES["en"] == ("vi",)


@pytest.mark.parametrize("language", LANGUAGES, ids=CODES)
def test_language_is_known_to_django_and_activates(language):
    info = get_language_info(language.code)
    assert info["name_local"] == language.autonym
    assert info["name"] == language.english_name
    assert info["bidi"] is False
    assert check_for_language(language.code)
    with translation.override(language.code):
        assert translation.get_language() == language.code


@pytest.mark.parametrize("language", LANGUAGES, ids=CODES)
def test_home_page_is_served_under_its_language_prefix(client, home_page, language):
    response = client.get(f"/{language.code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language.code}" dir="ltr">' in html


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("rad", "/rad/"), ("en-US,en;q=0.9", "/en/"), ("fr", "/vi/"), (None, "/vi/")],
)
def test_root_redirects_by_accept_language(
    client, home_page, accept_language, expected
):
    headers = {"accept-language": accept_language} if accept_language else {}
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_switcher_lists_every_language_by_autonym(client, home_page):
    html = client.get("/jra/").content.decode()
    switcher = re.search(r'<nav class="languages".*?</nav>', html, re.S).group(0)
    for language in LANGUAGES:
        link = re.search(
            rf'<a href="/{language.code}/" hreflang="{language.code}" '
            rf'lang="{language.code}"[^>]*>([^<]+)(<span[^>]*>[^<]*</span>)?</a>',
            switcher,
        )
        assert link, f"no switcher link for {language.code}"
        assert link.group(1) == language.autonym
    assert re.search(r'hreflang="jra"[^>]*aria-current="true"', switcher)
    assert switcher.count("aria-current") == 1


def test_switcher_marks_languages_the_page_is_not_translated_into(client, home_page):
    html = client.get("/vi/").content.decode()
    untranslated = re.findall(r'<li class="untranslated">\s*<a href="/(\w+)/"', html)
    assert set(untranslated) == set(CODES) - {"vi", "en"}

    home_page.title_rad = "Loa"
    home_page.intro_rad = "Klei hriăm."
    home_page.save_revision().publish()
    html = client.get("/vi/").content.decode()
    untranslated = re.findall(r'<li class="untranslated">\s*<a href="/(\w+)/"', html)
    assert "rad" not in untranslated


def test_page_lists_hreflang_alternates_for_every_language(client, home_page):
    """At the public address (test settings: https://loa.example), not the
    host the request came to."""
    html = client.get("/km/").content.decode()
    for code in CODES:
        assert (
            f'<link rel="alternate" hreflang="{code}" href="https://loa.example/{code}/">'
            in html
        )
    assert (
        '<link rel="alternate" hreflang="x-default" href="https://loa.example/">'
        in html
    )


def test_untranslated_page_says_which_language_it_falls_back_to(client, home_page):
    html = client.get("/rad/").content.decode()
    assert 'role="note"' in html
    assert "Êđê" in html
    assert '<span lang="vi">Tiếng Việt</span>' in html
    assert f'<h1 lang="vi">{home_page.title_vi}</h1>' in html


def test_translated_page_shows_no_fallback_notice(client, home_page):
    html = client.get("/en/").content.decode()
    assert 'role="note"' not in html
    assert f"<h1>{home_page.title_en}</h1>" in html


def test_partial_translation_falls_back_field_by_field(client, home_page):
    home_page.title_rad = "Loa hlăm Êđê"
    home_page.save_revision().publish()
    html = client.get("/rad/").content.decode()
    assert "<h1>Loa hlăm Êđê</h1>" in html
    assert f'<p class="lead" lang="vi">{home_page.intro_vi}</p>' in html
    assert 'role="note"' in html


def test_a_page_of_text_needs_no_javascript_and_one_stylesheet(client, home_page):
    html = client.get("/vi/").content.decode()
    assert "<script" not in html
    assert html.count('rel="stylesheet"') == 1


def test_home_page_renders_in_few_queries(
    client, home_page, django_assert_max_num_queries
):
    assert client.get("/vi/").status_code == 200
    with django_assert_max_num_queries(6):
        response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{home_page.title_en}</h1>" in html
    assert home_page.intro_en in html
