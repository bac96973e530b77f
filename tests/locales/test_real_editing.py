"""Translations stay true when editors use Wagtail's own editor: the edit
form is posted as the browser sends it (Draftail adds block keys, a list
saved by the editor becomes items with ids), and translators and reviewers
work through their screens."""

import copy

from django.contrib.auth import get_user_model

from wagtail.test.utils.form_data import rich_text

import polib
import pytest

from locales.attestation import attestation_for
from locales.exchange.export import export_units
from locales.exchange.formats import read, write
from locales.exchange.importer import plan_import
from locales.states import TranslationState, unit_states
from tests.factories import (
    FAQAnswerPageFactory,
    PolicyExplainerPageFactory,
    translator_user,
)
from tests.locales.sheet import approve, form_data, translate, url
from tests.page_forms import publish_in_editor
from tests.pdf_files import fetch_pdf, poppler

State = TranslationState

# Stored as the demo stored it before: paragraphs without block keys, lists
# in the older plain form, blocks without ids.
LEGACY_BODY = [
    {"type": "heading", "value": {"text": "Ai được tham gia"}},
    {
        "type": "paragraph",
        "value": "<p>Người dân từ đủ <b>15 tuổi</b>.</p><p>Đóng tại bưu điện xã.</p>",
    },
    {
        "type": "key_figures",
        "value": [
            {"value": "91,9 %", "label": "Dân số có thẻ BHYT", "source": ""},
            {"value": "41.724", "label": "Người tham gia tự nguyện", "source": ""},
        ],
    },
    {
        "type": "steps",
        "value": [{"title": "Mang căn cước", "text": "Đến bưu điện xã."}],
    },
]
EDE = {
    "Bảo hiểm y tế hộ gia đình": "Klei mgang kđi asei sang",
    "Giảm 30 %": "Bi hrŏ 30 % kơ pô tal dua hlăm sang.",
    "Ai được tham gia": "Hlei dưi mŭt",
    "Người dân từ đủ": "Mnuih mâo {1}15 thŭn{/1}.",
    "Đóng tại bưu điện xã.": "Bi mnga ti sang pŏk hră.",
    "91,9 %": "91,9 %",
    "Dân số có thẻ BHYT": "Mnuih mâo hră BHYT",
    "41.724": "41.724",
    "Người tham gia tự nguyện": "Mnuih mŭt hŏng ai tiê",
    "Mang căn cước": "Djă ba hră",
    "Đến bưu điện xã.": "Nao kơ sang pŏk hră.",
}


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("lan")


@pytest.fixture
def translator(db):
    return translator_user("h-nie", "rad")


@pytest.fixture
def reviewer(db):
    return translator_user("y-jut", "rad", reviewer=True)


