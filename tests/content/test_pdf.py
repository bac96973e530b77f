"""PDFs of every piece in every language: fonts embedded for every script,
a QR code that leads back to the page, and a cache that changes only when the
piece does."""

from pathlib import Path

from django.core.files.storage import default_storage

from wagtail.models import PageViewRestriction

import pytest
from fontTools.ttLib import TTFont

from content.models import PrintRun
from locales.registry import load_languages
from tests.factories import (
    FAQAnswerPageFactory,
    PolicyExplainerPageFactory,
    RadioScriptPageFactory,
    stream,
)
from tests.pdf_files import fetch_pdf, poppler, qr_codes

TAI_VIET = "ꪹꪀꪱ ꪁꪴ꫁ ꪶꪣ꫁"
KHMER = "ធានារ៉ាប់រងសុខភាព"
CODES = [language.code for language in load_languages()]
FONTS = Path(__file__).parents[2] / "content" / "static" / "content" / "fonts"


@pytest.fixture
def pieces(explainer_index, faq_index, radio_index):
    return {
        "explainers": PolicyExplainerPageFactory(parent=explainer_index),
        "faq": FAQAnswerPageFactory(parent=faq_index),
        "radio": RadioScriptPageFactory(parent=radio_index),
    }


@pytest.mark.parametrize("code", CODES)
def test_every_piece_type_renders_to_a_pdf_in_every_language(client, pieces, code):
    for section, piece in pieces.items():
        data = fetch_pdf(client, f"/{code}/{section}/{piece.slug}/pdf/")
        assert data.startswith(b"%PDF-")


def test_tai_viet_and_khmer_are_embedded_with_no_missing_glyphs(
    client, explainer_index, tmp_path
):
    page = PolicyExplainerPageFactory(
        parent=explainer_index,
        summary_blt=TAI_VIET,
        summary_km=KHMER,
        body_blt=stream(("paragraph", f"<p>{TAI_VIET}</p>")),
        body_km=stream(("paragraph", f"<p>{KHMER}</p>")),
    )
    samples = (
        ("blt", TAI_VIET, "Tai-Viet", "NotoSansTaiViet-Regular.ttf", TAI_VIET),
        # Text extraction cannot rebuild reordered Khmer clusters: check a word.
        ("km", KHMER, "Khmer", "NotoSansKhmer-Regular.ttf", KHMER[:4]),
    )
    for code, sample, font, font_file, readable in samples:
        data = fetch_pdf(client, f"/{code}/explainers/{page.slug}/pdf/")
        fonts = poppler("pdffonts", data, tmp_path)
        embedded = [line for line in fonts.splitlines()[2:] if line.strip()]
        assert any(font in line for line in embedded)
        # Every font is one the project ships, embedded: nothing fell back.
        assert all("Loa-" in line and " yes yes " in line for line in embedded)
        shipped = TTFont(FONTS / font_file).getBestCmap()
        assert [
            char for char in sample if not char.isspace() and ord(char) not in shipped
        ] == []
        text = poppler("pdftotext", data, tmp_path, "-enc", "UTF-8")
        assert readable.replace(" ", "") in text.replace(" ", "")


def test_the_qr_code_leads_to_the_page_in_that_language(client, pieces, tmp_path):
    radio = pieces["radio"]
    data = fetch_pdf(client, f"/rad/radio/{radio.slug}/pdf/")
    # The public address (test settings: https://loa.example), not the host
    # the PDF was asked from, at the version printed.
    assert qr_codes(data, tmp_path) == {
        f"https://loa.example/rad/radio/{radio.slug}/v/1/"
    }


def test_a_second_request_is_served_from_the_cache_until_an_edit(client, pieces):
    explainer = pieces["explainers"]
    url = f"/vi/explainers/{explainer.slug}/pdf/"
    first = fetch_pdf(client, url)
    _dirs, stored = default_storage.listdir("pdf/vi")
    assert client.get(url).content == first
    assert default_storage.listdir("pdf/vi")[1] == stored

    explainer.summary_vi = "Đóng theo khả năng, hưởng lương hưu khi về già (bản mới)."
    explainer.save_revision().publish()
    assert fetch_pdf(client, url) != first
    assert len(default_storage.listdir("pdf/vi")[1]) == len(stored) + 1


def test_a_withdrawn_or_private_piece_leaves_no_stored_pdf(
    client, pieces, settings, tmp_path
):
    """The store is in the public media folder: a link shared earlier must
    not keep the text readable."""
    settings.MEDIA_ROOT = str(tmp_path)  # this test's PDFs only
    explainer, faq = pieces["explainers"], pieces["faq"]
    for page in (explainer, faq):
        fetch_pdf(client, page.url + "pdf/")
        fetch_pdf(client, page.url.replace("/vi/", "/en/", 1) + "pdf/")
    stored = " ".join(stored_pdfs())
    assert explainer.material_code in stored and faq.material_code in stored
    explainer.unpublish()
    assert all(explainer.material_code not in name for name in stored_pdfs())
    PageViewRestriction.objects.create(
        page=faq.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    assert stored_pdfs() == []


def stored_pdfs() -> list[str]:
    return [
        name
        for language in default_storage.listdir("pdf")[0]
        for name in default_storage.listdir(f"pdf/{language}")[1]
    ]


def test_public_pages_advertise_their_pdf(client, pieces):
    explainer = pieces["explainers"]
    html = client.get(f"/jra/explainers/{explainer.slug}/").content.decode()
    path = f"/jra/explainers/{explainer.slug}/pdf/"
    # Absolute in the head, as every alternate; the download link stays on
    # the host the visitor is on.
    link = f'href="https://loa.example{path}"'
    assert (
        f'<link rel="alternate" type="application/pdf" hreflang="jra" {link}>' in html
    )
    assert f'<a href="{path}" type="application/pdf" download>' in html


def test_the_broadcaster_sheet_puts_notes_first_and_sets_cues_apart(
    client, pieces, tmp_path
):
    radio = pieces["radio"]
    radio.notes_vi = "Đọc chậm, rõ ràng."
    radio.save_revision().publish()
    data = fetch_pdf(client, f"/vi/radio/{radio.slug}/pdf/")
    text = poppler("pdftotext", data, tmp_path, "-enc", "UTF-8")
    assert text.index("Đọc chậm, rõ ràng.") < text.index("[Nhạc hiệu, 5 s]")
    assert "PHÁT THANH VIÊN" in text


def test_a_print_run_records_the_version_printed(pieces):
    explainer = pieces["explainers"]
    explainer.refresh_from_db()
    run = PrintRun.objects.create(piece=explainer, language="rad", copies=200)
    assert run.revision_id is not None
    assert run.revision_id == explainer.live_revision_id
