"""A piece on paper stands on its own: every page names the piece and its
page, the legal basis is printed, links lead to the public address, and a
translation that is not approved and current says so on every page."""

import re

from django.contrib.auth import get_user_model

import pytest

from tests.factories import (
    FAQAnswerPageFactory,
    LegalProvisionFactory,
    PolicyExplainerPageFactory,
    stream,
    translator_user,
)
from tests.locales.sheet import form_data, url
from tests.page_forms import publish_in_editor
from tests.pdf_files import fetch_pdf, link_targets, page_texts

PARAGRAPH = (
    "Người tham gia bảo hiểm xã hội tự nguyện được Nhà nước hỗ trợ một phần "
    "tiền đóng, theo tỷ lệ phần trăm trên mức đóng hằng tháng, tùy theo đối "
    "tượng: hộ nghèo, hộ cận nghèo và các đối tượng khác."
)
EDE = {
    "Bảo hiểm y tế hộ gia đình": "Klei mgang kđi asei sang",
    "Giảm 30 %": "Bi hrŏ 30 % kơ pô tal dua hlăm sang.",
    "Ai được tham gia": "Hlei dưi mŭt",
    "Đóng tại bưu điện xã.": "Bi mnga ti sang pŏk hră.",
}
CAVEATS = "Về bản dịch này:"  # Ede has no catalog of its own: Vietnamese


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def long_explainer(explainer_index):
    """An explainer of three pages or so, citing two laws."""
    page = PolicyExplainerPageFactory(
        parent=explainer_index,
        title_vi="Hỗ trợ tiền đóng bảo hiểm xã hội tự nguyện",
        body_vi=stream(*[("paragraph", f"<p>{PARAGRAPH}</p>")] * 40),
    )
    page.legal_basis.set(
        [
            LegalProvisionFactory(number="41/2024/QH15"),
            LegalProvisionFactory(
                number="51/2024/QH15",
                title_vi="Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế",
            ),
        ]
    )
    page.save_revision().publish()
    return page


def test_every_page_names_the_piece_and_its_page_and_the_legal_basis_is_printed(
    client, long_explainer, tmp_path
):
    pdf = fetch_pdf(client, f"/vi/explainers/{long_explainer.slug}/pdf/")
    pages = [flat(text) for text in page_texts(pdf, tmp_path)]
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert long_explainer.material_code in text
        assert "Hỗ trợ tiền đóng bảo hiểm xã hội tự nguyện" in text
        assert re.search(rf"\b{number} ?/ ?{len(pages)}$", text)
    printed = " ".join(pages)
    assert "Căn cứ pháp lý" in printed
    assert "41/2024/QH15 – Luật Bảo hiểm xã hội" in printed
    assert (
        "51/2024/QH15 – Luật sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế"
        in printed
    )


def test_links_lead_to_the_address_the_deployment_sets(
    client, explainer_index, faq_index, settings
):
    settings.LOA_PUBLIC_URL = "https://bhxh.example.vn"
    explainer = PolicyExplainerPageFactory(parent=explainer_index)
    faq = FAQAnswerPageFactory(
        parent=faq_index,
        full_answer_vi=(
            f'<p>Đọc <a linktype="page" id="{explainer.pk}">bài giải thích</a> '
            'hoặc hỏi <a href="https://baohiemxahoi.gov.vn">BHXH</a>.</p>'
        ),
    )
    faq.related_explainers.set([explainer])
    faq.save_revision().publish()
    pdf = fetch_pdf(client, f"/rad/faq/{faq.slug}/pdf/")
    targets = link_targets(pdf)
    explainer_url = f"https://bhxh.example.vn/rad/explainers/{explainer.slug}/"
    assert set(targets) == {
        f"https://bhxh.example.vn/rad/faq/{faq.slug}/",
        explainer_url,
        "https://baohiemxahoi.gov.vn",
    }
    # In the answer's text and under "Read more".
    assert targets.count(explainer_url) == 2


@pytest.fixture
def explainer(explainer_index):
    return PolicyExplainerPageFactory(
        parent=explainer_index,
        title_vi="Bảo hiểm y tế hộ gia đình",
        summary_vi="Giảm 30 % cho người thứ hai trong hộ.",
        body_vi=stream(
            ("heading", {"text": "Ai được tham gia"}),
            ("paragraph", "<p>Đóng tại bưu điện xã.</p>"),
        ),
    )


def caveats_on_each_page(client, page, tmp_path) -> list[str]:
    """The line about the translation on each page of the Ede PDF, or ""."""
    pdf = fetch_pdf(client, f"/rad/explainers/{page.slug}/pdf/")
    lines = []
    for text in page_texts(pdf, tmp_path):
        found = [line for line in text.splitlines() if line.startswith(CAVEATS)]
        lines.append(found[0] if found else "")
    return lines


def test_paper_says_when_ede_text_falls_back_is_unreviewed_or_outdated(
    client, explainer, tmp_path
):
    translator = translator_user("h-nie", "rad")
    reviewer = translator_user("y-jut", "rad", reviewer=True)
    editor = get_user_model().objects.create_superuser("lan")

    # Nothing in Ede yet: shown in Vietnamese, and the paper says so.
    assert caveats_on_each_page(client, explainer, tmp_path) == [
        f"{CAVEATS} một phần hiển thị bằng Tiếng Việt"
    ]

    # An editor types Ede straight into the page: public, checked by no one.
    publish_in_editor(
        client,
        explainer,
        editor,
        title_rad=EDE["Bảo hiểm y tế hộ gia đình"],
        summary_rad=EDE["Giảm 30 %"],
    )
    pdf = fetch_pdf(client, f"/rad/explainers/{explainer.slug}/pdf/")
    first_page = flat(page_texts(pdf, tmp_path)[0])
    assert "Bản dịch này chưa được người duyệt kiểm tra." in first_page
    assert caveats_on_each_page(client, explainer, tmp_path) == [
        f"{CAVEATS} một phần hiển thị bằng Tiếng Việt · chưa được người duyệt kiểm tra"
    ]

    # Translated and approved through the translators' screens: nothing to say.
    client.force_login(translator)
    client.post(
        url(explainer, "rad"),
        {**form_data(client, explainer, "rad", **EDE), "action": "submit"},
    )
    client.force_login(reviewer)
    client.post(
        url(explainer, "rad"),
        {**form_data(client, explainer, "rad"), "action": "approve"},
    )
    client.logout()
    explainer.refresh_from_db()
    assert caveats_on_each_page(client, explainer, tmp_path) == [""]

    # The Vietnamese changes: the Ede copy was made from an earlier version.
    publish_in_editor(
        client,
        explainer,
        editor,
        summary_vi="Giảm 30 % cho người thứ hai trong hộ, từ năm 2026.",
    )
    assert caveats_on_each_page(client, explainer, tmp_path) == [
        f"{CAVEATS} dịch từ phiên bản cũ của bản gốc"
    ]


def test_the_source_language_has_no_caveats(client, explainer, tmp_path):
    pdf = fetch_pdf(client, f"/vi/explainers/{explainer.slug}/pdf/")
    assert not re.search(CAVEATS, " ".join(page_texts(pdf, tmp_path)))