@pytest.fixture
def faq_answer(faq_index):
    """A published FAQ answer of two paragraphs."""
    page = FAQAnswerPageFactory(
        parent=faq_index,
        title_vi="Mua thẻ ở đâu?",
        full_answer_vi="<p>Có, tại bưu điện xã.</p><p>Mang thẻ.</p>",
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def explainer(explainer_index):
    page = PolicyExplainerPageFactory(
        parent=explainer_index,
        title_vi="Bảo hiểm y tế hộ gia đình",
        summary_vi="Giảm 30 % cho người thứ hai trong hộ.",
        body_vi=copy.deepcopy(LEGACY_BODY),
    )
    page.save_revision().publish()
    return page


def states(page, language="rad"):
    return unit_states(page, language)


def test_publishing_without_a_change_outdates_nothing(
    client, explainer, editor, translator, reviewer
):
    translate(client, explainer, translator, EDE)
    approve(client, explainer, reviewer)
    assert set(states(explainer).values()) == {State.APPROVED}

    publish_in_editor(client, explainer, editor)
    # The editor rewrote the lists as items with ids and keyed the paragraphs.
    body = list(explainer.body_vi.raw_data)
    assert body[2]["value"][0]["type"] == "item"
    assert 'data-block-key="' in body[1]["value"]
    assert set(states(explainer).values()) == {State.APPROVED}
    assert set(states(explainer, "en").values()) <= {State.DRAFT, State.MISSING}


def test_an_faq_answer_published_unchanged_stays_approved(
    client, faq_answer, editor, translator, reviewer
):
    page = faq_answer
    texts = {"Có, tại": "Ơ, ti sang pŏk hră.", "Mang thẻ.": "Djă hră."}
    translate(
        client, page, translator, {**texts, "Mua thẻ": "Blei hră ti anôk?", "Có.": "Ơ."}
    )
    approve(client, page, reviewer)
    assert set(states(page).values()) == {State.APPROVED}
    publish_in_editor(client, page, editor)
    assert 'data-block-key="' in page.full_answer_vi
    assert set(states(page).values()) == {State.APPROVED}


def test_changing_one_paragraph_outdates_that_unit_only(
    client, explainer, editor, translator, reviewer
):
    translate(client, explainer, translator, EDE)
    approve(client, explainer, reviewer)
    publish_in_editor(client, explainer, editor)

    body = copy.deepcopy(list(explainer.body_vi.raw_data))
    body[1]["value"] = body[1]["value"].replace("bưu điện xã", "bưu điện xã, UBND")
    publish_in_editor(client, explainer, editor, streams={"body_vi": body})

    changed = {
        key: state
        for key, state in states(explainer).items()
        if state != State.APPROVED
    }
    assert list(changed.values()) == [State.OUTDATED]
    [(field, path)] = changed
    assert field == "body" and path.endswith("/#1")
    client.force_login(translator)
    html = client.get(url(explainer, "rad")).content.decode()
    assert html.count("<ins>") == 1 and "<ins>xã, UBND.</ins>" in html
    # The key figures and steps kept their translations through the rewrite.
    assert "Mnuih mâo hră BHYT" in html and "Djă ba hră" in html


def test_an_older_export_conflicts_only_on_the_unit_that_changed(
    client, explainer, editor, translator, reviewer
):
    translate(client, explainer, translator, EDE, action="save")
    exported = write(export_units([explainer], "rad"), "xliff")
    publish_in_editor(client, explainer, editor)
    assert not plan_import(read("rad.xlf", exported)).conflicts

    body = copy.deepcopy(list(explainer.body_vi.raw_data))
    body[0]["value"]["text"] = "Ai được tham gia BHYT"
    publish_in_editor(client, explainer, editor, streams={"body_vi": body})
    conflicts = plan_import(read("rad.xlf", exported)).conflicts
    assert [conflict.key.rsplit(":", 1)[-1] for conflict in conflicts] == [
        f"{body[0]['id']}/text"
    ]


def test_attestation_credits_only_approved_live_text(
    client, explainer, translator, reviewer, tmp_path
):
    translate(client, explainer, translator, EDE, action="save")
    assert attestation_for(explainer, "rad") is None

    translate(client, explainer, translator, {})
    client.force_login(reviewer)
    data = {
        **form_data(client, explainer, "rad"),
        "action": "send_back",
        "comment": "Dùng từ trong bảng.",
    }
    client.post(url(explainer, "rad"), data)
    explainer.refresh_from_db()
    assert attestation_for(explainer, "rad") is None
    client.logout()
    public = client.get(f"/rad/explainers/{explainer.slug}/").content.decode()
    assert "y-jut" not in public and "h-nie" not in public
    pdf = fetch_pdf(client, f"/rad/explainers/{explainer.slug}/pdf/")
    printed = poppler("pdftotext", pdf, tmp_path, "-enc", "UTF-8")
    assert "y-jut" not in printed and "h-nie" not in printed


def test_a_reviewer_corrects_and_approves_in_one_step(
    client, explainer, translator, reviewer
):
    translate(client, explainer, translator, EDE)
    response = approve(
        client,
        explainer,
        reviewer,
        **{"Bảo hiểm y tế hộ gia đình": "Klei mgang kđi asei hlăm sang"},
    )
    assert response.status_code == 302
    explainer.refresh_from_db()
    assert explainer.title_rad == "Klei mgang kđi asei hlăm sang"
    attestation = attestation_for(explainer, "rad")
    assert attestation.translators == ("h-nie",)
    assert attestation.revisers == ("y-jut",)
    assert attestation.reviewers == ("y-jut",)
    assert attestation.fully_approved
    client.logout()
    public = client.get(f"/rad/explainers/{explainer.slug}/").content.decode()
    assert "Klei mgang kđi asei hlăm sang" in public
    assert "h-nie" in public and "y-jut" in public


def test_a_lost_placeholder_is_refused_with_the_units_label(
    client, explainer, translator
):
    texts = {**EDE, "Người dân từ đủ": "Mnuih mâo 15 thŭn."}
    response = translate(client, explainer, translator, texts, action="save")
    assert response.status_code == 400
    html = response.content.decode()
    assert "{1}" in html and "Mnuih mâo 15 thŭn." in html
    assert not states(explainer) or State.DRAFT not in set(states(explainer).values())


def test_paragraphs_and_markup_keep_the_sources_structure(
    client, explainer, translator, reviewer
):
    translate(client, explainer, translator, EDE)
    approve(client, explainer, reviewer)
    explainer.refresh_from_db()
    paragraph = list(explainer.body_rad.raw_data)[1]["value"]
    assert paragraph.count("<p") == 2
    assert "Mnuih mâo <b>15 thŭn</b>." in paragraph


def test_a_comment_on_all_units_is_shown_once_and_one_on_a_unit_beside_it(
    client, explainer, translator, reviewer
):
    translate(client, explainer, translator, EDE)
    client.force_login(reviewer)
    data = {**form_data(client, explainer, "rad"), "action": "send_back"}
    data["comment"] = "Dùng từ trong bảng thuật ngữ."
    [title_comment] = [key for key in data if key.startswith("comment:title:")]
    data[title_comment] = "Tên này quá dài."
    client.post(url(explainer, "rad"), data)
    client.force_login(translator)
    assert client.get("/admin/translations/").status_code == 302
    html = client.get(url(explainer, "rad")).content.decode()
    assert html.count("Dùng từ trong bảng thuật ngữ.") == 1
    assert html.count("Tên này quá dài.") == 1
    assert set(states(explainer).values()) == {State.SENT_BACK}


def test_moved_markup_stays_approved_and_on_its_words(
    client, faq_index, translator, reviewer
):
    page = FAQAnswerPageFactory(
        parent=faq_index,
        title_vi="Hỏi ở đâu?",
        full_answer_vi=(
            '<p>Gọi <a href="https://baohiemxahoi.gov.vn">tổng đài</a> '
            "hoặc xem <b>trang</b>.</p>"
        ),
    )
    page.save_revision().publish()
    texts = {
        "Hỏi ở đâu?": "Êmuh ti anôk?",
        "Có.": "Ơ.",
        "Gọi": "Dlăng {2}hră{/2} amâodah iêu {1}sang pŏk{/1}.",
    }
    translate(client, page, translator, texts)
    approve(client, page, reviewer)
    page.refresh_from_db()
    assert "<b>hră</b>" in page.full_answer_rad
    assert '<a href="https://baohiemxahoi.gov.vn">sang pŏk</a>' in page.full_answer_rad
    assert set(states(page).values()) == {State.APPROVED}
    assert attestation_for(page, "rad").fully_approved


def test_submitting_leaves_outdated_units_to_be_brought_up_to_date(
    client, explainer, editor, translator, reviewer
):
    translate(client, explainer, translator, EDE)
    approve(client, explainer, reviewer)
    body = copy.deepcopy(list(explainer.body_vi.raw_data))
    body[0]["value"]["text"] = "Ai được tham gia BHYT"
    publish_in_editor(client, explainer, editor, streams={"body_vi": body})
    translate(client, explainer, translator, {})
    assert list(states(explainer).values()).count(State.OUTDATED) == 1
    assert State.NEEDS_REVIEW not in set(states(explainer).values())


def test_translations_follow_their_paragraph_when_one_is_inserted_above(
    client, faq_answer, editor, translator, reviewer
):
    page = faq_answer
    texts = {
        "Mua thẻ": "Blei hră ti anôk?",
        "Có.": "Ơ.",
        "Có, tại": "Ơ, ti sang pŏk hră.",
        "Mang thẻ.": "Djă hră.",
    }
    translate(client, page, translator, texts)
    approve(client, page, reviewer)

    answer = "<p>Từ năm 2025:</p>" + page.full_answer_vi
    publish_in_editor(client, page, editor, full_answer_vi=rich_text(answer))
    by_state = {}
    for (field, path), state in states(page).items():
        by_state.setdefault(state, []).append((field, path))

    assert by_state[State.MISSING] == [("full_answer", "#0")]
    assert State.OUTDATED not in by_state
    page.refresh_from_db()
    assert page.full_answer_rad.count("<p") == 3
    assert "Ơ, ti sang pŏk hră." in page.full_answer_rad.split("</p>")[1]
    assert "Djă hră." in page.full_answer_rad.split("</p>")[2]


def test_a_paragraph_not_yet_approved_is_marked_as_the_source_language(
    client, faq_answer, translator, reviewer
):
    page = faq_answer
    translate(client, page, translator, {"Mang thẻ.": "Djă hră."})
    approve(client, page, reviewer)
    page.refresh_from_db()
    first, second = page.full_answer_rad.split("</p>")[:2]
    assert 'lang="vi"' in first and "Có, tại bưu điện xã." in first
    assert "lang=" not in second and "Djă hră." in second
    assert attestation_for(page, "rad").untranslated == 3


def test_a_later_approval_in_the_same_text_keeps_the_mark(
    client, faq_index, translator, reviewer
):
    page = FAQAnswerPageFactory(
        parent=faq_index,
        title_vi="Mua thẻ ở đâu?",
        full_answer_vi="<p>Có, tại bưu điện xã.</p><p>Mang thẻ.</p><p>Mang tiền.</p>",
    )
    page.save_revision().publish()
    translate(client, page, translator, {"Mang tiền.": "Djă prăk."})
    approve(client, page, reviewer)
    translate(client, page, translator, {"Mang thẻ.": "Djă hră."})
    approve(client, page, reviewer)
    page.refresh_from_db()
    first, second, third = page.full_answer_rad.split("</p>")[:3]
    assert 'lang="vi"' in first
    assert "Djă hră." in second and "Djă prăk." in third


def test_an_export_of_units_waiting_for_review_has_exactly_those(
    client, explainer, translator
):
    translate(client, explainer, translator, {"Bảo hiểm y tế hộ gia đình": "Klei"})
    client.force_login(translator)
    response = client.post(
        "/admin/translations/export/",
        {"language": "rad", "format": "po", "state": "needs_review"},
    )
    exported = [entry.msgid for entry in polib.pofile(response.content.decode())]
    assert exported == ["Bảo hiểm y tế hộ gia đình"]
