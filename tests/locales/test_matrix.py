"""The translation matrix shows the right state in each cell, in constant
queries, filtered and exported."""

import io

from django.contrib.auth import get_user_model

import pytest
from openpyxl import load_workbook

from locales.fallback import translated_field_names
from locales.matrix import build_matrix
from locales.states import TranslationState
from locales.views.matrix import TranslationMatrixView
from locales.workflow import record_translation, review
from tests.factories import (
    FAQAnswerPageFactory,
    PolicyExplainerPageFactory,
    TopicFactory,
    translator_user,
)

State = TranslationState


@pytest.fixture
def translator(db):
    return get_user_model().objects.create_user("hnie")


@pytest.fixture
def pieces(explainer_index, faq_index, translator):
    """An explainer approved in English and outdated in Ede, and an FAQ
    answer translated into nothing but English (no records)."""
    explainer = PolicyExplainerPageFactory(
        parent=explainer_index, title_rad="Loa", summary_rad="Klei.", body_rad="[]"
    )
    for field in ("title", "summary"):
        record_translation(explainer, field, "rad", translator)
    explainer.summary_vi = "Tóm tắt đã sửa."
    explainer.save_revision().publish()
    for field in ("title", "summary", "body"):
        review(
            explainer,
            record_translation(explainer, field, "en", translator),
            translator,
            True,
        )
    answer = FAQAnswerPageFactory(parent=faq_index)
    return explainer, answer


def cells(matrix, piece):
    return next(row.cells for row in matrix.rows if row.pk == piece.pk)


def test_cells_show_the_worst_state_of_their_fields(pieces):
    explainer, answer = pieces
    matrix = build_matrix()
    assert cells(matrix, explainer)["en"] == State.APPROVED
    # Summary outdated, body missing in Ede: missing is worse.
    assert cells(matrix, explainer)["rad"] == State.MISSING
    assert cells(matrix, explainer)["jra"] == State.MISSING
    assert cells(matrix, answer)["en"] == State.DRAFT
    assert "vi" not in cells(matrix, answer)


def test_percentage_approved_per_language(pieces):
    matrix = build_matrix()
    assert matrix.percentages["en"] == 50
    assert matrix.percentages["rad"] == 0


def test_filters_by_kind_state_and_topic(pieces):
    explainer, answer = pieces
    only_faq = build_matrix(kind="content.faqansweranswerpage")
    assert only_faq.rows == []
    only_faq = build_matrix(kind="content.faqanswerpage")
    assert [row.pk for row in only_faq.rows] == [answer.pk]
    approved = build_matrix(state="approved")
    assert [row.pk for row in approved.rows] == [explainer.pk]
    topic = TopicFactory(slug="withdrawal")
    answer.topics.add(topic)
    answer.save_revision().publish()
    by_topic = build_matrix(topic="withdrawal")
    assert [row.pk for row in by_topic.rows] == [answer.pk]


def test_an_outdated_translation_shows_as_outdated(explainer_index, translator):
    explainer = PolicyExplainerPageFactory(parent=explainer_index)
    for field in ("title", "summary", "body"):
        record_translation(explainer, field, "en", translator)
    explainer.title_vi = "Tiêu đề mới"
    explainer.save_revision().publish()
    assert cells(build_matrix(), explainer)["en"] == State.OUTDATED


def test_matrix_takes_constant_queries(
    explainer_index, translator, django_assert_max_num_queries
):
    for _ in range(30):
        page = PolicyExplainerPageFactory(parent=explainer_index)
        record_translation(page, "summary", "en", translator)
    # The states' generation, then for each kind: its rows, and on the
    # first reading its pieces' states (three queries).
    with django_assert_max_num_queries(12):
        matrix = build_matrix()
    assert len(matrix.rows) == 30
    with django_assert_max_num_queries(4):
        assert build_matrix().rows == matrix.rows


def test_the_matrix_shows_a_change_the_moment_it_is_saved(explainer_index, translator):
    page = PolicyExplainerPageFactory(parent=explainer_index)
    assert build_matrix(languages=["en"]).rows[0].cells["en"] == "draft"
    for field in translated_field_names(type(page)):
        record_translation(page, field, "en", translator, submit=True)
    assert build_matrix(languages=["en"]).rows[0].cells["en"] == "needs_review"
    page.summary_vi = "Đóng theo thu nhập, hưởng lương hưu."
    page.save()
    assert build_matrix(languages=["en"]).rows[0].cells["en"] == "outdated"


