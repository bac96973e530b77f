"""Markup typed into a translation never reaches the public page as markup:
translators type words, the markup of a rich-text translation is the
source's own, and whatever a translator types is shown as text."""

import pytest

from tests.factories import (
    FAQAnswerPageFactory,
    PolicyExplainerPageFactory,
    stream,
    translator_user,
)
from tests.locales.sheet import form_data, url

HOSTILE = (
    'Đóng tại bưu điện xã<script>alert("x")</script>'
    '<img src="x" onerror="alert(1)"> <a href="javascript:alert(2)">đây</a>'
)


@pytest.fixture
def reviewer(db):
    return translator_user("y-jut", "en", reviewer=True)


def translate_and_approve(client, piece, user, **texts):
    client.force_login(user)
    data = {**form_data(client, piece, "en", **texts), "action": "submit"}
    client.post(url(piece, "en"), data)
    data = {**form_data(client, piece, "en"), "action": "approve"}
    assert client.post(url(piece, "en"), data).status_code == 302
    client.logout()


def assert_shown_as_text(html: str):
    assert "Đóng tại bưu điện xã&lt;script&gt;" in html
    assert '<a href="https://baohiemxahoi.gov.vn">BHXH</a>' in html
    for code in ("<script", "<img", '<a href="javascript:'):
        assert code not in html


def test_a_stream_paragraph_shows_typed_code_as_text(client, explainer_index, reviewer):
    piece = PolicyExplainerPageFactory(
        parent=explainer_index,
        body_vi=stream(
            (
                "paragraph",
                '<p>Người dân từ đủ 15 tuổi, <a href="https://baohiemxahoi.gov.vn">'
                "BHXH</a>.</p>",
            )
        ),
    )
    piece.save_revision().publish()
    translate_and_approve(
        client, piece, reviewer, **{"Người dân": f"15 {HOSTILE} {{1}}BHXH{{/1}}."}
    )
    assert_shown_as_text(client.get(f"/en/explainers/{piece.slug}/").content.decode())


def test_a_rich_text_field_shows_typed_code_as_text(client, faq_index, reviewer):
    piece = FAQAnswerPageFactory(
        parent=faq_index,
        full_answer_vi='<p>Hỏi <a href="https://baohiemxahoi.gov.vn">BHXH</a>.</p>',
    )
    piece.save_revision().publish()
    translate_and_approve(
        client, piece, reviewer, **{"Hỏi": f"{HOSTILE} {{1}}BHXH{{/1}}."}
    )
    assert_shown_as_text(client.get(f"/en/faq/{piece.slug}/").content.decode())


def test_plain_text_blocks_are_escaped_on_output(client, explainer_index):
    """Headings, figures and steps are plain text: whatever they hold is
    shown as text, never run."""
    code = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    piece = PolicyExplainerPageFactory(
        parent=explainer_index,
        summary_vi=f"Tóm tắt {code}",
        body_vi=stream(
            ("heading", {"text": f"Ai được tham gia {code}"}),
            ("key_figures", [{"value": "91,9 %", "label": code, "source": ""}]),
        ),
    )
    piece.save_revision().publish()
    html = client.get(f"/vi/explainers/{piece.slug}/").content.decode()
    assert "Ai được tham gia &lt;script&gt;" in html
    assert "<script>alert" not in html and "<img src=x" not in html
