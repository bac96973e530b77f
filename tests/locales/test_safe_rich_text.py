"""A translation carrying HTML code (typed in the sheet or imported) reaches
the public page without it: rich text keeps only what Wagtail's editor
allows, and the words."""

import json

from django.contrib.auth import get_user_model

import pytest

from locales.states import TranslationState, states_for
from locales.workflow import record_translation, review
from tests.factories import FAQAnswerPageFactory, PolicyExplainerPageFactory, stream

HOSTILE = (
    '<p>Đóng tại bưu điện xã<script>alert("x")</script>'
    '<img src="x" onerror="alert(1)"> <a href="javascript:alert(2)">đây</a> '
    '<a href="https://baohiemxahoi.gov.vn">BHXH</a></p>'
)


@pytest.fixture
def reviewer(db):
    return get_user_model().objects.create_superuser("y-jut")


def approve(piece, field, text, user):
    record = record_translation(piece, field, "en", user, submit=True, text=text)
    review(piece, [record], user, approve=True)
    # The record keeps what went public, so the state stays approved.
    piece.refresh_from_db()
    state = states_for([piece])[(piece.pk, field, "en")].state
    assert state == TranslationState.APPROVED


def assert_safe(html: str):
    assert "Đóng tại bưu điện xã" in html
    assert '<a href="https://baohiemxahoi.gov.vn">BHXH</a>' in html
    for code in ("<script", "onerror", "javascript:", "<img"):
        assert code not in html


def test_a_stream_paragraph_loses_its_code(client, explainer_index, reviewer):
    piece = PolicyExplainerPageFactory(
        parent=explainer_index,
        body_vi=stream(("paragraph", "<p>Người dân từ đủ 15 tuổi.</p>")),
    )
    piece.save_revision().publish()
    raw = list(piece.body_vi.raw_data)
    raw[0]["value"] = HOSTILE
    approve(piece, "body", json.dumps(raw), reviewer)
    assert_safe(client.get(f"/en/explainers/{piece.slug}/").content.decode())


def test_a_rich_text_field_loses_its_code(client, faq_index, reviewer):
    piece = FAQAnswerPageFactory(parent=faq_index)
    piece.save_revision().publish()
    approve(piece, "full_answer", HOSTILE, reviewer)
    assert_safe(client.get(f"/en/faq/{piece.slug}/").content.decode())


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