def test_admin_page_and_exports(admin_client, pieces):
    explainer, _answer = pieces
    response = admin_client.get("/admin/translations/matrix/")
    assert response.status_code == 200
    html = response.content.decode()
    assert explainer.material_code in html
    assert 'class="state-approved"' in html

    csv_rows = (
        admin_client.get("/admin/translations/matrix/?export=csv")
        .content.decode("utf-8-sig")
        .splitlines()
    )
    assert csv_rows[0].startswith("code,title,kind,en,rad")
    assert any(
        row.startswith(explainer.material_code) and ",approved," in row
        for row in csv_rows
    )

    xlsx = admin_client.get("/admin/translations/matrix/?export=xlsx&kind=")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(row=1, column=1).value == "code"
    assert sheet.max_row == 3


def test_bad_filter_values_are_ignored_not_a_500(admin_client, pieces):
    response = admin_client.get(
        "/admin/translations/matrix/?kind=nope&state=%27;drop&topic=%00"
    )
    assert response.status_code == 200


def test_the_admin_page_shows_rows_a_page_at_a_time(admin_client, pieces, monkeypatch):
    explainer, answer = pieces
    monkeypatch.setattr(TranslationMatrixView, "rows_per_page", 1)
    first = admin_client.get("/admin/translations/matrix/").content.decode()
    second = admin_client.get("/admin/translations/matrix/?p=2").content.decode()
    assert explainer.material_code in first and answer.material_code not in first
    assert answer.material_code in second and explainer.material_code not in second
    # The share approved is over every row, not the page shown.
    assert "50 %" in first and "50 %" in second
    assert admin_client.get("/admin/translations/matrix/?p=abc").status_code == 200


MATRIX = "/admin/translations/matrix/"


@pytest.fixture
def ede_pieces(faq_index):
    """An FAQ answer approved in Ede, and one not translated into Ede; both
    are missing in Jarai."""
    reviewer = translator_user("y-jut", "rad", reviewer=True)
    approved = FAQAnswerPageFactory(parent=faq_index)
    texts = {
        "title": "Dưi mơ̆ng mŭt?",
        "short_answer": "Dưi.",
        "full_answer": "<p>Dưi, ti sang brư̆ čih hră.</p>",
    }
    records = [
        record
        for field, text in texts.items()
        for record in record_translation(
            approved, field, "rad", reviewer, submit=True, text=text
        )
    ]
    review(approved, records, reviewer, approve=True)
    return approved, FAQAnswerPageFactory(parent=faq_index)


def test_a_translator_filters_states_in_their_own_language(client, ede_pieces):
    approved, untranslated = ede_pieces
    client.force_login(translator_user("h-nie", "rad"))
    html = client.get(MATRIX, {"state": "missing"}).content.decode()
    assert untranslated.material_code in html
    assert approved.material_code not in html
    assert ">rad</th>" in html and ">jra</th>" not in html
    # Another language, or all of them, is one choice away.
    html = client.get(MATRIX, {"state": "missing", "language": "jra"}).content.decode()
    assert approved.material_code in html and untranslated.material_code in html
    assert ">jra</th>" in html and ">rad</th>" not in html
    html = client.get(MATRIX, {"state": "missing", "language": ""}).content.decode()
    assert approved.material_code in html
    assert ">rad</th>" in html and ">jra</th>" in html


def test_a_translator_of_two_languages_starts_on_both(client, ede_pieces):
    approved, _untranslated = ede_pieces
    client.force_login(translator_user("h-nie", "rad", "jra"))
    html = client.get(MATRIX, {"state": "missing"}).content.decode()
    assert approved.material_code in html  # missing in Jarai
    assert ">rad</th>" in html and ">jra</th>" in html and ">en</th>" not in html
    assert '<option value="mine" selected>' in html


def test_the_export_follows_the_language_filter(client, ede_pieces):
    _approved, untranslated = ede_pieces
    client.force_login(translator_user("h-nie", "rad"))
    csv_rows = (
        client.get(MATRIX, {"state": "missing", "export": "csv"})
        .content.decode("utf-8-sig")
        .splitlines()
    )
    assert csv_rows[0] == "code,title,kind,rad"
    assert [row.split(",")[0] for row in csv_rows[1:]] == [untranslated.material_code]
    xlsx = client.get(MATRIX, {"state": "missing", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert (sheet.max_row, sheet.max_column) == (2, 4)
