"""Translation state is derived from the text and from the source digest each
translation was made from."""

import json

from django.contrib.auth import get_user_model

import pytest

from locales.states import TranslationState, states_for, word_diff
from locales.workflow import record_translation, review
from tests.factories import PolicyExplainerPageFactory

State = TranslationState


@pytest.fixture
def translator(db):
    return get_user_model().objects.create_user("h-nie")


@pytest.fixture
def reviewer(db):
    return get_user_model().objects.create_user("y-jut")


@pytest.fixture
def piece(explainer_index, translator):
    page = PolicyExplainerPageFactory(
        parent=explainer_index,
        summary_vi="Đóng bảo hiểm y tế cho cả nhà.",
        summary_en="Health insurance for the whole family.",
    )
    for field in ("title", "summary", "body"):
        record_translation(page, field, "en", translator)
    return page


def state(page, field, language):
    return states_for([page])[(page.pk, field, language)].state


def test_missing_translation_is_missing(piece):
    assert state(piece, "summary", "rad") == State.MISSING
    assert state(piece, "body", "jra") == State.MISSING


def test_text_without_a_record_counts_as_draft(piece):
    piece.summary_rad = "Klei hriăm"
    piece.save()
    assert state(piece, "summary", "rad") == State.DRAFT


def test_submit_review_and_send_back(piece, translator, reviewer):
    records = record_translation(piece, "summary", "en", translator, submit=True)
    assert state(piece, "summary", "en") == State.NEEDS_REVIEW
    review(piece, records, reviewer, approve=False, comment="Giữ con số 15 %.")
    assert state(piece, "summary", "en") == State.SENT_BACK
    [record] = records
    record.refresh_from_db()
    assert record.review_comment == "Giữ con số 15 %."
    review(piece, records, reviewer, approve=True)
    assert state(piece, "summary", "en") == State.APPROVED
    assert record.translated_by == translator and record.reviewed_by == reviewer


def test_editing_the_source_outdates_exactly_the_dependent_translations(
    piece, translator
):
    piece.title_rad = "Loa"
    record_translation(piece, "title", "rad", translator)
    piece.summary_vi = "Đóng bảo hiểm y tế cho mọi người trong nhà."
    piece.save_revision().publish()
    piece.refresh_from_db()
    assert state(piece, "summary", "en") == State.OUTDATED
    assert state(piece, "title", "en") == State.DRAFT
    assert state(piece, "body", "en") == State.DRAFT
    assert state(piece, "title", "rad") == State.DRAFT


def test_editing_the_body_outdates_its_translations(piece):
    body = list(piece.body_vi.raw_data)
    body[0]["value"] = {"text": "Ai được hỗ trợ?"}
    piece.body_vi = json.dumps(body)
    piece.save_revision().publish()
    piece.refresh_from_db()
    assert state(piece, "body", "en") == State.OUTDATED
    assert state(piece, "summary", "en") == State.DRAFT


def test_republishing_an_unchanged_source_outdates_nothing(piece):
    piece.save_revision().publish()
    piece.refresh_from_db()
    assert {
        value.state for key, value in states_for([piece]).items() if key[2] == "en"
    } == {State.DRAFT}


def test_retranslating_brings_an_outdated_translation_back(piece, translator):
    piece.summary_vi = "Nguồn mới."
    piece.save()
    record_translation(piece, "summary", "en", translator)
    assert state(piece, "summary", "en") == State.DRAFT


def test_source_diff_shows_what_changed(piece):
    assert word_diff(
        "Đóng bảo hiểm y tế cho cả nhà.",
        "Đóng bảo hiểm y tế cho mọi người trong nhà.",
    ) == [
        ("equal", "Đóng bảo hiểm y tế cho"),
        ("delete", "cả"),
        ("insert", "mọi người trong"),
        ("equal", "nhà."),
    ]


def test_states_of_many_pieces_take_constant_queries(
    explainer_index, translator, django_assert_max_num_queries
):
    pieces = [PolicyExplainerPageFactory(parent=explainer_index) for _ in range(20)]
    for page in pieces:
        record_translation(page, "summary", "en", translator)
    with django_assert_max_num_queries(2):
        states = states_for(pieces)
    assert len({key for key in states if key[2] == "en" and key[1] == "summary"}) == 20
