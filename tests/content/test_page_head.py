"""What a page's head tells search engines and browsers: a description in
the page's language, every alternate at the public address, an icon."""

import re

from django.contrib.staticfiles import finders

import pytest

from tests.factories import (
    FAQAnswerPageFactory,
    PolicyExplainerPageFactory,
    RadioScriptPageFactory,
)


def head(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return html[: html.index("</head>")]


def description(html: str) -> str | None:
    found = re.search(r'<meta name="description" content="([^"]*)">', html)
    return found[1] if found else None


@pytest.fixture
def pieces(explainer_index, faq_index, radio_index):
    return {
        "explainers": PolicyExplainerPageFactory(
            parent=explainer_index,
            summary_rad="Mnga tui si dưi, mâo prăk hưu tơdah khua.",
        ),
        "faq": FAQAnswerPageFactory(parent=faq_index),
        "radio": RadioScriptPageFactory(parent=radio_index),
    }


def test_the_description_is_the_pieces_summary_in_the_pages_language(client, pieces):
    explainer, faq = pieces["explainers"], pieces["faq"]
    assert description(head(client, f"/en/explainers/{explainer.slug}/")) == (
        "Pay what you can, draw a pension in old age."
    )
    assert description(head(client, f"/rad/explainers/{explainer.slug}/")) == (
        "Mnga tui si dưi, mâo prăk hưu tơdah khua."
    )
    # Where the language has none, the one the page itself shows.
    assert description(head(client, f"/jra/explainers/{explainer.slug}/")) == (
        "Đóng theo khả năng, hưởng lương hưu khi về già."
    )
    assert description(head(client, f"/en/faq/{faq.slug}/")) == "Yes."


def test_an_editors_search_description_in_the_language_comes_first(client, pieces):
    explainer = pieces["explainers"]
    explainer.search_description_en = "Voluntary social insurance, in brief."
    explainer.save_revision().publish()
    assert description(head(client, f"/en/explainers/{explainer.slug}/")) == (
        "Voluntary social insurance, in brief."
    )
    # The Vietnamese search description does not hide the Ede summary.
    assert description(head(client, f"/rad/explainers/{explainer.slug}/")) == (
        "Mnga tui si dưi, mâo prăk hưu tơdah khua."
    )


def test_a_radio_script_is_described_by_its_first_words(client, pieces):
    radio = pieces["radio"]
    spoken = [
        block.value["text"]
        for block in radio.body_vi
        if block.block_type == "speaker_line"
    ]
    found = description(head(client, f"/vi/radio/{radio.slug}/"))
    assert found and found.startswith(spoken[0][:40])
    assert len(found) <= 160


def test_section_and_home_pages_are_described_by_their_introduction(
    client, explainer_index, home_page
):
    assert description(head(client, "/en/")) == home_page.intro_en
    explainer_index.intro_vi = "Chính sách nói bằng lời dễ hiểu."
    explainer_index.save_revision().publish()
    assert description(head(client, "/vi/explainers/")) == (
        "Chính sách nói bằng lời dễ hiểu."
    )


@pytest.mark.parametrize("section", ["explainers", "faq", "radio"])
def test_every_alternate_is_an_absolute_address_at_the_public_address(
    client, pieces, section
):
    piece = pieces[section]
    html = head(client, f"/km/{section}/{piece.slug}/")
    alternates = re.findall(r'<link rel="alternate"[^>]*href="([^"]*)"', html)
    assert len(alternates) > 10
    assert all(href.startswith("https://loa.example/") for href in alternates)
    assert f"https://loa.example/km/{section}/{piece.slug}/pdf/" in alternates


def test_the_icon_is_named_and_favicon_ico_answers(client, home_page):
    html = head(client, "/vi/")
    icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html)
    # A static file (the test client serves none): one the project ships.
    assert icon and finders.find(icon[1].removeprefix("/static/"))
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content).startswith(b"\x00\x00\x01\x00")
    assert "max-age" in response["Cache-Control"]
